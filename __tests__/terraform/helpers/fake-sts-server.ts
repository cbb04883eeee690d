import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The account the fake STS reports; ARNs in planned values carry it. */
export const FAKE_ACCOUNT_ID = '123456789012';

export interface FakeStsServer {
  readonly url: string;
  /** Number of GetCallerIdentity calls answered (the data source `aws_caller_identity` makes one per read). */
  readonly calls: () => number;
  close(): Promise<void>;
}

/**
 * A loopback STS that answers only `GetCallerIdentity` (query protocol, XML), for the construct's
 * `data "aws_caller_identity"` during an offline `terraform plan`. Anything else gets an STS-shaped error.
 */
export async function startFakeStsServer(): Promise<FakeStsServer> {
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const action = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('Action');
      res.setHeader('content-type', 'text/xml');
      if (req.method === 'POST' && action === 'GetCallerIdentity') {
        calls++;
        res.writeHead(200).end(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
            `<Arn>arn:aws:iam::${FAKE_ACCOUNT_ID}:user/terraform-test</Arn><UserId>AIDAFAKEUSERID</UserId><Account>${FAKE_ACCOUNT_ID}</Account>` +
            `</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
        return;
      }
      res.writeHead(400).end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>fake STS serves only GetCallerIdentity, got ${String(action)}</Message></Error><RequestId>0</RequestId></ErrorResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
