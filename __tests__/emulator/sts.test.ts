import { EmulatorServer, EmulatorServerOptionError, ServedRequest, startEmulatorServer } from '../../lib/emulator';

/**
 * STS GetCallerIdentity as the AWS provider sends it (query protocol, form body, SigV4 header), answered in STS's XML.
 * The real provider reading `data "aws_caller_identity"` through this server is proven by __tests__/terraform.
 */
describe('emulator server: STS GetCallerIdentity', () => {
  let server: EmulatorServer;
  const served: ServedRequest[] = [];

  beforeAll(async () => {
    server = await startEmulatorServer({ accountId: '210987654321', onRequest: (request) => served.push(request) });
  });
  afterAll(() => server.close());

  const sts = (body: string, accessKeyId = 'AKIAEXAMPLE') =>
    fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body,
    });

  test('answers with the configured account and an ARN naming the access key', async () => {
    const response = await sts('Action=GetCallerIdentity&Version=2011-06-15');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml');
    const xml = await response.text();
    expect(xml).toMatch(/^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult>/);
    expect(xml).toContain('<Account>210987654321</Account>');
    expect(xml).toContain('<Arn>arn:aws:iam::210987654321:user/AKIAEXAMPLE</Arn>');
    expect(served).toContainEqual({ service: 'STS', operation: 'GetCallerIdentity' });
  });

  test('a hostile access key id cannot break the XML', async () => {
    const xml = await (await sts('Action=GetCallerIdentity&Version=2011-06-15', 'a<b>&"c')).text();
    expect(xml).toContain('<Arn>arn:aws:iam::210987654321:user/a-b---c</Arn>');
    expect(xml).not.toContain('<b>');
  });

  test('any other STS action is InvalidAction (400), as STS answers an unknown action', async () => {
    const response = await sts('Action=AssumeRole&Version=2011-06-15&RoleArn=x');
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toContain('<Code>InvalidAction</Code>');
    expect(xml).toContain('not AssumeRole');
  });

  test('the Redshift Data API on the same server is unaffected', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RedshiftData.DescribeStatement' },
      body: '{}',
    });
    expect(response.status).toBe(400); // DescribeStatement without an Id: a ValidationException, in JSON
    expect(((await response.json()) as { __type: string }).__type).toBe('ValidationException');
  });

  test('an account id that is not 12 digits is refused before anything listens', async () => {
    await expect(startEmulatorServer({ accountId: '1234' })).rejects.toThrow(EmulatorServerOptionError);
    await expect(startEmulatorServer({ accountId: '1234' })).rejects.toThrow('accountId must be a 12-digit AWS account id, got "1234"');
  });
});
