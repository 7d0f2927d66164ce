// The playbook's shape, mirroring schema/playbook.schema.json (the schema is what validates;
// these types are what the rest of the code reads after validation).

/** Where a fact comes from, so the UI can cite it. */
export interface SourceRef {
  document: string;
  section?: string;
  url?: string;
}

/** One statement from a source document (Markdown). */
export interface Fact {
  text: string;
  source: SourceRef;
}

export interface Link {
  name: string;
  url?: string;
  purpose?: string;
  source: SourceRef;
}

export interface Product {
  id: string;
  code?: string;
  title: string;
  source?: SourceRef;
}

export interface EligibilitySection {
  lastUsageDays: number;
  goodFaithDays: number;
  /** An identity document whose instance started more than this many days ago draws a warning (default 365). */
  identityDocumentDays?: number;
  notes?: Fact[];
}

export interface MarketplaceSection {
  productSupportConnection?: Fact;
  productIds?: Fact;
  subscriptionReport: {
    fields: { name: string; meaning: string }[];
    facts: Fact[];
    source: SourceRef;
  };
  reportingLag: Fact;
  confirmation: {
    facts?: Fact[];
    steps: Fact[];
    sellerMustOwnProductCode: Fact;
    example: {
      productCode: string;
      instanceId: string;
      ownerAccount: string;
      command: string;
      output: string;
      source: SourceRef;
    };
  };
}

export interface ScopeItem {
  item: string;
  source: SourceRef;
}

export interface ScopeSection {
  provider: string;
  supportType: string;
  definition: Fact;
  inScope: ScopeItem[];
  outOfScope: ScopeItem[];
  managedServices?: { includes: string[]; text: string; url?: string; source: SourceRef };
  notes?: Fact[];
}

export interface ContactsSection {
  escalationWhen?: Fact;
  /** What to have ready before calling an escalation number. */
  beforeCalling?: Fact[];
  escalationPhones: { region: string; number: string; source: SourceRef }[];
  emails?: { address: string; purpose: string; source: SourceRef }[];
  portals?: Link[];
}

export interface Channel {
  id: string;
  name: string;
  provider: string;
  phoneSupport?: boolean;
  hours?: string[];
  email?: string;
  url?: string;
  requirements?: string[];
  bestEffort?: boolean;
  facts?: Fact[];
  source: SourceRef;
}

export interface PurchasePath {
  id: string;
  purchase: string;
  phoneSupport: boolean;
  channels: string[];
  note?: string;
  url?: string;
  source: SourceRef;
}

export interface AccountSetupSection {
  title: string;
  appliesTo?: Fact[];
  otherwise?: Link[];
  steps: {
    id: string;
    title: string;
    text: string;
    url?: string;
    menuPath?: string[];
    source: SourceRef;
  }[];
}

export interface FaqEntry {
  question: string;
  answer: string[];
  source: SourceRef;
}

export type FieldKind =
  | 'text'
  | 'multiline'
  | 'instanceId'
  | 'amiId'
  | 'account'
  | 'region'
  | 'productCode'
  | 'filePath'
  | 'choice'
  | 'httpStatus';

/** Playbook data a choice field takes its options from (see the schema's field.optionsFrom). */
export type OptionsSource = 'escalationRegions' | 'faq' | 'purchasePaths';

/** Playbook sections a rendered case carries (see the schema's caseTemplate.include). */
export type CaseInclude = 'callSheet' | 'accountSetup';

export interface FileLocation {
  label: string;
  path: string;
  how?: string;
  /** The value of the field named by `locationFrom` that picks this location. */
  when?: string;
  source?: SourceRef;
}

export interface TemplateField {
  id: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  hint?: string;
  verbatim?: boolean;
  options?: string[];
  optionsFrom?: OptionsSource;
  /** For multiline: 'json' pretty-prints a value that parses. */
  format?: 'json';
  locations?: FileLocation[];
  /** Id of the choice field whose value picks one of `locations` (by `when`). */
  locationFrom?: string;
}

