// `--line ID` for the commands that answer from one support line (playbook show and scope, case): the
// line asked for, else the line of the customer given with --account (its products in --reports), else
// the playbook's default line. Said on stderr, so an engineer sees whose scope and channels they read.
import type { AwsSettings } from '../aws/profiles';
import { parseTypedAccount } from '../core/ids';
import {
  chooseLine,
  productsOfAccount,
  type CustomerProduct,
  type LineChoice,
} from '../core/playbook';
import type { Playbook } from '../core/playbook';
import type { SubscriptionStore } from '../core/reports';
import type { OptionDefinitions } from './command-definition';
import { loadSubscriptionReports } from './load-report-paths';
import { UsageError } from './usage';

export const LINE_OPTION = {
  line: {
    type: 'string',
    value: 'ID',
    help: "the support line whose scope, channels, contacts and case templates apply\n(default: the line of --account's products, else the playbook's default line)",
  },
} as const satisfies OptionDefinitions;

/** What picks the line: the --line value, the customer's account, and where their products are read. */
export interface LineQuery {
  line?: string;
  account?: string;
  /** The reports already loaded (case render reads them once), or the paths to load them from. */
  store?: SubscriptionStore;
  reports?: string[];
  asOf?: string;
  aws?: AwsSettings;
}

/**
 * The support line a command answers from (see chooseLine). An unknown --line or a malformed --account is
 * a UsageError (exit 2) naming what to give; so is a --reports path that cannot be read.
 */
export async function lineForCommand(playbook: Playbook, query: LineQuery): Promise<LineChoice> {
  let account: string | undefined;
  let products: CustomerProduct[] = [];
  if (query.account !== undefined) {
    const parsed = parseTypedAccount(query.account);
    if (!parsed.ok) throw new UsageError(`--account: ${parsed.reason}`);
    account = parsed.account;
    const store =
      query.store ??
      (query.reports?.length
        ? (await loadSubscriptionReports(query.reports, { asOf: query.asOf, aws: query.aws })).store
        : undefined);
    if (store) products = productsOfAccount(store, account);
  }
  try {
    return chooseLine(playbook, account, products, query.line);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--line: ${error.message}`);
    throw error;
  }
}

/** "Support line: Ubuntu Pro on AWS (ubuntu-pro): product prod-... is in the Ubuntu Pro on AWS line: ...; other lines: elasticbox". */
export function describeChoice(choice: LineChoice): string {
  const others = choice.matches.filter((m) => m.line.id !== choice.line.id).map((m) => m.line.id);
  return `Support line: ${choice.line.name} (${choice.line.id}): ${choice.why.join('; ')}${others.length ? `; the customer is also in: ${others.join(', ')} (--line ID)` : ''}`;
}
