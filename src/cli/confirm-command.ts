// `support-desk confirm`: proves, with ConfirmProductInstance, that an instance carries the
// product code and which account owns it. Exit 0 confirmed, 1 any other verdict, 2 usage or malformed
// input, 3 answered but not recorded in the audit log.
import { loadAws } from '../aws/lazy';
import { AuditLog, auditEntryFor, resolveAuditPath } from '../core/audit';
import {
  describeConfirmationEvidence,
  malformedResult,
  validateConfirmationRequest,
  type ConfirmationRequest,
} from '../core/confirmations';
import { ANSWERS, exitRecorded } from './audit-record';
import {
  defineCommand,
  SHARED_OPTIONS,
  splitAccountOptionMistake,
  usageMistake,
} from './command-definition';
import { awsSettings, CONFIRM_OPTIONS, ProductCodes } from './confirm-options';
import { EXIT, UsageError } from './usage';

export const confirm = defineCommand({
  name: 'confirm',
  summary: 'ask EC2 whether an instance carries the product code, and which account owns it',
  usage: [
    'confirm --instance-id ID (--product-code C | --product-id P --reports PATH...)\n[--account A] [--profile NAME] [--region R|auto] [--endpoint-url URL] [--audit PATH]\n[--playbook PATH] [--json]',
  ],
  description: `Asks EC2 (ConfirmProductInstance, with the seller's own profile) whether the instance carries the
product code and which account owns it. Verdicts: confirmed, owner-mismatch, not-attached, error.
Without --json it prints the verdict and its evidence (owner, region and where it came from,
request id, time, profile), ready to paste into a case. Every answer is recorded in the audit log.`,
  options: {
    'instance-id': { type: 'string', value: 'ID', help: 'the instance to confirm (i-...)' },
    account: {
      type: 'string',
      value: 'A',
      help: 'the account the customer claims (12 digits; dashes and spaces are fine)',
    },
    ...CONFIRM_OPTIONS,
    json: SHARED_OPTIONS.json,
  },
  exitCodes: `0 confirmed; 1 any other verdict; 2 a usage error or malformed input (nothing sent);
3 answered but the audit log could not be written (the verdict is printed).`,
  run: async ({ values, positionals }, io) => {
    const split = splitAccountOptionMistake('confirm', values, positionals);
    if (split) throw split;
    const instanceId = values['instance-id'];
    if (instanceId === undefined) throw usageMistake('give the instance with --instance-id ID');
    if (values['product-code'] !== undefined && values['product-id'] !== undefined)
      throw new UsageError('give either --product-code or --product-id, not both');
    if (values['product-code'] === undefined && values['product-id'] === undefined) {
      throw usageMistake(
        'give the product with --product-code C, or --product-id P --reports PATH...',
      );
    }
    // Paths after the options belong to --reports, which only --product-id reads.
    if (values['product-id'] === undefined && positionals.length)
      throw usageMistake(`unexpected "${positionals[0]}": report paths go with --product-id`);
    const settings = awsSettings(values);
    const product =
      values['product-id'] === undefined
        ? { code: values['product-code'] as string, problem: null }
        : await new ProductCodes(
            [...(values.reports ?? []), ...positionals],
            values.playbook,
            settings,
          ).resolve(values['product-id']);
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
    const unrecorded = await new AuditLog(resolveAuditPath(values.audit)).tryAppend(
      auditEntryFor(result),
    );
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else if (result.verdict === 'error') io.err(describeConfirmationEvidence(result));
    else io.out(describeConfirmationEvidence(result));
    // Malformed input is the engineer's to fix, whether caught here, for want of a region, or by EC2.
    const earned =
      result.error?.kind === 'malformed-input'
        ? EXIT.usage
        : result.verdict === 'confirmed'
          ? EXIT.ok
          : EXIT.notDone;
    return exitRecorded(earned, [unrecorded], io, ANSWERS);
  },
});
