// `support-desk confirm`: proves, with ConfirmProductInstance, that an instance carries the
// product code and which account owns it. Exit 0 confirmed, 1 any other verdict, 2 usage or malformed input.
import { loadAws } from '../aws/lazy';
import { AuditLog, resolveAuditPath } from '../core/audit';
import { describeResult, malformedResult, validateConfirmationRequest, type ConfirmationRequest, type ConfirmationResult } from '../core/confirmation';
import { AWS_OPTIONS, AWS_OPTIONS_HELP, awsSettings, ProductCodes } from './confirm-options';
import { parseCommandArgs, UsageError, type CliIo, type Command } from './usage';

const HELP = `Usage: support-desk confirm --instance-id ID (--product-code C | --product-id P --reports PATH...)
         [--account A] [--profile NAME] [--region R|auto] [--endpoint-url URL] [--audit PATH] [--json]

Asks EC2 (ConfirmProductInstance, with the seller's own profile) whether the instance carries the
product code and which account owns it. Verdicts: confirmed, owner-mismatch, not-attached, error.
  --account A         the account the customer claims (12 digits; dashes and spaces are fine)
${AWS_OPTIONS_HELP}
Exit status: 0 confirmed, 1 any other verdict, 2 usage error or malformed input (nothing sent).`;

export const confirm: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    ...AWS_OPTIONS,
    'instance-id': { type: 'string' },
    account: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const instanceId = values['instance-id'];
  if (instanceId === undefined) throw new UsageError(`give the instance with --instance-id ID\n\n${HELP}`);
  const reportPaths = [...(values.reports ?? []), ...positionals];
  const productCode = await productCodeOf(values['product-code'], values['product-id'], reportPaths);
  const settings = awsSettings(values);
  const req: ConfirmationRequest = {
    instanceId,
    productCode,
    ...(values.account !== undefined ? { claimedAccount: values.account } : {}),
    ...(settings.region ? { region: settings.region } : {}),
  };
  const problems = validateConfirmationRequest(req);
  const audit = new AuditLog(resolveAuditPath(values.audit));
  if (problems.length) {
    const result = malformedResult(req, problems, settings.profile ?? null);
    await audit.append(result);
    report(result, values.json, io);
    return 2;
  }
  const aws = await loadAws();
  const result = await aws.confirmInstance(req, settings);
  await audit.append(result);
  report(result, values.json, io);
  return result.verdict === 'confirmed' ? 0 : 1;
};

async function productCodeOf(code: string | undefined, productId: string | undefined, reportPaths: string[]): Promise<string> {
  if (code !== undefined && productId !== undefined) throw new UsageError('give either --product-code or --product-id, not both');
  if (code !== undefined) return code;
  if (productId === undefined) throw new UsageError(`give the product with --product-code C, or --product-id P --reports PATH...\n\n${HELP}`);
  return new ProductCodes(reportPaths).require(productId);
}

function report(result: ConfirmationResult, json: boolean | undefined, io: CliIo): void {
  if (json) io.out(JSON.stringify(result, null, 2));
  else if (result.verdict === 'error') io.err(describeResult(result));
  else io.out(describeResult(result));
}
