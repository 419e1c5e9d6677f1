import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { DamagedFileError, JsonFile, JsonLinesFile } from './data-file';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'keyward-data-file-'));
const about = {
  what: 'Keyward’s list of fruit',
  whatToDo: 'Delete the file; Keyward starts a new list.',
};
const fruitSchema = z.strictObject({ name: z.string().min(1), count: z.number().int() });
type Fruit = z.infer<typeof fruitSchema>;
const apple: Fruit = { name: 'apple', count: 2 };
const pear: Fruit = { name: 'pear', count: 1 };

/** What a read threw, so the test can look at it. */
async function failureOf(promise: Promise<unknown>): Promise<DamagedFileError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DamagedFileError);
  return error as DamagedFileError;
}

describe('a JSON document in the data folder', () => {
  it('is undefined before it is first written, then reads back what was written', async () => {
    const file = new JsonFile(path.join(fresh(), 'fruit.json'), fruitSchema, about);
    expect(await file.read()).toBeUndefined();
    await file.write(apple);
    expect(await file.read()).toEqual(apple);
    expect(JSON.parse(readFileSync(file.path, 'utf8'))).toEqual(apple);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
  });

  it('makes missing folders, private to the person', async () => {
    const dir = path.join(fresh(), 'new', 'folder');
    await new JsonFile(path.join(dir, 'fruit.json'), fruitSchema, about).write(apple);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses to write what it would refuse to read, and keeps what was there', async () => {
    const file = new JsonFile(path.join(fresh(), 'fruit.json'), fruitSchema, about);
    await file.write(apple);
    await expect(file.write({ name: '', count: 1.5 })).rejects.toThrow();
    expect(await file.read()).toEqual(apple);
  });

  it.each([
    ['cut short', '{"name":"apple","cou', 'is cut short or garbled'],
    ['not JSON at all', 'apples and pears', 'is cut short or garbled'],
    ['of another shape', '{"name":"apple"}', 'does not hold what Keyward expects'],
    ['holding more', '{"name":"apple","count":2,"x":1}', 'does not hold what Keyward expects'],
  ])('reports a file %s in plain words, naming it and what to do', async (_, text, problem) => {
    const file = new JsonFile(path.join(fresh(), 'fruit.json'), fruitSchema, about);
    writeFileSync(file.path, text);
    const error = await failureOf(file.read());
    expect(error).toBeInstanceOf(AppError);
    expect(error.toBridge()).toEqual({
      code: 'internal',
      message: `Keyward’s list of fruit is damaged: ${file.path} ${problem}.`,
      hint: 'Delete the file; Keyward starts a new list.',
    });
    expect(error.file).toBe(file.path);
    expect(error.line).toBeNull();
  });

  it('reports a file it cannot read at all, with what to check', async () => {
    const file = new JsonFile(path.join(fresh(), 'fruit.json'), fruitSchema, about);
    mkdirSync(file.path);
    const error = await failureOf(file.read());
    expect(error.toBridge()).toEqual({
      code: 'internal',
      message: `Keyward’s list of fruit is damaged: ${file.path} cannot be read.`,
      hint: `Check that ${file.path} is yours and can be read, then try again.`,
    });
  });

  it('uses what `ifDamaged` answers for a damaged file, and only for a damaged one', async () => {
    const file = new JsonFile(path.join(fresh(), 'fruit.json'), fruitSchema, about);
    const told: string[] = [];
    const ifDamaged = (error: DamagedFileError) => {
      told.push(error.message);
      return pear;
    };
    expect(await file.read({ ifDamaged })).toBeUndefined();
    await file.write(apple);
    expect(await file.read({ ifDamaged })).toEqual(apple);
    writeFileSync(file.path, '{');
    expect(await file.read({ ifDamaged })).toEqual(pear);
    expect(told).toEqual([
      `Keyward’s list of fruit is damaged: ${file.path} is cut short or garbled.`,
    ]);
  });

  it('is created only when there is none yet, whole', async () => {
    const file = new JsonFile(path.join(fresh(), 'fruit.lock'), fruitSchema, about);
    await file.create(apple);
    await expect(file.create(pear)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await file.read()).toEqual(apple);
  });
});

describe('a JSON-lines file in the data folder', () => {
  it('is empty before the first line, then reads back every line in order', async () => {
    const file = new JsonLinesFile(path.join(fresh(), 'fruit.jsonl'), fruitSchema, about);
    expect(await file.read()).toEqual([]);
    await file.append(apple);
    await file.append(pear);
    expect(await file.read()).toEqual([apple, pear]);
    expect(readFileSync(file.path, 'utf8')).toBe(
      `${JSON.stringify(apple)}\n${JSON.stringify(pear)}\n`,
    );
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
  });

  it('refuses to add a line it would refuse to read, and adds nothing', async () => {
    const file = new JsonLinesFile(path.join(fresh(), 'fruit.jsonl'), fruitSchema, about);
    await file.append(apple);
    await expect(file.append({ name: 'pear', count: 'one' } as unknown as Fruit)).rejects.toThrow();
    expect(await file.read()).toEqual([apple]);
  });

  it('reports a damaged line in plain words, naming the line and the file', async () => {
    const file = new JsonLinesFile(path.join(fresh(), 'fruit.jsonl'), fruitSchema, about);
    writeFileSync(file.path, `${JSON.stringify(apple)}\n\n{"name":"pear"}\n`);
    const error = await failureOf(file.read());
    expect(error.message).toBe(
      `Keyward’s list of fruit is damaged: line 3 of ${file.path} does not hold what Keyward expects.`,
    );
    expect(error.hint).toBe(about.whatToDo);
    expect(error.line).toBe(3);
  });

  it('skips damaged lines when asked to, keeping the lines around them', async () => {
    const file = new JsonLinesFile(path.join(fresh(), 'fruit.jsonl'), fruitSchema, about);
    writeFileSync(file.path, `${JSON.stringify(apple)}\n{"torn\n${JSON.stringify(pear)}\n{"nam`);
    expect(await file.read({ damagedLines: 'skip' })).toEqual([apple, pear]);
    await expect(file.read()).rejects.toBeInstanceOf(DamagedFileError);
  });

  it('starts a new line after one a crash tore, so the next record is not lost with it', async () => {
    const file = new JsonLinesFile(path.join(fresh(), 'fruit.jsonl'), fruitSchema, about);
    await file.append(apple);
    appendFileSync(file.path, '{"name":"ki');
    await file.append(pear);
    expect(await file.read({ damagedLines: 'skip' })).toEqual([apple, pear]);
  });
});
