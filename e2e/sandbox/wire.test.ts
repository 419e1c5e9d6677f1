import { describe, expect } from 'vitest';
import type { Sandbox } from './sandbox';
import { itOnSharedSandbox as it, rawRequest, signedQuery } from './test-support';
import { el, renderXml } from './xml';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

async function call(
  sandbox: Sandbox,
  form: Record<string, string>,
  service: 'iam' | 'sts' = 'iam',
) {
  return rawRequest(sandbox.endpoint, await signedQuery(sandbox, form, { service }));
}

describe('wire format', () => {
  it("answers IAM in IAM's namespace with a Result and a RequestId that matches the header", async ({
    sandbox,
  }) => {
    const response = await call(sandbox, { Action: 'GetUser', Version: '2010-05-08' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml');
    const requestId = response.headers['x-amzn-requestid'];
    expect(requestId).toMatch(new RegExp(`^${UUID}$`));
    expect(response.body).toMatch(
      new RegExp(
        '^<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult>' +
          '<User><Path>/</Path><UserName>admin</UserName><UserId>AIDA[A-Z2-7]{17}</UserId>' +
          '<Arn>arn:aws:iam::123456789012:user/admin</Arn>' +
          '<CreateDate>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</CreateDate><Tags>.*</Tags></User>' +
          `</GetUserResult><ResponseMetadata><RequestId>${String(requestId)}</RequestId>` +
          '</ResponseMetadata></GetUserResponse>$',
      ),
    );
  });

  it('answers actions without output with ResponseMetadata only', async ({ sandbox }) => {
    const response = await call(sandbox, {
      Action: 'UntagUser',
      Version: '2010-05-08',
      UserName: 'alice',
      'TagKeys.member.1': 'nothing',
    });
    expect(response.body).toMatch(
      new RegExp(
        '^<UntagUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata>' +
          `<RequestId>${UUID}</RequestId></ResponseMetadata></UntagUserResponse>$`,
      ),
    );
  });

  it('answers errors as an ErrorResponse with Type, Code, Message and RequestId', async ({
    sandbox,
  }) => {
    const response = await call(sandbox, {
      Action: 'GetUser',
      Version: '2010-05-08',
      UserName: 'bobby',
    });
    expect(response.status).toBe(404);
    expect(response.body).toBe(
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>' +
        '<Code>NoSuchEntity</Code><Message>The user with name bobby cannot be found.</Message>' +
        `</Error><RequestId>${String(response.headers['x-amzn-requestid'])}</RequestId></ErrorResponse>`,
    );
  });

  it("answers STS in STS's namespace", async ({ sandbox }) => {
    const response = await call(
      sandbox,
      { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      'sts',
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatch(
      /^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user\/admin<\/Arn>/,
    );
    const denied = await call(sandbox, { Action: 'GetCallerIdentity', Version: '2011-06-15' });
    expect(denied.status).toBe(403);
    expect(denied.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(denied.body).toContain("Credential should be scoped to correct service: 'sts'.");
  });

  it('answers InvalidAction for an operation the service does not have', async ({ sandbox }) => {
    const response = await call(sandbox, { Action: 'ListRoles', Version: '2010-05-08' });
    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>InvalidAction</Code>');
    expect(response.body).toContain('Could not find operation ListRoles for version 2010-05-08');
  });

  it('escapes text so any value survives the XML', () => {
    expect(renderXml(el('Message', `<a href="x">&'</a>\r`))).toBe(
      `<Message>&lt;a href="x"&gt;&amp;'&lt;/a&gt;&#13;</Message>`,
    );
  });
});
