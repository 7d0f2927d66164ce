// `support-desk confirm`: proves, with ConfirmProductInstance, that an instance carries the
// product code and which account owns it. Exit 0 confirmed, 1 any other verdict, 2 usage or malformed
// input, 3 answered but not recorded in the audit log.
import { loadAws } from '../aws/lazy';
import { resolveAuditPath } from '../core/audit';
import { describeEvidence, malformedResult, validateConfirmationRequest, type ConfirmationRequest } from '../core/confirmation';
import { AWS_OPTIONS, AWS_OPTIONS_HELP, awsSettings, ProductCodes } from './confirm-options';
import { AuditRecorder, EXIT, parseCommandArgs, UsageError, type Command } from './usage';

const HELP = `Usage: support-desk confirm --instance-id ID (--product-code C | --product-id P --reports PATH...)
         [--account A] [--profile NAME] [--region R|auto] [--endpoint-url URL] [--audit PATH]
         [--playbook PATH] [--json]

Asks EC2 (ConfirmProductInstance, with the seller's own profile) whether the instance carries the
product code and which account owns it. Verdicts: confirmed, owner-mismatch, not-attached, error.
  --account A         the account the customer claims (12 digits; dashes and spaces are fine)
${AWS_OPTIONS_HELP}
Without --json it prints the verdict and its evidence (owner, region and where it came from,
request id, time, profile), ready to paste into a case.
Exit status: 0 confirmed, 1 any other verdict, 2 usage error or malformed input (nothing sent),
3 answered but the audit log could not be written (the verdict is printed).`;

export const confirm: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    ...AWS_OPTIONS,
    'instance-id': { type: 'string' },
    account: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  const instanceId = values['instance-id'];
  if (instanceId === undefined) throw new UsageError(`give the instance with --instance-id ID\n\n${HELP}`);
  if (values['product-code'] !== undefined && values['product-id'] !== undefined) throw new UsageError('give either --product-code or --product-id, not both');
  if (values['product-code'] === undefined && values['product-id'] === undefined) {
    throw new UsageError(`give the product with --product-code C, or --product-id P --reports PATH...\n\n${HELP}`);
  }
  const settings = awsSettings(values);
  const product = values['product-id'] === undefined
    ? { code: values['product-code'] as string, problem: null }
    : await new ProductCodes([...(values.reports ?? []), ...positionals], values.playbook).resolve(values['product-id']);
  const req: ConfirmationRequest = {
    instanceId,
    productCode: product.code,
    ...(values.account !== undefined ? { claimedAccount: values.account } : {}),
  };
  const problems = validateConfirmationRequest(req, product.problem ?? undefined);
  const result = problems.length
    ? malformedResult(req, problems, settings.profile ?? null)
    : await (await loadAws()).confirmInstance(req, settings);
  // The verdict is printed even when the audit log cannot be written; the exit code says so (3).
  const audit = new AuditRecorder(resolveAuditPath(values.audit));
  await audit.append(result);
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else if (result.verdict === 'error') io.err(describeEvidence(result));
  else io.out(describeEvidence(result));
  // Malformed input is the engineer's to fix, whether caught here, for want of a region, or by EC2.
  const earned = result.error?.kind === 'malformed-input' ? EXIT.usage : result.verdict === 'confirmed' ? EXIT.ok : EXIT.notDone;
  return audit.exitCode(earned, io);
};
