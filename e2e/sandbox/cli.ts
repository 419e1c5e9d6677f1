import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateSeed, maxGeneratedUsers } from './generate-seed';
import { startSandbox, type Sandbox, type SandboxOptions } from './sandbox';
import { parseSeed, SeedError, type SandboxSeed } from './seed';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N        listen on 127.0.0.1:N (default: a free port)
  --seed FILE     load the account from a seed JSON file
  --users N       generate an account of N users instead (at most ${String(maxGeneratedUsers)})
  --latency MS    delay every answer by MS milliseconds
  --rate N        allow N requests per second (burst N), answer Throttling beyond`;

/** A mistake in the command line: reported in one line with exit code 2, never as a stack. */
class UsageError extends Error {}

/** The numeric options and what each accepts; the bounds keep a typo from starting nonsense. */
const numbers = {
  port: { min: 0, max: 65_535, unit: '' },
  users: { min: 1, max: maxGeneratedUsers, unit: '' },
  // Node caps timers at about 24 days; a minute is already far beyond any real AWS answer.
  latency: { min: 0, max: 60_000, unit: ' of milliseconds' },
  rate: { min: 1, max: 1_000_000, unit: '' },
} as const;

type NumberOption = keyof typeof numbers;

const isNumberOption = (name: string): name is NumberOption => Object.hasOwn(numbers, name);

function wholeNumber(name: NumberOption, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const { min, max, unit } = numbers[name];
  // Digits only: Number() would also take '', ' 5', '1e3' and '0x10'.
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(
      `--${name} must be a whole number${unit} from ${String(min)} to ${String(max)}, not '${raw}'`,
    );
  }
  return value;
}

/**
 * `--users -5` means a wrong number, not a missing one: parseArgs would call -5 an option and
 * complain about ambiguity, so such a value is attached (`--users=-5`) for `wholeNumber` to judge.
 */
function attachNegativeNumbers(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if (arg.startsWith('--') && isNumberOption(arg.slice(2)) && next && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function isParseArgsError(error: unknown): error is Error & { code: string } {
  const code: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** parseArgs explains over several sentences and lines; the first sentence is the point. */
function parseArgsProblem(error: Error & { code: string }): string {
  const option = /'--([\w-]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return `--${option} needs a value`;
  }
  return error.message.split(/\.\s|\n/)[0] ?? error.message;
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
    args: attachNegativeNumbers(args),
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
  const port = wholeNumber('port', values.port);
  const users = wholeNumber('users', values.users);
  const latencyMs = wholeNumber('latency', values.latency);
  const rate = wholeNumber('rate', values.rate);
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
    const problem =
      error instanceof UsageError
        ? error.message
        : isParseArgsError(error)
          ? parseArgsProblem(error)
          : null;
    if (problem === null) throw error;
    console.error(`sandbox: ${problem} (npm run sandbox -- --help lists the options)`);
    process.exit(2);
  }
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(
      `sandbox: port ${String(options.port)} on 127.0.0.1 is already in use: choose another with --port, or leave it out for a free one`,
    );
    process.exit(1);
  }
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
