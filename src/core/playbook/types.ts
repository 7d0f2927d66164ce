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
  subscriptionReport: { fields: { name: string; meaning: string }[]; facts: Fact[]; source: SourceRef };
  reportingLag: Fact;
  confirmation: {
    facts?: Fact[];
    steps: Fact[];
    sellerMustOwnProductCode: Fact;
    example: { productCode: string; instanceId: string; ownerAccount: string; command: string; output: string; source: SourceRef };
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
  steps: { id: string; title: string; text: string; url?: string; menuPath?: string[]; source: SourceRef }[];
}

export interface FaqEntry {
  question: string;
  answer: string[];
  source: SourceRef;
}

export type FieldKind = 'text' | 'multiline' | 'instanceId' | 'amiId' | 'account' | 'region' | 'productCode' | 'filePath' | 'choice' | 'httpStatus';

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

/** The effective playbook: every section present (the default fills what a team leaves out). */
export interface Playbook {
  $schema?: string;
  name: string;
  version: number;
  products: Product[];
  eligibility: EligibilitySection;
  marketplace: MarketplaceSection;
  scope: ScopeSection;
  contacts: ContactsSection;
  channels: Channel[];
  purchasePaths: PurchasePath[];
  accountSetup: AccountSetupSection;
  faq: FaqEntry[];
  caseTemplates: CaseTemplate[];
}

/** The sections a team playbook may replace one by one. */
export const PLAYBOOK_SECTIONS = [
  'name',
  'version',
  'products',
  'eligibility',
  'marketplace',
  'scope',
  'contacts',
  'channels',
  'purchasePaths',
  'accountSetup',
  'faq',
  'caseTemplates',
] as const satisfies readonly (keyof Playbook)[];

export type PlaybookSection = (typeof PLAYBOOK_SECTIONS)[number];
