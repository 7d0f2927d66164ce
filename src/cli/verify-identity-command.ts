// `support-desk verify-identity`: proves an instance from its identity document and signature,
// offline, against AWS's published certificates only (a certificate inside the PKCS7 is ignored).
import { readFile } from 'node:fs/promises';
import { NotASignatureError, verifyIdentity, type IdentityMethod, type IdentityVerification } from '../core/identity/verify';
import { EXIT, parseCommandArgs, UsageError, type Command } from './usage';

const HELP = `Usage: support-desk verify-identity (--pkcs7 FILE | --rsa2048 FILE --document FILE | --signature FILE --document FILE)
                             [--document FILE] [--product-code C] [--account A] [--instance-id I] [--json]

Verifies an EC2 instance identity document with AWS's public certificates, without calling AWS.
The customer runs on the instance (IMDSv2 needs a token, see the AWS guide):
  curl http://169.254.169.254/latest/dynamic/instance-identity/pkcs7      (or /rsa2048, /signature)
  curl http://169.254.169.254/latest/dynamic/instance-identity/document
and sends both. Pasted text is fine: with or without the -----BEGIN PKCS7----- lines, wrapped, CRLF.
  --pkcs7 FILE         the /pkcs7 signature (SHA-1 with DSA), which carries the document
  --rsa2048 FILE       the /rsa2048 signature (SHA-256 with RSA-2048)
  --signature FILE     the /signature value (base64 RSA SHA-256 over the document)
  --document FILE      the document; beside a PKCS7 it must be the signed one
  --product-code C     the product code must be among its marketplaceProductCodes, billingProducts or devpayProductCodes
  --account A          the document must be from this AWS account
  --instance-id I      the document must be for this instance
  --json               {verified, method, certificate, document, checks: [{name, ok, detail}], reasons}
Exit codes: 0 the signature verifies and every expectation holds; 1 it does not, or an
expectation does not hold (each named); 2 a usage error, a missing file, or input that is not a signature.`;

export const verifyIdentityCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    pkcs7: { type: 'string' },
    rsa2048: { type: 'string' },
    signature: { type: 'string' },
    document: { type: 'string' },
    'product-code': { type: 'string' },
    account: { type: 'string' },
    'instance-id': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`unexpected "${positionals[0]}": give the signature file with --pkcs7, --rsa2048 or --signature`);
  const given = (['pkcs7', 'rsa2048', 'signature'] as const).filter((m) => values[m] !== undefined);
  if (given.length !== 1) {
    throw new UsageError(given.length === 0 ? 'give the signature: --pkcs7 FILE, --rsa2048 FILE --document FILE or --signature FILE --document FILE'
      : `give one signature, not ${given.map((m) => `--${m}`).join(' and ')}`);
  }
  const method: IdentityMethod = given[0];
  if (method !== 'pkcs7' && values.document === undefined) throw new UsageError(`--${method} needs the document it signs: add --document FILE`);
  const signature = (await readInput(values[method]!, `--${method}`)).toString('utf8');
  const document = values.document === undefined ? undefined : await readInput(values.document, '--document');
  let result: IdentityVerification;
  try {
    result = verifyIdentity({ method, signature, document },
      { productCode: values['product-code'], account: values.account, instanceId: values['instance-id'] });
  } catch (error) {
    if (error instanceof NotASignatureError) throw new UsageError(error.message);
    throw error;
  }
  io.out(values.json ? JSON.stringify(result, null, 2) : describe(result));
  return result.verified ? EXIT.ok : EXIT.notDone;
};

async function readInput(path: string, option: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${option} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, give the file' : (error as Error).message}`);
  }
}

function describe(result: IdentityVerification): string {
  const d = result.document;
  const head = result.verified ? 'VERIFIED' : 'NOT VERIFIED';
  const lines = [
    `${head}: ${result.method} signature${result.certificate ? `, AWS certificate "${result.certificate}"` : ''}`,
    `  account ${String(d.accountId ?? '-')}  instance ${String(d.instanceId ?? '-')}  region ${String(d.region ?? '-')}  image ${String(d.imageId ?? '-')}`,
    ...result.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ];
  return lines.join('\n');
}