export interface CaseTemplate {
  id: string;
  title: string;
  summary: string;
  channel?: string;
  guidance?: Fact[];
  include?: CaseInclude[];
  fields: TemplateField[];
}

/**
 * Which customers a support line is for: a product the account holds whose id, code or title matches,
 * or the account itself (every account a partner resells). Ids and codes match exactly; a title matches
 * when it contains one of `titles`, case aside ("Ubuntu Pro" covers "Ubuntu Pro 22.04 LTS").
 */
export interface LineProducts {
  ids?: string[];
  codes?: string[];
  titles?: string[];
  /** 12-digit AWS accounts the line covers whatever they hold, e.g. the accounts a partner resells. */
  accounts?: string[];
}

/** The sections each support line has (its own, or the top-level one every line shares). */
export const LINE_SECTIONS = [
  'scope',
  'contacts',
  'channels',
  'purchasePaths',
  'accountSetup',
  'faq',
  'caseTemplates',
] as const;
export type LineSection = (typeof LINE_SECTIONS)[number];

/** The sections of a support line; at the playbook's top level, the ones every line shares. */
export interface LineSections {
  scope?: ScopeSection;
  contacts?: ContactsSection;
  channels?: Channel[];
  purchasePaths?: PurchasePath[];
  accountSetup?: AccountSetupSection;
  faq?: FaqEntry[];
  caseTemplates?: CaseTemplate[];
}

/**
 * One support line: a product line the team supports, with whom it is for and its own scope, contacts,
 * channels, purchase paths, set-up, FAQ and case templates. A section the line leaves out comes from the
 * playbook's top level (shared by every line); see lineView in support-lines.ts.
 */
export interface SupportLine extends LineSections {
  id: string;
  name: string;
  summary?: string;
  products?: LineProducts;
}

/**
 * The effective playbook (after the default and a team file are merged): the shared sections, the
 * support lines, and the line that applies when no customer is in hand or none of their products is listed.
 * Top-level line sections (`scope` ... `caseTemplates`) are shared by every line.
 */
export interface Playbook extends LineSections {
  $schema?: string;
  name: string;
  version: number;
  products: Product[];
  eligibility: EligibilitySection;
  marketplace: MarketplaceSection;
  /** Id of the line shown when no customer is in hand, or when no line lists the customer's products. */
  defaultLine: string;
  lines: SupportLine[];
}

/**
 * The playbook as one support line sees it: the shared sections with that line's scope, contacts,
 * channels and the rest (its own before the shared ones). What the scope search, the case renderer, the
 * call sheet and the panel's sections read.
 */
export interface LinePlaybook {
  name: string;
  line: { id: string; name: string; summary?: string };
  products: Product[];
  eligibility: EligibilitySection;
  marketplace: MarketplaceSection;
  scope: ScopeSection;
  contacts: ContactsSection;
  channels: Channel[];
  purchasePaths: PurchasePath[];
  accountSetup?: AccountSetupSection;
  faq: FaqEntry[];
  caseTemplates: CaseTemplate[];
}

/** The top-level sections a team playbook may replace one by one. */
export const PLAYBOOK_SECTIONS = [
  'name',
  'version',
  'products',
  'eligibility',
  'marketplace',
  'defaultLine',
  'lines',
  ...LINE_SECTIONS,
] as const satisfies readonly (keyof Playbook)[];

export type PlaybookSection = (typeof PLAYBOOK_SECTIONS)[number];

export type ScopeKind = 'in-scope' | 'out-of-scope' | 'managed-service';

export interface ScopeMatch {
  kind: ScopeKind;
  /** The listed item, as the playbook words it. */
  item: string;
  /** The request's words (normalized) that the item shares. */
  words: string[];
  /** Higher is better: each shared word counts 1 / (number of items that have it), so "AWS" alone weighs little. */
  score: number;
  source: SourceRef;
}

export interface ScopeAnswer {
  /** The kind of the best match, or 'none' when no listed item shares a word with the request. */
  answer: ScopeKind | 'none';
  /** Best first, at most five. */
  matches: ScopeMatch[];
}
