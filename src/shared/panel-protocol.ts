// The one contract between the Support Desk panel's host (src/ui/panel) and its webview
// (src/webview). Both sides import this file; the host validates every message from the webview
// with parseWebviewMessage before acting on it. Plain JSON shapes only: no functions, no classes.
import type { ConfirmationVerdict } from '../core/confirmations';
import type { Verdict } from '../core/domain';
import type { ScopeAnswer } from '../core/playbook/types';
import type { RedactionCount } from '../core/redaction';
import type { FieldOutline, TemplateOutline } from '../core/case';

export const PANEL_VIEW_TYPE = 'supportDesk.panel';

export const SECTIONS = ['check', 'scope', 'escalation', 'cases', 'channels'] as const;
export type Section = (typeof SECTIONS)[number];

/** A playbook statement as plain text, with where it comes from ("document, “section”"). */
export interface FactView {
  text: string;
  cite: string;
}

/** A case template's form: see TemplateOutline (src/core/case/templates.ts). */
export type TemplateView = TemplateOutline;
export type TemplateFieldView = FieldOutline;

export interface ChannelView {
  id: string;
  name: string;
  provider: string;
  phoneSupport: boolean | null;
  bestEffort: boolean;
  email?: string;
  url?: string;
}

/** Everything the panel shows that does not depend on a question: sent after `ready` and on every change. */
export interface PanelState {
  trusted: boolean;
  playbook: {
    name: string;
    /** "The default playbook" or "Team playbook .support-desk/playbook.json (sections: ...)". */
    origin: string;
    problems: string[];
    /** The line shown when no customer is in hand (see LineView). */
    defaultLine: string;
    lines: LineView[];
  };
  reports: {
    loaded: boolean;
    files: number;
    asOf: string;
    freshness: string;
    stale: boolean;
    products: { id: string; title?: string; code?: string }[];
  };
}

/** What "Check a customer" asks. */
export interface CheckInput {
  account: string;
  instanceId?: string;
  productId?: string;
}

export interface EvidenceLink {
  file: string;
  line: number;
  /** "customer_subscriber_report_2026-11-22.csv:6" */
  label: string;
}

export interface ConfirmationView {
  time: string;
  instanceId: string;
  productCode: string;
  verdict: ConfirmationVerdict;
  ownerId: string | null;
  region: string | null;
  profile: string | null;
  requestId: string | null;
  /** One sentence, e.g. "i-0abc… is running product 4w1… and is owned by 111122223333 (the claimed account)". */
  message: string;
}

export interface CheckResult {
  /**
   * Counts up with every check the host answers (a Check, or the check a Confirm or live search sends
   * back): of two answers for one account, the higher one read the audit log later, so the webview
   * never lets an older one replace it.
   */
  sequence: number;
  /** The 12-digit account checked. */
  account: string;
  /** E.g. "1 was padded to 000000000001: check the number with the customer". */
  warnings: string[];
  /** Null when no reports are loaded. */
  verdict: Verdict | null;
  subscriptions: {
    productId: string;
    productTitle?: string;
    productCode?: string;
    verdict: Verdict;
    reasons: string[];
    evidence: EvidenceLink[];
    /** The date of the newest loaded report that lists the product (YYYY-MM-DD). */
    newestReport?: string;
  }[];
  /** Said once above the products the account is unlisted for (their reasons leave it out). */
  notListed?: string;
  freshness: string;
  stale: boolean;
  /** The good-faith rule, said once here (not in each product's reasons), when the account may be a new subscriber. */
  goodFaith?: string;
  contacts: string[];
  recentConfirmations: ConfirmationView[];
  /**
   * The newest proof beyond the reports the audit log holds for the account, as plain text (what the
   * eligibility case carries): a ConfirmProductInstance answer, a live agreement search and an identity
   * document, each when recorded.
   */
  recorded: { confirmation?: string; live?: string; identity?: string };
  /** The verdict as text, for Copy evidence and the eligibility case. */
  evidenceText: string;
}

/**
 * The product Confirm with AWS asks about: the one chosen in the form, else the account's only listed
 * product with a code; undefined when the engineer must pick it (the Confirm Instance product picker).
 */
