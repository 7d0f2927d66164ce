// A local STS endpoint speaking the Query protocol (Version 2011-06-15) for AssumeRole, shaped like the
// STS API reference's answers: a role answers with temporary credentials signed by the key it names,
// and refuses with 403 AccessDenied ("... is not authorized to perform: sts:AssumeRole on resource: ARN")
// when the request lacks the ExternalId its trust policy requires. Point AWS_ENDPOINT_URL_STS at it.
// Listens on 127.0.0.1 only, on a random port, and stops itself after maxLifetimeMs.
//
//   const sts = await startStsEndpoint({ roles: { 'arn:aws:iam::111111111111:role/R': { accessKeyId: 'ASIA…', externalId: 'x' } } })
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { listenOnLoopback, readBody } from './loopback';

/** A role STS knows: the key its sessions get, and the external id its trust policy requires (if any). */
export interface StsRole {
  accessKeyId: string;
  externalId?: string;
}

export interface StsEndpointOptions {
  roles: Record<string, StsRole>;
  /** The server stops itself after this long even if nobody calls stop(); 10 minutes by default. */
  maxLifetimeMs?: number;
}

/** One AssumeRole as STS saw it (never a secret): who signed it and what it asked for. */
export interface StsCall {
  action: string;
  /** The access key id of the signature's credential scope: which credentials made this hop. */
  signedBy: string | null;
  roleArn: string | null;
  externalId: string | null;
  roleSessionName: string | null;
  status: number;
  requestId: string;
}

export interface StsEndpoint {
  url: string;
  calls: StsCall[];
  stop(): Promise<void>;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export async function startStsEndpoint(options: StsEndpointOptions): Promise<StsEndpoint> {
  const calls: StsCall[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const p = new URLSearchParams(body);
      const requestId = randomUUID();
      const roleArn = p.get('RoleArn');
      const role = roleArn ? options.roles[roleArn] : undefined;
      const refused =
        p.get('Action') !== 'AssumeRole' ||
        !role ||
        (role.externalId !== undefined && role.externalId !== p.get('ExternalId'));
      const status = refused ? 403 : 200;
      calls.push({
        action: p.get('Action') ?? '',
        signedBy: /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? null,
        roleArn,
        externalId: p.get('ExternalId'),
        roleSessionName: p.get('RoleSessionName'),
        status,
        requestId,
      });
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      if (refused) {
        const message = `User: arn:aws:iam::222222222222:user/support-engineer is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
        res.end(
          `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
        return;
      }
      const expiration = new Date(Date.now() + 3600_000).toISOString();
      res.end(
        `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><AssumedRoleUser><Arn>${roleArn}/${p.get('RoleSessionName')}</Arn><AssumedRoleId>AROAEXAMPLE:${p.get('RoleSessionName')}</AssumedRoleId></AssumedRoleUser>` +
          `<Credentials><AccessKeyId>${role.accessKeyId}</AccessKeyId><SecretAccessKey>assumedRoleSecretForTheTestsOnly000000000</SecretAccessKey><SessionToken>assumedRoleSessionTokenForTheTestsOnly</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
          `</AssumeRoleResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
    });
  });
  const loopback = await listenOnLoopback(server, {
    maxLifetimeMs: options.maxLifetimeMs ?? 10 * 60_000,
    dropConnections: () => server.closeAllConnections(),
  });
  return { url: `http://127.0.0.1:${loopback.port}`, calls, stop: loopback.stop };
}
