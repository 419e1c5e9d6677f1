import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../common/domain';
import { writeFileAtomic } from './files/atomic-write';
import { log } from './log';

export const defaultSettings: Settings = {
  region: 'us-east-1',
  endpoint: null,
  clipboardSeconds: 30,
  staleKeyDays: 90,
};

export const settingsSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'an AWS region such as eu-west-1'),
  endpoint: z
    .string()
    .max(2048)
    .refine((url) => /^https?:\/\/[^\s/]+/.test(url), 'an http(s) address')
    .nullable(),
  clipboardSeconds: z.number().int().min(5).max(600),
  staleKeyDays: z.number().int().min(1).max(3650),
});

/** Non-secret settings in the data folder. A damaged file falls back to defaults, loudly. */
export class SettingsFile {
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, 'settings.json');
  }

  async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch {
      return { ...defaultSettings };
    }
    try {
      return settingsSchema.parse({ ...defaultSettings, ...(JSON.parse(text) as object) });
    } catch {
      log('settings', 'settings.json is damaged; using defaults');
      return { ...defaultSettings };
    }
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    const next = settingsSchema.parse({ ...(await this.read()), ...change });
    await mkdir(path.dirname(this.#file), { recursive: true });
    await writeFileAtomic(this.#file, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }
}
