import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { amzDate, parseAmzDate } from './dates';
import {
  expiredToken,
  incompleteSignature,
  invalidClientTokenId,
  missingAuthenticationToken,
  signatureDoesNotMatch,
} from './errors';
import { Sha256 } from './sha256';
import type { SandboxState, SessionRecord, UserRecord } from './state';

export interface RawRequest {
  readonly method: string;
  /** The path as sent, still percent-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface AuthorizationHeader {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Who signed a request: an IAM user, through one of its keys or a session of its own. */
export interface Caller {
  readonly user: UserRecord;
  readonly accessKeyId: string;
  readonly session: SessionRecord | undefined;
}

const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(header: string | undefined): AuthorizationHeader {
  if (header === undefined) throw missingAuthenticationToken();
  const match = /^(\S+)\s+(.*)$/s.exec(header.trim());
  const algorithm = match?.[1];
  if (algorithm !== 'AWS4-HMAC-SHA256' || match?.[2] === undefined) {
    throw incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm ?? header}'`);
  }
  const fields = new Map(
    match[2].split(/\s*,\s*/).map((part) => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
    }),
  );
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const missing = [
    ...(credential ? [] : ["Authorization header requires 'Credential' parameter."]),
    ...(signature ? [] : ["Authorization header requires 'Signature' parameter."]),
    ...(signedHeaders ? [] : ["Authorization header requires 'SignedHeaders' parameter."]),
  ];
  const scope = credential?.split('/') ?? [];
  const [accessKeyId, date, region, service, terminator] = scope;
  if (
    missing.length > 0 ||
    !signedHeaders ||
    !signature ||
    !accessKeyId ||
    !date ||
    !region ||
    !service ||
    terminator !== 'aws4_request' ||
    scope.length !== 5
  ) {
    throw incompleteSignature(
      missing.length > 0
        ? `${missing.join(' ')} Authorization=${header}`
        : `Credential should be scoped to a valid region, service and date. Authorization=${header}`,
    );
  }
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.split(';').map((name) => name.toLowerCase()),
    signature: signature.toLowerCase(),
  };
}

/**
 * Finds the credentials behind a signature and checks it with the signing key's secret, as IAM
 * and STS do: unknown, inactive or deleted keys are all "invalid", a bad signature is its own error.
 * `now` is the account's time, which session expiry is judged by.
 */
export async function authenticate(
  request: RawRequest,
  authorization: AuthorizationHeader,
  state: SandboxState,
  now: Date,
): Promise<Caller> {
  const { caller, secretAccessKey, sessionToken } = resolveCredentials(
    authorization.accessKeyId,
    headerValue(request.headers, 'x-amz-security-token'),
    state,
    now,
  );

  const dateHeader = headerValue(request.headers, 'x-amz-date');
  if (dateHeader === undefined) {
    throw incompleteSignature(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
        `Authorization=${headerValue(request.headers, 'authorization') ?? ''}`,
    );
  }
  const signingDate = parseAmzDate(dateHeader);
  if (signingDate === undefined) {
    throw incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${dateHeader}'.`);
  }
  // Against the real clock, not the account's: clients sign with theirs, however far a test has
  // moved the sandbox's forward.
  checkClockSkew(signingDate, new Date());

  const contentHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (
    contentHash !== undefined &&
    contentHash !== createHash('sha256').update(request.body).digest('hex')
  ) {
    throw signatureDoesNotMatch(
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }

  const expected = await computeSignature(request, authorization, signingDate, {
    accessKeyId: authorization.accessKeyId,
    secretAccessKey,
    // The signer signs a token only when given one: give it only if the client signed one.
    ...(authorization.signedHeaders.includes('x-amz-security-token') &&
      sessionToken !== undefined && { sessionToken }),
  });
  if (!constantTimeEqual(expected, authorization.signature)) throw signatureDoesNotMatch();
  return caller;
}

function resolveCredentials(
  accessKeyId: string,
  token: string | undefined,
  state: SandboxState,
  now: Date,
): { caller: Caller; secretAccessKey: string; sessionToken?: string } {
  const key = state.accessKeys.get(accessKeyId);
  if (key) {
    const user = state.findUser(key.userName);
    if (key.status !== 'Active' || !user || token !== undefined) throw invalidClientTokenId();
    return {
      caller: { user, accessKeyId, session: undefined },
      secretAccessKey: key.secretAccessKey,
    };
  }
  const session = state.sessions.get(accessKeyId);
  const user = session && state.findUser(session.userName);
  if (!session || !user || token === undefined || !constantTimeEqual(token, session.sessionToken)) {
    throw invalidClientTokenId();
  }
  if (session.expiration.getTime() <= now.getTime()) throw expiredToken();
  return {
    caller: { user, accessKeyId, session },
    secretAccessKey: session.secretAccessKey,
    sessionToken: session.sessionToken,
  };
}

function checkClockSkew(signingDate: Date, now: Date): void {
  const earliest = new Date(now.getTime() - MAX_CLOCK_SKEW_MS);
  const latest = new Date(now.getTime() + MAX_CLOCK_SKEW_MS);
  if (signingDate < earliest) {
    throw signatureDoesNotMatch(
      `Signature expired: ${amzDate(signingDate)} is now earlier than ${amzDate(earliest)} ` +
        `(${amzDate(now)} - 15 min.)`,
    );
  }
  if (signingDate > latest) {
    throw signatureDoesNotMatch(
      `Signature not yet current: ${amzDate(signingDate)} is still later than ` +
        `${amzDate(latest)} (${amzDate(now)} + 15 min.)`,
    );
  }
}

/** Re-signs the request as the client should have, over exactly the headers it says it signed. */
async function computeSignature(
  request: RawRequest,
  authorization: AuthorizationHeader,
  signingDate: Date,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<string> {
  const headers: Record<string, string> = {};
  for (const name of authorization.signedHeaders) {
    const value = headerValue(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(request.query.keys())) {
    const values = request.query.getAll(name);
    query[name] = values.length === 1 ? (values[0] ?? '') : values;
  }
  const signer = new SignatureV4({
    credentials,
    region: authorization.region,
    service: authorization.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: safeDecodePath(request.path),
      query,
      headers,
      body: request.body,
    },
    {
      signingDate,
      signingRegion: authorization.region,
      signingService: authorization.service,
      signableHeaders: new Set(authorization.signedHeaders),
    },
  );
  const header = signed.headers.authorization ?? '';
  return /Signature=([0-9a-f]+)/.exec(header)?.[1] ?? '';
}

function safeDecodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
