// Which commands are AWS actions: each calls AWS (EC2, STS, AWS Marketplace, S3) with the engineer's
// profile, so the command table registers it with an enabled and a restricted form, and the manifest
// hides it from every menu in Restricted Mode (`isWorkspaceTrusted`). No vscode here: the unit tests
// hold the manifest against this list.

/** The AWS actions by command id, each with its title as the restricted form says it (the manifest's, without "..."). */
export const AWS_ACTIONS = {
  'supportDesk.confirmInstance': 'Confirm Instance',
  'supportDesk.confirmInstancesFromFile': 'Confirm Instances from File',
  'supportDesk.checkLiveAgreements': 'Check Live Agreements',
  'supportDesk.checkCredentials': 'Retry AWS Credentials',
  'supportDesk.selectProfile': 'Select AWS Profile',
  'supportDesk.selectRegion': 'Select Region',
  'supportDesk.retryS3Reports': 'Retry Reports from S3',
} as const;

/** A command id of AWS_ACTIONS. */
export type AwsActionId = keyof typeof AWS_ACTIONS;
