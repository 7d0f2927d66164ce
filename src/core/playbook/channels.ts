// Which support channels a purchase path gets, and which it does not: the question behind
// "can this customer call us?".
import type { Channel, LinePlaybook, PurchasePath } from './types';

export interface PurchaseChannels {
  path: PurchasePath;
  /** The channels the playbook names for this purchase, in its order. */
  applies: Channel[];
  /** Every other channel of the playbook: the customer is not entitled to these. */
  doesNotApply: Channel[];
}

/** The channels of the purchase path with id `pathId`, or undefined when the playbook has no such path. */
export function channelsForPurchase(
  playbook: LinePlaybook,
  pathId: string,
): PurchaseChannels | undefined {
  const path = playbook.purchasePaths.find((p) => p.id === pathId);
  if (!path) return undefined;
  const applies = path.channels
    .map((id) => playbook.channels.find((c) => c.id === id))
    .filter((c): c is Channel => c !== undefined);
  return {
    path,
    applies,
    doesNotApply: playbook.channels.filter((c) => !path.channels.includes(c.id)),
  };
}
