import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AwsCliReading } from '../../../electron/core/aws-config/aws-cli-reading';

/**
 * Python's own reading of AWS shared files, through `botocore-reading.py` (botocore's
 * raw_config_parse restated with the standard library). The exact path is used, never a `python3`
 * found on PATH, so the reference is the system's interpreter rather than whatever a virtual
 * environment puts first.
 */
export const python3 = '/usr/bin/python3';
export const hasPython3 = existsSync(python3);

/**
 * What botocore read from one file: its sections (DEFAULT merged in) or the error it raised. The
 * same shape as Keyward's own reading, so the two compare with one `toEqual`.
 */
export type BotocoreReading = AwsCliReading;

const script = path.join(import.meta.dirname, 'botocore-reading.py');

export async function botocoreReads(files: readonly string[]): Promise<BotocoreReading[]> {
  const { stdout } = await promisify(execFile)(python3, [script, ...files], {
    // cp.read() decodes with the locale's encoding; UTF-8 mode pins it to what the AWS CLI uses on
    // Linux and macOS, whatever locale the test runs under.
    env: { PYTHONUTF8: '1', PYTHONDONTWRITEBYTECODE: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as BotocoreReading[];
}

export async function botocoreRead(file: string): Promise<BotocoreReading> {
  const [reading] = await botocoreReads([file]);
  if (!reading) throw new Error(`botocore-reading.py printed nothing for ${file}`);
  return reading;
}
