/**
 * STS `GetCallerIdentity` for the emulator server, so an offline `terraform plan` can read `data "aws_caller_identity"`
 * (and the AWS provider can validate its fake credentials) with `endpoints { sts = <server url> }`. The AWS provider
 * (5.x, aws-sdk-go-v2) speaks STS's query protocol: `POST /`, `Content-Type: application/x-www-form-urlencoded`,
 * body `Action=GetCallerIdentity&Version=2011-06-15`; the answer is XML.
 */
import type { IncomingMessage } from 'node:http';

/** The account the emulator answers with when none is configured (also the account of its identities). */
export const DEFAULT_EMULATOR_ACCOUNT_ID = '123456789012';

const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A 12-digit AWS account id, as STS returns it. */
export function isAwsAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** True for a request in STS's query protocol (no X-Amz-Target; form body or `?Action=`). */
export function isStsQueryRequest(req: IncomingMessage): boolean {
  if (req.headers['x-amz-target'] !== undefined) return false;
  const contentType = String(req.headers['content-type'] ?? '');
  return contentType.startsWith('application/x-www-form-urlencoded') || /[?&]Action=/.test(req.url ?? '');
}

export interface StsAnswer {
  readonly status: number;
  readonly body: string;
  /** The operation asked for (`Action`), for request counters. */
  readonly action: string;
}

/** Answers one STS query-protocol request; anything but GetCallerIdentity is STS's `InvalidAction`. */
export function answerStsRequest(url: string, body: string, authorization: string | undefined, accountId: string): StsAnswer {
  const params = new URLSearchParams(body);
  for (const [key, value] of new URLSearchParams(url.split('?')[1] ?? '')) if (!params.has(key)) params.set(key, value);
  const action = params.get('Action') ?? '';
  const requestId = globalThis.crypto.randomUUID();
  if (action !== 'GetCallerIdentity') {
    return {
      status: 400,
      action,
      body:
        `<ErrorResponse xmlns="${STS_XMLNS}"><Error><Type>Sender</Type><Code>InvalidAction</Code>` +
        `<Message>${escapeXml(`The emulator serves only STS GetCallerIdentity, not ${action || '(no Action)'}`)}</Message></Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  // AWS names the caller by its credentials; the emulator only sees the access key id (no signature check).
  const accessKeyId = /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? 'anonymous';
  const userName = accessKeyId.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return {
    status: 200,
    action,
    body:
      `<GetCallerIdentityResponse xmlns="${STS_XMLNS}"><GetCallerIdentityResult>` +
      `<Arn>arn:aws:iam::${accountId}:user/${escapeXml(userName)}</Arn><UserId>AIDA${accountId}EMULATOR</UserId><Account>${accountId}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
