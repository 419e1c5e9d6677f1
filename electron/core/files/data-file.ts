import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { AppError } from '../errors';
import { appendLineDurably, createFileAtomic, writeFileAtomic } from './atomic-write';

/**
 * Keyward's own files in the data folder (settings, records, journals): JSON documents and
 * JSON-lines files, each checked against a zod schema when read and before it is written. A
 * missing file is simply empty; a damaged one is reported in plain words, naming the file.
 */

/** What a data file is, for telling a person it is damaged. */
export interface DataFileAbout {
  /** What the file holds, as a person would name it: `Keyward’s record of keys being made`. */
  what: string;
  /** What to do when its content is damaged, in plain words. */
  whatToDo: string;
}

/** A data file that exists but cannot be used: unreadable, garbled, or not the expected shape. */
export class DamagedFileError extends AppError {
  readonly file: string;
  /** The damaged line of a JSON-lines file (from 1); null for a whole document. */
  readonly line: number | null;

  constructor(
    file: string,
    about: DataFileAbout,
    problem: string,
    options: { line?: number; cause?: unknown } = {},
  ) {
    const where = options.line === undefined ? file : `line ${options.line} of ${file}`;
    super('internal', `${about.what} is damaged: ${where} ${problem}.`, about.whatToDo, {
      cause: options.cause,
    });
    this.name = 'DamagedFileError';
    this.file = file;
    this.line = options.line ?? null;
  }
}

const garbled = 'is cut short or garbled';
const unexpected = 'does not hold what Keyward expects';

/** The file's text, or null when there is no such file. Any other failure is a damaged file. */
async function readText(file: string, about: DataFileAbout): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Not the content's fault, so not the content's remedy.
    const unreadable = {
      ...about,
      whatToDo: `Check that ${file} is yours and can be read, then try again.`,
    };
    throw new DamagedFileError(file, unreadable, 'cannot be read', { cause: error });
  }
}

/** One JSON value checked against `schema`, or the DamagedFileError that says why it is not. */
function parseChecked<T>(
  text: string,
  schema: z.ZodType<T>,
  damaged: (problem: string, cause: unknown) => DamagedFileError,
): T | DamagedFileError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return damaged(garbled, error);
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : damaged(unexpected, parsed.error);
}

/** The data folder is private to the person: folders Keyward makes in it are for them alone. */
async function makeFolderFor(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
}

/** A file in the data folder, what it holds (checked by `schema`) and how to speak of it. */
abstract class DataFile<T> {
  readonly path: string;
  protected readonly schema: z.ZodType<T>;
  protected readonly about: DataFileAbout;

  constructor(file: string, schema: z.ZodType<T>, about: DataFileAbout) {
    this.path = file;
    this.schema = schema;
    this.about = about;
  }
}

/** One JSON document, replaced whole on every write. */
export class JsonFile<T> extends DataFile<T> {
  /**
   * The document, or undefined when there is no file yet. A damaged file throws a
   * DamagedFileError, unless `ifDamaged` is given: then its answer is used instead, for a file
   * whose loss Keyward deliberately survives (settings fall back to the defaults).
   */
  async read(
    options: { ifDamaged?: (error: DamagedFileError) => T | undefined } = {},
  ): Promise<T | undefined> {
    try {
      const text = await readText(this.path, this.about);
      if (text === null) return undefined;
      const value = parseChecked(
        text,
        this.schema,
        (problem, cause) => new DamagedFileError(this.path, this.about, problem, { cause }),
      );
      if (value instanceof DamagedFileError) throw value;
      return value;
    } catch (error) {
      if (error instanceof DamagedFileError && options.ifDamaged) return options.ifDamaged(error);
      throw error;
    }
  }

  /** Replaces the document atomically: a reader sees the old one or the new, never half. */
  async write(value: T): Promise<void> {
    await makeFolderFor(this.path);
    await writeFileAtomic(this.path, this.#text(value));
  }

  /** Creates the document only if there is none yet (a lock); fails with `EEXIST` otherwise. */
  async create(value: T): Promise<void> {
    await makeFolderFor(this.path);
    await createFileAtomic(this.path, this.#text(value));
  }

  /** Checked before writing, so Keyward never writes a file it would refuse to read. */
  #text(value: T): string {
    return `${JSON.stringify(this.schema.parse(value), null, 2)}\n`;
  }
}

/** An append-only file of JSON values, one a line, each flushed to disk as it is added. */
export class JsonLinesFile<T> extends DataFile<T> {
  async append(record: T): Promise<void> {
    await makeFolderFor(this.path);
    await appendLineDurably(this.path, JSON.stringify(this.schema.parse(record)));
  }

  /**
   * Every record, oldest first; none when there is no file yet. A damaged line throws a
   * DamagedFileError, unless `damagedLines` is 'skip': for a journal a crash may have torn a line
   * of, where the lines around it still count.
   */
  async read(options: { damagedLines?: 'fail' | 'skip' } = {}): Promise<T[]> {
    const text = await readText(this.path, this.about);
    if (text === null) return [];
    const records: T[] = [];
    for (const [index, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue;
      const record = parseChecked(
        line,
        this.schema,
        (problem, cause) =>
          new DamagedFileError(this.path, this.about, problem, { line: index + 1, cause }),
      );
      if (!(record instanceof DamagedFileError)) records.push(record);
      else if (options.damagedLines !== 'skip') throw record;
    }
    return records;
  }
}
