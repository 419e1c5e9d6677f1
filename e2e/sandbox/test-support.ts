import { request, type IncomingHttpHeaders } from 'node:http';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { expect } from 'vitest';
import type { Sandbox, SandboxCredentials } from './sandbox';
import { Sha256 } from './sha256';

interface ClientCredentials extends SandboxCredentials {
  sessionToken?: string;
}

/** The real SDK client, pointed at the sandbox; one attempt by default so errors surface as-is. */
export function iamClient(
  sandbox: Sandbox,
  credentials: ClientCredentials = sandbox.admin,
  maxAttempts = 1,
): IAMClient {
  return new IAMClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials,
    maxAttempts,
  });
}

export function stsClient(
  sandbox: Sandbox,
  credentials: ClientCredentials = sandbox.admin,
  maxAttempts = 1,
): STSClient {
  return new STSClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials,
    maxAttempts,
  });
}

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