export function productToConfirm(
  check: Pick<CheckResult, 'subscriptions'>,
  chosen: string | undefined,
): string | undefined {
  if (chosen) return chosen;
  const listed = check.subscriptions.filter((s) => s.productCode && s.verdict !== 'unlisted');
  return listed.length === 1 ? listed[0].productId : undefined;
}

export type CaseAction = 'copy' | 'openInEditor' | 'save';

/** Requests from the webview; each gets exactly one reply with the same requestId. */
export type PanelRequest =
  | { kind: 'check'; input: CheckInput }
  | { kind: 'confirm'; input: CheckInput }
  | { kind: 'checkLive'; input: CheckInput }
  | { kind: 'searchScope'; text: string; line?: string }
  | { kind: 'renderCase'; templateId: string; values: Record<string, string>; line?: string }
  | {
      kind: 'caseAction';
      action: CaseAction;
      templateId: string;
      values: Record<string, string>;
      account?: string;
      line?: string;
    }
  | { kind: 'copy'; text: string; what: string }
  | { kind: 'openEvidence'; file: string; line: number }
  | { kind: 'openCallSheet'; region?: string; line?: string }
  | SupportLineRequest
  | WhoIsCallingRequest
  | {
      kind: 'verifyIdentity';
      method: 'pkcs7' | 'rsa2048' | 'signature';
      signature: string;
      document?: string;
      account?: string;
      productCode?: string;
    };

/**
 * "Who is calling?": Check a customer's box held an e-mail address, a domain or a company name rather
 * than an account; the host searches the Seller Delivery Data Feeds loaded. `asOf` a day (its end in
 * UTC) or an instant, `knownAt` an instant (as AWS knew it then); empty means none.
 */
export interface WhoIsCallingRequest {
  kind: 'whoIsCalling';
  text: string;
  asOf?: string;
  knownAt?: string;
}

/** One agreement as the panel shows it: the feeds' words, and the feed lines behind it (`file` relative to the feed root). */
export interface FeedAgreementView {
  agreementId: string;
  status: string;
  productTitle?: string;
  productId?: string;
  offerId: string;
  visibility: 'private' | 'public';
  reseller: boolean;
  startTime?: string;
  endTime?: string;
  acceptanceTime?: string;
  evidence: EvidenceLink[];
}

/** The answer to whoIsCalling: the moment judged at in words, and each matching account with its feeds' verdict and agreements. */
export interface WhoIsCallingAnswer {
  /** What was searched for, e.g. `e-mail domain example.org` or `company "acme"`. */
  searched: string;
  /** E.g. "as of 2026-11-22 23:59:59 UTC, as AWS knew it at ...". */
  moment: string;
  /** When the feeds were last delivered (their newest update_date, in words), or why there are no feeds to search. */
  delivered: string;
  matches: {
    account: string;
    company?: string;
    emailDomain?: string;
    verdict: 'eligible' | 'ended' | 'unlisted';
    reasons: string[];
    agreements: FeedAgreementView[];
  }[];
}

/** What each request kind answers with. */
export interface PanelReplies {
  check: CheckResult;
  whoIsCalling: WhoIsCallingAnswer;
  confirm: { confirmation: ConfirmationView | null; check: CheckResult };
  searchScope: ScopeAnswer;
  /** The reports' verdict combined with the account's live AWS Marketplace agreements. */
  checkLive: {
    verdict: Verdict;
    reasons: string[];
    live: {
      verdict: 'active' | 'none' | 'error';
      agreements: {
        agreementId: string;
        status: string;
        productId: string | null;
        startTime: string | null;
        endTime: string | null;
      }[];
      error?: { kind: string; message: string };
      endpoint: string;
      requestIds: string[];
      checkedAt: string;
      profile: string | null;
    };
    /** Set when the search could not be recorded in the audit log ("the audit write failed: PATH: REASON"). */
    auditProblem?: string;
    /** The check again, with the search now among the account's recorded evidence. */
    check: CheckResult;
  };
  renderCase: {
    markdown: string;
    redactions: RedactionCount[];
    errors: { field: string; message: string }[];
    /** The values as redacted: what the webview may keep in its saved state (never a secret). */
    safeValues: Record<string, string>;
  };
  caseAction: { message: string };
  copy: { message: string };
  openEvidence: { message: string };
  openCallSheet: { message: string };
  supportLine: LineChoiceView;
  /**
   * An identity document verified offline with AWS's certificates, recorded in the audit log: two
   * facts apart, `authenticity` (AWS signed it) and `confirmation` (it carries the product, for the
   * account), each a verdict and a sentence; `started` when the instance started; `warnings`.
   */
  verifyIdentity: {
    verified: boolean;
    message: string;
    authenticity: IdentityFactView;
    confirmation: IdentityFactView;
    started?: string;
    warnings: string[];
    checks: { name: string; ok: boolean; detail: string }[];
    auditProblem?: string;
  };
}

