/**
 * Who is calling over HTTP. AWS knows the caller from the SigV4 signature; the emulator reads the access
 * key id from the `Authorization` header instead (no signature check). Keys made by
 * {@link accessKeyForIdentity} carry an IAM ARN, so the runtime's per-task roles survive the SDK path.
 */

const IDENTITY_KEY_PREFIX = 'EMU';
const ANONYMOUS = 'arn:aws:iam::123456789012:user/anonymous';

/** A fake access key id that the emulator server maps back to `identity` (an IAM ARN). */
export function accessKeyForIdentity(identity: string): string {
  return IDENTITY_KEY_PREFIX + Buffer.from(identity).toString('base64url');
}

export function identityFromAuthorization(header: string | undefined): string {
  const match = /Credential=([^/,\s]+)\//.exec(header ?? '');
  if (!match) return ANONYMOUS;
  const key = match[1]!;
  if (key.startsWith(IDENTITY_KEY_PREFIX)) {
    const decoded = Buffer.from(key.slice(IDENTITY_KEY_PREFIX.length), 'base64url').toString('utf8');
    if (decoded.startsWith('arn:')) return decoded;
  }
  return `arn:aws:iam::123456789012:user/${key}`;
}
