// Seller Delivery Data Feeds: the one door into src/core/feeds. Reading a feed root (AWS's layout
// `<feed>_<version>/year=YYYY/month=MM/data.csv`, feeds recognised by their header), resolving AWS's
// bi-temporal rows at a moment (as of, known at), and answering per AWS account: its agreements,
// products and verdict, and "who is calling?" by company name or e-mail domain.
export type {
  FeedAgreement,
  FeedEntitlement,
  FeedEvidence,
  FeedFileLayout,
  FeedFileSummary,
  FeedFocus,
  FeedInput,
  FeedKind,
  FeedMatch,
  FeedMoment,
  FeedProblem,
  FeedProductVerdict,
  FeedSummary,
  FeedVerdict,
  FeedVisibility,
} from './feed-types';
export type { FeedSet } from './feed-set';
export { FEED_KINDS, FEED_TABLE_NAMES, detectFeed } from './feed-columns';
export {
  describeFeedPlace,
  feedFileLayout,
  feedInputsFromFolder,
  isFeedRoot,
  listFeedFiles,
} from './feed-layout';
export { describeFeedMoment, feedMoment, parseFeedInstant } from './feed-instants';
export { loadFeedFolder, loadFeeds, type LoadFeedsOptions } from './feed-read';
export { feedEntitlement, feedEntitlements } from './feed-entitlement';
export { emailDomainOf, searchFeedsByCompany, searchFeedsByEmailDomain } from './feed-search';
