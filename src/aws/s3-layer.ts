// Reading reports from S3, bundled on its own as dist/s3.js and loaded (lazy.ts) only when a report
// path is s3://: the S3 client alone loads in a fifth of the time the whole AWS layer (EC2, the
// Agreement Service) takes, which every CLI run with an S3 path would otherwise pay.
export { S3ReportsError, type S3ProblemKind } from './s3-errors';
export {
  S3Reports,
  type S3FeedFile,
  type S3Listing,
  type S3ReportObject,
  type S3ReportSource,
  type S3Settings,
} from './s3-reports';
