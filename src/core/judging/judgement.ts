// The verdicts of one moment: every source of entitlement evidence the product holds, judged on one day under one
// eligibility policy. Each source answers in its own typed words, beside its origin and age; nothing here fuses them
// (issue 20 does), so a caller shows each source's answer apart and says where it came from.
import type {
  EvidenceSource,
  Heard,
  Hearing,
  JudgingOn,
  Question,
  SourceAnswers,
  SourceKind,
} from './evidence-source';
import type { ReportsEvidence } from './reports-evidence';

/**
 * The sources one Judgement holds, at most one of each kind, each as its own class (the tree lists the reports'
 * store). A new source adds its optional key here beside its SourceAnswers key.
 */
export interface EvidenceSources {
  readonly reports?: ReportsEvidence;
}

/**
 * The verdicts of one moment: `sources` judged on `on.day` under `on.policy`. Immutable: built once per change of
 * the sources, the day or the policy (ui/judging/judge.ts builds it in the extension), so every view that holds the
 * same Judgement shows the same verdicts. Each question is answered by every source held, apart.
 */
export class Judgement {
  private freshnessHeard?: Hearing<'freshness'>;

  constructor(
    readonly on: JudgingOn,
    readonly sources: EvidenceSources,
  ) {}

  /** The account's verdict from each source (every product of it in the reports, best first). */
  account(account: string): Hearing<'account'> {
    return this.hear((source) => source.account(account, this.on));
  }

  /** The account's verdict for one product from each source (judged even when the source does not list it). */
  subscription(account: string, productId: string): Hearing<'subscription'> {
    return this.hear((source) => source.subscription(account, productId, this.on));
  }

  /** How current each source is on the judging day (stale: load newer evidence). */
  freshness(): Hearing<'freshness'> {
    return (this.freshnessHeard ??= this.hear((source) => source.freshness(this.on)));
  }

  private hear<Q extends Question>(
    ask: (source: EvidenceSource<SourceKind>) => SourceAnswers[SourceKind][Q],
  ): Hearing<Q> {
    const heard: Partial<Record<SourceKind, Heard<unknown>>> = {};
    for (const source of Object.values(this.sources) as EvidenceSource<SourceKind>[])
      heard[source.kind] = { origin: source.origin, answer: ask(source) };
    return heard as Hearing<Q>;
  }
}