export type WebviewMessage =
  { type: 'ready' } | { type: 'request'; requestId: number; request: PanelRequest };

export type HostMessage =
  | { type: 'state'; state: PanelState }
  /** The audit log changed (a confirmation from the palette, the CLI, another window): the answer on screen is checked again. */
  | { type: 'audit' }
  /** Asks the webview to show a section, optionally checking an account or starting a case. */
  | { type: 'show'; section: Section; check?: CheckInput }
  | { type: 'reply'; requestId: number; ok: true; result: PanelReplies[PanelRequest['kind']] }
  | { type: 'reply'; requestId: number; ok: false; error: string };

/**
 * The answer of Check a customer on screen, kept with setState so that hiding the panel loses none of
 * it: the check, the newest Confirm with AWS and live agreement search of this panel (each shown while
 * the account it was made for is the one on screen).
 */
export interface CheckAnswer {
  check: CheckResult;
  confirmation?: { account: string; result: ConfirmationView };
  live?: PanelReplies['checkLive'];
}

/** The state the webview keeps with setState (restored after a reload): no secret, only redacted values. */
/** One fact of an identity document: "Authentic", "Not signed by AWS", "Confirmed", "Not a confirmation"... and its sentence. */
export interface IdentityFactView {
  verdict: string;
  text: string;
  ok: boolean;
}

/** What the engineer pasted in the identity form, kept across redraws (another account checked) and hiding. */
export interface IdentityDraft {
  method: 'pkcs7' | 'signature';
  signature: string;
  document: string;
}

export interface WebviewState {
  section: Section;
  check: CheckInput;
  answer?: CheckAnswer;
  templateId?: string;
  caseValues: Record<string, Record<string, string>>;
  identity?: IdentityDraft;
  /** The support line the scope, escalation, cases and channels sections show (see LineChoiceView). */
  line?: string;
  /** Why that line: the answer to the last supportLine request, for the checked customer. */
  lineChoice?: LineChoiceView;
}

/** The largest message the host accepts, in characters of its JSON (a pasted log fits; a flood does not). */
export const MAX_MESSAGE_CHARS = 1_000_000;
const MAX_TEXT = 200_000;
const MAX_ID = 200;

type Check = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

