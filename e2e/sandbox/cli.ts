import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateSeed } from './generate-seed';
import { startSandbox, type SandboxOptions } from './sandbox';
import { parseSeed, SeedError, type SandboxSeed } from './seed';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N        listen on 127.0.0.1:N (default: a free port)
  --seed FILE     load the account from a seed JSON file
  --users N       generate an account of N users instead (benchmarks)
  --latency MS    delay every answer by MS milliseconds
  --rate N        allow N requests per second (burst N), answer Throttling beyond`;

class UsageError extends Error {}

function positiveInteger(name: string, raw: string | undefined, min = 0): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`--${name} needs a whole number >= ${String(min)}, got '${raw}'`);
  }
  return value;
}

async function readSeedFile(path: string): Promise<SandboxSeed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read seed file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`Seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSeed(json, `seed file ${path}`);
}

async function optionsFromArgs(args: string[]): Promise<SandboxOptions> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      users: { type: 'string' },
      latency: { type: 'string' },
      rate: { type: 'string' },
    },
  });
  if (values.seed !== undefined && values.users !== undefined) {
    throw new UsageError('--seed and --users cannot be combined');
  }
  const port = positiveInteger('port', values.port);
  const users = positiveInteger('users', values.users, 1);
  const latencyMs = positiveInteger('latency', values.latency);
  const rate = positiveInteger('rate', values.rate, 1);
  const seed =
    values.seed !== undefined
      ? await readSeedFile(values.seed)
      : users !== undefined
        ? generateSeed({ users, now: new Date() })
        : undefined;
  return {
    ...(seed && { seed }),
    ...(port !== undefined && { port }),
    ...(latencyMs !== undefined && { latencyMs }),
    ...(rate !== undefined && { rateLimit: { perSecond: rate, burst: rate } }),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  let options: SandboxOptions;
  try {
    options = await optionsFromArgs(args);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const isParseError = typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || isParseError) {
      console.error(`${(error as Error).message}\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  const sandbox = await startSandbox(options);
  const { state, admin, endpoint, region } = sandbox;
  const alias = state.accountAlias === undefined ? '' : ` (${state.accountAlias})`;
  const others = state
    .sortedUsers()
    .filter((user) => user.userName !== admin.userName)
    .slice(0, 10);

  // These are sandbox-only credentials: printing them is the point.
  const lines = [
    `Keyward IAM + STS sandbox listening on ${endpoint}`,
    `  region   ${region}`,
    `  account  ${sandbox.accountId}${alias}, ${String(state.users.size)} users`,
    `  admin    ${admin.userName}`,
    '',
    'Point the AWS CLI, the SDKs or Keyward at it:',
    `  export AWS_ENDPOINT_URL=${endpoint}`,
    `  export AWS_ACCESS_KEY_ID=${admin.accessKeyId}`,
    `  export AWS_SECRET_ACCESS_KEY=${admin.secretAccessKey}`,
    `  export AWS_REGION=${region} AWS_DEFAULT_REGION=${region}`,
    '  aws sts get-caller-identity',
    `  (AWS CLI older than 2.13 ignores AWS_ENDPOINT_URL: add --endpoint-url ${endpoint})`,
    '',
    'Other users (permission level, first active key):',
    ...others.map((user) => {
      try {
        const credentials = sandbox.credentialsFor(user.userName);
        return `  ${user.userName.padEnd(20)} ${user.permission.padEnd(9)} ${credentials.accessKeyId} ${credentials.secretAccessKey}`;
      } catch {
        return `  ${user.userName.padEnd(20)} ${user.permission.padEnd(9)} (no active key)`;
      }
    }),
    ...(state.users.size - 1 > others.length
      ? [`  … and ${String(state.users.size - 1 - others.length)} more`]
      : []),
    '',
    'Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));

  const stop = (signal: NodeJS.Signals) => {
    console.log(`\n${signal}: stopping the sandbox.`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof SeedError ? error.message : error);
  process.exit(1);
});
