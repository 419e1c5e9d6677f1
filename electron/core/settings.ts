import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../common/domain';
import { AppError } from './errors';
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

const fieldNames: Record<string, string> = {
  region: 'AWS region',
  endpoint: 'endpoint address',
  clipboardSeconds: 'clipboard time',
  staleKeyDays: 'key age limit',
};

const settingHints: Record<string, string> = {
  region: 'Type a region code such as eu-west-1 or us-east-1.',
  endpoint:
    'Type a full address starting with https:// (or http:// for a local test service), or leave it empty for AWS.',
  clipboardSeconds: 'Choose between 5 and 600 seconds.',
  staleKeyDays: 'Choose between 1 and 3650 days.',
};

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
    const parsed = settingsSchema.safeParse({ ...(await this.read()), ...change });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'setting');
      throw new AppError(
        'invalid-input',
        `That ${fieldNames[field] ?? 'setting'} cannot be used${issue?.message && !issue.message.startsWith('Invalid') ? `: use ${issue.message}` : ''}.`,
        settingHints[field] ?? 'Check the value and try again.',
      );
    }
    const next = parsed.data;
    await mkdir(path.dirname(this.#file), { recursive: true });
    await writeFileAtomic(this.#file, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }
}