/** Validates a message from the webview: its type, its shape and its size. */
export function parseWebviewMessage(raw: unknown): Check {
  let size: number;
  try {
    size = JSON.stringify(raw)?.length ?? 0;
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (size > MAX_MESSAGE_CHARS)
    return { ok: false, reason: `${size} characters, more than ${MAX_MESSAGE_CHARS}` };
  if (!isObject(raw)) return { ok: false, reason: 'not an object' };
  if (raw.type === 'ready') return { ok: true, message: { type: 'ready' } };
  if (raw.type !== 'request')
    return { ok: false, reason: `unknown type ${JSON.stringify(raw.type)?.slice(0, 40)}` };
  if (!Number.isSafeInteger(raw.requestId))
    return { ok: false, reason: 'requestId is not an integer' };
  const problem = requestProblem(raw.request);
  return problem ? { ok: false, reason: problem } : { ok: true, message: raw as WebviewMessage };
}

function requestProblem(r: unknown): string | undefined {
  if (!isObject(r)) return 'request is not an object';
  const text = (key: string, max = MAX_TEXT, optional = false) => {
    const v = r[key];
    if (v === undefined && optional) return undefined;
    return typeof v === 'string' && v.length <= max
      ? undefined
      : `${String(r.kind)}.${key} must be a string of at most ${max} characters`;
  };
  switch (r.kind) {
    case 'check':
    case 'confirm':
    case 'checkLive':
      return inputProblem(r.input);
    case 'searchScope':
      return text('text', 2_000) ?? text('line', MAX_ID, true);
    case 'renderCase':
      return text('templateId', MAX_ID) ?? text('line', MAX_ID, true) ?? valuesProblem(r.values);
    case 'caseAction':
      if (!['copy', 'openInEditor', 'save'].includes(r.action as string))
        return `unknown case action ${JSON.stringify(r.action)}`;
      return (
        text('templateId', MAX_ID) ??
        text('account', MAX_ID, true) ??
        text('line', MAX_ID, true) ??
        valuesProblem(r.values)
      );
    case 'supportLine':
      return text('account', MAX_ID, true) ?? text('productId', MAX_ID, true);
    case 'whoIsCalling':
      return text('text', 320) ?? text('asOf', MAX_ID, true) ?? text('knownAt', MAX_ID, true);
    case 'copy':
      return text('text') ?? text('what', MAX_ID);
    case 'openEvidence':
      return (
        text('file', 4_096) ??
        (Number.isSafeInteger(r.line) && (r.line as number) > 0
          ? undefined
          : 'openEvidence.line must be a positive integer')
      );
    case 'openCallSheet':
      return text('region', MAX_ID, true) ?? text('line', MAX_ID, true);
    case 'verifyIdentity':
      if (!['pkcs7', 'rsa2048', 'signature'].includes(r.method as string))
        return `unknown identity method ${JSON.stringify(r.method)?.slice(0, 40)}`;
      return (
        text('signature', 20_000) ??
        text('document', 20_000, true) ??
        text('account', MAX_ID, true) ??
        text('productCode', MAX_ID, true)
      );
    default:
      return `unknown request kind ${JSON.stringify(r.kind)?.slice(0, 40)}`;
  }
}

// ---- Support lines (issue 16 item 3): which line of the playbook the panel's sections show ----

/** One support line as the panel shows it: whom it is for, and its scope, escalation, channels, set-up, FAQ and case forms. */
export interface LineView {
  id: string;
  name: string;
  summary?: string;
  /** Whom the line is for, in words: "titles containing "Ubuntu Pro"", "accounts 723456789012". */
  covers: string;
  scope: {
    provider: string;
    supportType: string;
    definition: FactView;
    inScope: FactView[];
    outOfScope: FactView[];
    managedServices?: { text: string; url?: string; includes: string[]; cite: string };
    notes: FactView[];
    matching: string;
  };
  escalation: {
    when?: FactView;
    phones: { region: string; number: string; href: string; cite: string }[];
    emails: { address: string; purpose: string }[];
    portals: { name: string; url?: string; purpose?: string }[];
    beforeCalling: FactView[];
  };
  purchasePaths: {
    id: string;
    purchase: string;
    phoneSupport: boolean;
    note?: string;
    applies: ChannelView[];
    doesNotApply: ChannelView[];
    cite: string;
  }[];
  accountSetup?: {
    title: string;
    steps: { title: string; text: string; url?: string; cite: string }[];
  };
  faq: { question: string; answer: string; cite: string }[];
  templates: TemplateView[];
}

/** The line for a customer: which, how it was picked, why in words, and every line covering them (the switcher's choices). */
export interface LineChoiceView {
  account?: string;
  line: string;
  by: 'customer' | 'asked' | 'default';
  why: string[];
  matches: { id: string; name: string; reasons: string[] }[];
}

/**
 * Asks which support line covers a checked customer: the account (its products are read from the reports
 * the host holds, not from the webview), or only `productId` when the engineer narrowed the check to it.
 */
export interface SupportLineRequest {
  kind: 'supportLine';
  account?: string;
  productId?: string;
}

function inputProblem(input: unknown): string | undefined {
  if (!isObject(input)) return 'input is not an object';
  for (const key of ['account', 'instanceId', 'productId'] as const) {
    const v = input[key];
    if (key !== 'account' && v === undefined) continue;
    if (typeof v !== 'string' || v.length > MAX_ID)
      return `input.${key} must be a string of at most ${MAX_ID} characters`;
  }
  return undefined;
}

function valuesProblem(values: unknown): string | undefined {
  if (!isObject(values)) return 'values is not an object';
  const entries = Object.entries(values);
  if (entries.length > 100) return 'more than 100 values';
  const bad = entries.find(
    ([key, v]) => key.length > MAX_ID || typeof v !== 'string' || v.length > MAX_TEXT,
  );
  return bad
    ? `value ${JSON.stringify(bad[0].slice(0, 40))} must be a string of at most ${MAX_TEXT} characters`
    : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
