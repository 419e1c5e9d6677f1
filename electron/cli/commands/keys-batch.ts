import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BatchOutcome, BatchPerson } from '../../common/batch';
import { maxBatchPeople } from '../../common/batch';
import { checkPerson } from '../../core/batch/batch-check';
import { CsvSyntaxError, parseCsvRecords } from '../../core/csv';
import { AppError } from '../../core/errors';
import type { CommandContext, ParsedArgs } from '../command-spec';
import { UsageError, requiredArg, stringArg } from '../command-spec';
import { checkWordsText } from './identity';

/** A users file a person could make by hand is far smaller; this bounds what is read. */
const maxUsersFileBytes = 1024 * 1024;

/** The options `keys create` takes for a list of people (its `--users-file` path). */
export const keysBatchOptions = {
  'users-file': {
    type: 'string',
    value: 'FILE.csv',
    help: 'Create a key for each person in FILE (columns: user,receiving code[,description]); an empty code uses the code the person shared in AWS',
  },
  'out-dir': {
    type: 'string',
    value: 'DIR',
    help: 'With --users-file: the folder each USER.keyward is written into',
  },
} as const;

/**
 * `keyward keys create --users-file FILE.csv --out-dir DIR`: the whole file is checked before
 * anything is created; each person's line says done or refused (and why), then the command fails
 * (exit code 1) when anyone was refused.
 */
export async function keysBatch(context: CommandContext, args: ParsedArgs): Promise<void> {
  const file = requiredArg(args, 'users-file');
  const outDir = stringArg(args, 'out-dir');
  if (outDir === undefined || outDir === '')
    throw new UsageError('--out-dir DIR is required with --users-file.');
  for (const other of ['user', 'seal-to', 'passphrase', 'passphrase-stdin', 'store', 'out']) {
    if (args.values[other] !== undefined)
      throw new UsageError(`--${other} does not go with --users-file: the file lists the people.`);
  }
  const people = parseUsersFile(await readUsersFile(file), path.basename(file));
  const core = await context.signIn(args);
  context.note(`Creating keys for ${String(people.length)} people…`);
  const result = await core.batch.run({ people, outDir });
  context.print(result, () => result.people.map(humanLine).join('\n'));
  const refused = result.people.filter((person) => person.status !== 'done').length;
  if (refused > 0) {
    // Exit code 1, after every person's line: a script sees at once that the batch is not whole.
    throw new AppError(
      'aws-failure',
      `${String(refused)} of ${String(result.people.length)} people got no key file (see each line above).`,
      'Do what each line says, then run the same command again: people already done are not given a second key.',
    );
  }
}

function humanLine(outcome: BatchOutcome): string {
  if (outcome.status === 'done') {
    const earlier = outcome.earlier ? ' (made by an earlier run)' : '';
    const words = outcome.checkWords
      ? `; sealed to the code ${outcome.userName} shared, check words: ${checkWordsText(outcome.checkWords)}`
      : '';
    return `${outcome.userName}: done, ${outcome.accessKeyId} in ${outcome.file}${earlier}${words}`;
  }
  return `${outcome.userName}: refused. ${outcome.reason} ${outcome.hint}`;
}

async function readUsersFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new AppError(
      'not-found',
      `Keyward could not read ${file}.`,
      'Check the file name given to --users-file.',
      { cause: error },
    );
  }
  if (bytes.length > maxUsersFileBytes) {
    throw new AppError(
      'invalid-input',
      `${file} is larger than a list of people can be.`,
      `Give a CSV file with at most ${String(maxBatchPeople)} people.`,
    );
  }
  return bytes.toString('utf8');
}

const columnNames = { user: 'user', code: 'receiving code', description: 'description' };

/**
 * The people in a users file: a header row naming the columns `user`, `receiving code` and,
 * optionally, `description` (any order, any case), then one person a line. Spreadsheet exports
 * (a byte-order mark, CRLF, quoted fields, blank lines at the end) are read as they are; any
 * problem is refused naming its line, before anything is created.
 */
export function parseUsersFile(text: string, name: string): BatchPerson[] {
  let records: string[][];
  try {
    // Spreadsheets often end a file with empty lines; those are not people.
    records = parseCsvRecords(text.replace(/(?:\r?\n)+$/, ''));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw fileProblem(name, error.line, error.message.replace(/^Line \d+ /, ''), error);
  }
  const [header = [], ...rows] = records;
  const columns = header.map((cell) => cell.trim().toLowerCase());
  const at = (column: string) => columns.indexOf(column);
  for (const column of [columnNames.user, columnNames.code]) {
    if (at(column) < 0) {
      throw new AppError(
        'invalid-input',
        `${name} has no “${column}” column in its first line.`,
        'Start the file with the line: user,receiving code,description',
      );
    }
  }
  if (rows.length === 0) {
    throw new AppError(
      'invalid-input',
      `${name} lists nobody: it has only its header line.`,
      'Add one line per person: their user name and receiving code.',
    );
  }
  if (rows.length > maxBatchPeople) {
    throw new AppError(
      'invalid-input',
      `${name} lists ${String(rows.length)} people; one batch takes at most ${String(maxBatchPeople)}.`,
      'Split the file into smaller ones.',
    );
  }
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    const line = index + 2;
    const cell = (column: string) => (at(column) < 0 ? '' : (row[at(column)] ?? '').trim());
    const userName = cell(columnNames.user);
    const code = cell(columnNames.code);
    const description = cell(columnNames.description);
    const earlier = seen.get(userName);
    if (earlier !== undefined)
      throw fileProblem(name, line, `lists ${userName} again (also on line ${String(earlier)})`);
    seen.set(userName, line);
    const person: BatchPerson = {
      userName,
      lock: code === '' ? { kind: 'published' } : { kind: 'code', code },
      description: description === '' ? null : description,
    };
    try {
      return checkPerson(person, `Line ${String(line)} of ${name}`);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, error.message, error.hint);
      throw error;
    }
  });
}

function fileProblem(name: string, line: number, problem: string, cause?: unknown): AppError {
  return new AppError(
    'invalid-input',
    `Line ${String(line)} of ${name} ${problem.replace(/\.$/, '')}.`,
    'Correct that line and run the command again; nothing was created.',
    { cause },
  );
}
