import { request, type IncomingHttpHeaders } from 'node:http';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { expect, test } from 'vitest';
import { startSandbox } from './sandbox';
import type { Sandbox, SandboxCredentials, SandboxOptions } from './sandbox';
import { Sha256 } from './sha256';

export interface ClientCredentials extends SandboxCredentials {
  sessionToken?: string;
}

interface SandboxFixtures {
  /** A sandbox with the default seed, started for this test and closed when it ends. */
  sandbox: Sandbox;
  /** The real IAM client, signed as the sandbox's admin. */
  iam: IAMClient;
  /** Starts another sandbox, with options of the test's own; closed when the test ends. */
  startSandbox: (options?: SandboxOptions) => Promise<Sandbox>;
}

async function adminIam({ sandbox }: { sandbox: Sandbox }, use: (iam: IAMClient) => Promise<void>) {
  const iam = iamClient(sandbox);
  await use(iam);
  iam.destroy();
}

/**
 * `it` for tests that change the account: each test gets a sandbox of its own, so what one test
 * creates, breaks or slows down is never seen by the next.
 */
export const it = test.extend<SandboxFixtures>({
  startSandbox: async ({}, use) => {
    const started: Sandbox[] = [];
    await use(async (options) => {
      const sandbox = await startSandbox(options);
      started.push(sandbox);
      return sandbox;
    });
    await Promise.all(started.map((sandbox) => sandbox.close()));
  },
  sandbox: async ({ startSandbox: start }, use) => {
    await use(await start());
  },
  iam: adminIam,
});

/**
 * `it` for tests that only read the account, or change nothing another test of the file looks
 * at: one sandbox serves the whole file.
 */
export const itOnSharedSandbox = test.extend<Pick<SandboxFixtures, 'sandbox' | 'iam'>>({
  sandbox: [
    async ({}, use) => {
      const sandbox = await startSandbox();
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'file' },
  ],
  iam: adminIam,
});

interface SandboxClientConfig {
  endpoint: string;
  region: string;
  credentials: ClientCredentials;
  maxAttempts: number;
}

/** Makes the real SDK client pointed at the sandbox; one attempt by default so errors surface as-is. */
function sandboxClient<Client>(SdkClient: new (config: SandboxClientConfig) => Client) {
  return (sandbox: Sandbox, credentials: ClientCredentials = sandbox.admin, maxAttempts = 1) =>
    new SdkClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials, maxAttempts });
}

export const iamClient = sandboxClient(IAMClient);
export const stsClient = sandboxClient(STSClient);

export interface AwsErrorShape {
  code: string | undefined;
  status: number | undefined;
  message: string;
  name: string;
}

/** Awaits a call that must fail and returns what the SDK saw of AWS's error. */
export async function awsError(call: Promise<unknown>): Promise<AwsErrorShape> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const details = error as Error & {
      Code?: string;
      $metadata?: { httpStatusCode?: number };
    };
    return {
      code: details.Code,
      status: details.$metadata?.httpStatusCode,
      message: error.message,
      name: error.name,
    };
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A hand-made request, for checking the wire format the SDK hides. */
export function rawRequest(
  endpoint: string,
  init: { method?: string; path?: string; headers: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${endpoint}${init.path ?? '/'}`,
      { method: init.method ?? 'POST', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Signs an AWS Query form the way the SDK does, with the SDK's own signer. */
export async function signedQuery(
  sandbox: Sandbox,
  form: Record<string, string>,
  options: {
    credentials?: ClientCredentials;
    service?: 'iam' | 'sts';
    signingDate?: Date;
  } = {},
): Promise<{ headers: Record<string, string>; body: string }> {
  const body = new URLSearchParams(form).toString();
  const url = new URL(sandbox.endpoint);
  const signer = new SignatureV4({
    credentials: options.credentials ?? sandbox.admin,
    region: sandbox.region,
    service: options.service ?? 'iam',
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  return { headers: signed.headers, body };
}

/** `expect.stringContaining`, typed so it can sit inside a typed expected object. */
export function containing(text: string): unknown {
  return expect.stringContaining(text);
}

/** `expect.objectContaining`, typed likewise. */
export function objectContaining(subset: Record<string, unknown>): unknown {
  return expect.objectContaining(subset);
}
