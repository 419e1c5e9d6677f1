import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ActionResult } from './actions/context';
import { resolveService, SERVICES, type Service } from './actions/index';
import {
  authenticate,
  headerValue,
  type Caller,
  parseAuthorization,
  type AuthorizationHeader,
  type RawRequest,
} from './auth';
import {
  AwsError,
  internalFailure,
  invalidClientTokenId,
  missingAuthenticationToken,
  serviceFailure,
  signatureDoesNotMatch,
  throttling,
} from './errors';
import type { Faults, Stats } from './faults';
import { newRequestId } from './ids';
import { QueryParams } from './params';
import type { SandboxState } from './state';
import { el, renderXml } from './xml';

const MAX_BODY_BYTES = 1024 * 1024;

export interface Runtime {
  /** The first account: the one a request whose key no account knows is refused by. */
  readonly state: SandboxState;
  /** Every account served, the first included; a request goes to the one its key belongs to. */
  readonly accounts: readonly SandboxState[];
  readonly faults: Faults;
  readonly stats: Stats;
}

type Outcome = { kind: 'respond'; status: number; body: string } | { kind: 'drop' };

/**
 * One request, in the order AWS's front door handles it: count it, delay and throttle it,
 * authenticate it, then run the action with any injected failure.
 */
async function processRequest(
  request: RawRequest,
  params: QueryParams,
  runtime: Runtime,
  requestId: string,
): Promise<Outcome> {
  const signature = readAuthorization(request);
  const version = params.get('Version');
  const service = resolveService(version, signature.header?.service);
  try {
    const action = params.get('Action');
    await admit(action, runtime);
    const state = accountOf(signature, runtime);
    const now = state.clock.now();
    const { caller, region } = await verify(request, signature, service, state, now);
    if (action === undefined) throw new AwsError('MissingAction', 400, 'Missing Action');
    const handler = service.actions[action];
    if (!handler || (version !== undefined && version !== service.version)) {
      throw new AwsError(
        'InvalidAction',
        400,
        `Could not find operation ${action} for version ${version ?? service.version}`,
      );
    }
    const failure = runtime.faults.nextFailure(action);
    if (failure === 'error') throw serviceFailure();
    if (failure === 'throttle') {
      runtime.stats.recordThrottled();
      throw throttling();
    }
    const context = { state, params, caller, now, region };
    if (failure === 'drop-after-commit') {
      // Act, whatever the outcome, and never say so: the ambiguous-timeout case.
      try {
        handler(context);
      } catch {
        // The client hears nothing either way.
      }
      return { kind: 'drop' };
    }
    const body = successXml(service, action, handler(context), requestId);
    return { kind: 'respond', status: 200, body };
  } catch (error) {
    return errorOutcome(service, error, requestId);
  }
}

interface SignatureInfo {
  readonly header: AuthorizationHeader | undefined;
  readonly error: AwsError | undefined;
}

/** Parsed before anything else, because the credential scope also says which service is meant. */
function readAuthorization(request: RawRequest): SignatureInfo {
  try {
    return {
      header: parseAuthorization(headerValue(request.headers, 'authorization')),
      error: undefined,
    };
  } catch (error) {
    return {
      header: undefined,
      error: error instanceof AwsError ? error : missingAuthenticationToken(),
    };
  }
}

/** As in AWS, the access key (or session) that signed a request says which account it is for. */
function accountOf(signature: SignatureInfo, runtime: Runtime): SandboxState {
  const keyId = signature.header?.accessKeyId;
  if (keyId === undefined) return runtime.state;
  return (
    runtime.accounts.find((state) => state.accessKeys.has(keyId) || state.sessions.has(keyId)) ??
    runtime.state
  );
}

/** Counting, latency and throttling apply to every request, signed or not. */
async function admit(action: string | undefined, { faults, stats }: Runtime): Promise<void> {
  if (action !== undefined) stats.recordCall(action);
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  if (!faults.allowRequest(Date.now())) {
    stats.recordThrottled();
    throw throttling();
  }
}

async function verify(
  request: RawRequest,
  signature: SignatureInfo,
  service: Service,
  state: SandboxState,
  now: Date,
): Promise<{ caller: Caller; region: string }> {
  const { header } = signature;
  if (header === undefined) throw signature.error ?? missingAuthenticationToken();
  if (header.service !== service.name) {
    throw signatureDoesNotMatch(
      `Credential should be scoped to correct service: '${service.name}'. `,
    );
  }
  const caller = await authenticate(request, header, state, now);
  // IAM records a key's use once it authenticates, whether or not the call is then allowed.
  const signingKey = state.accessKeys.get(caller.accessKeyId);
  if (signingKey) {
    signingKey.lastUsed = { date: now, serviceName: service.name, region: header.region };
  }
  // GetSessionToken credentials reach IAM only when MFA was part of getting them.
  if (caller.session && service.name === 'iam' && !caller.session.mfaAuthenticated) {
    throw invalidClientTokenId();
  }
  return { caller, region: header.region };
}

function successXml(
  service: Service,
  action: string,
  result: ActionResult,
  requestId: string,
): string {
  return renderXml({
    name: `${action}Response`,
    attributes: { xmlns: service.xmlns },
    content: [
      ...(result === undefined ? [] : [el(`${action}Result`, result)]),
      el('ResponseMetadata', [el('RequestId', requestId)]),
    ],
  });
}

function errorOutcome(service: Service, error: unknown, requestId: string): Outcome {
  const awsError = error instanceof AwsError ? error : unexpected(error);
  const body = renderXml({
    name: 'ErrorResponse',
    attributes: { xmlns: service.xmlns },
    content: [
      el('Error', [
        el('Type', awsError.type),
        el('Code', awsError.code),
        el('Message', awsError.message),
      ]),
      el('RequestId', requestId),
    ],
  });
  return { kind: 'respond', status: awsError.status, body };
}

function unexpected(error: unknown): AwsError {
  // A sandbox bug, not an AWS answer: say so where a developer will see it.
  console.error('[sandbox] unexpected error:', error);
  return internalFailure();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new AwsError('RequestEntityTooLarge', 413, 'Request too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function handle(req: IncomingMessage, res: ServerResponse, runtime: Runtime): Promise<void> {
  const requestId = newRequestId();
  let outcome: Outcome;
  try {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const isForm = req.method === 'POST';
    // The Query protocol takes parameters from the form body, or from the URL on GET.
    const params = new QueryParams(
      isForm ? new URLSearchParams(body.toString('utf8')) : url.searchParams,
    );
    const request: RawRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    outcome = await processRequest(request, params, runtime, requestId);
  } catch (error) {
    outcome = errorOutcome(SERVICES.iam, error, requestId);
  }
  if (outcome.kind === 'drop') {
    // The action happened; the client never hears so. This is the ambiguous timeout case.
    req.socket.destroy();
    return;
  }
  res.writeHead(outcome.status, {
    'x-amzn-RequestId': requestId,
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(outcome.body),
  });
  res.end(outcome.body);
}

export interface Listening {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves both IAM and STS on one loopback port; port 0 picks a free one. */
export async function listen(runtime: Runtime, port: number): Promise<Listening> {
  const server = createServer((req, res) => {
    handle(req, res, runtime).catch((error: unknown) => {
      console.error('[sandbox] could not answer a request:', error);
      res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    server,
    port: address.port,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      })),
  };
}
