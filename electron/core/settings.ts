import path from 'node:path';
import { z } from 'zod';
import { noticeKinds } from '../common/desktop';
import type { Settings } from '../common/domain';
import type { AwsPlace } from './aws/aws-clients';
import { AppError } from './errors';
import { JsonFile } from './files/data-file';
import { log } from './log';

export const defaultSettings: Settings = {
  region: 'us-east-1',
  endpoint: null,
  clipboardSeconds: 30,
  staleKeyDays: 90,
};

/**
 * Whether an address carries a user name or password (`http://me:secret@host`). Keyward never
 * keeps one: the address is shown on screen, in logs and in error reports.
 */
export function endpointHasCredentials(endpoint: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(endpoint.trim());
}

/** The address without its user name and password, for a file written before they were refused. */
function withoutCredentials(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return endpoint.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  }
}

export const settingsSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'an AWS region such as eu-west-1'),
  endpoint: z
    .string()
    .max(2048)
    .refine((url) => /^https?:\/\/[^\s/]+/.test(url), 'an http(s) address')
    .refine((url) => !endpointHasCredentials(url), 'an address without a user name or password')
    .nullable(),
  clipboardSeconds: z.number().int().min(5).max(600),
  staleKeyDays: z.number().int().min(1).max(3650),
  // Optional, unlike the others: absent means "ask", and a file without it reads as before.
  askTouchId: z.boolean().optional(),
  // Optional too: absent means no, so staff never see the Admin section unless they ask for it.
  managesOthersKeys: z.boolean().optional(),
  // Optional too: absent means yes, look in Downloads for the console's key downloads.
  scanDownloads: z.boolean().optional(),
  // The desktop ones (README "In the background"): absent keeps each one's default.
  noticesOff: z.array(z.enum(noticeKinds)).max(noticeKinds.length).optional(),
  keepInTray: z.boolean().optional(),
  startAtLogin: z.boolean().optional(),
  autoUpdates: z.boolean().optional(),
});

/**
 * What settings.json holds: any of the settings, one left out taking its default. An endpoint
 * written with a user name or password, before such addresses were refused, is read without them.
 */
const settingsFileSchema = z
  .record(z.string(), z.unknown())
  .transform((stored) => {
    const settings = { ...defaultSettings, ...stored };
    if (typeof settings.endpoint === 'string' && endpointHasCredentials(settings.endpoint)) {
      // What is secret in it is dropped, unseen.
      log('settings', 'the endpoint held a user name or password; Keyward leaves them out');
      settings.endpoint = withoutCredentials(settings.endpoint);
    }
    return settings;
  })
  .pipe(settingsSchema);

const fieldNames: Record<string, string> = {
  region: 'AWS region',
  endpoint: 'endpoint address',
  clipboardSeconds: 'clipboard time',
  staleKeyDays: 'key age limit',
  askTouchId: 'Touch ID choice',
  managesOthersKeys: '“I manage keys for other people” choice',
  scanDownloads: '“Look in Downloads for AWS console key downloads” choice',
  noticesOff: 'choice of notifications',
  keepInTray: '“Keep Keyward running when the window is closed” choice',
  startAtLogin: '“Start Keyward when I log in” choice',
  autoUpdates: '“Update Keyward automatically” choice',
};

const settingHints: Record<string, string> = {
  region: 'Type a region code such as eu-west-1 or us-east-1.',
  endpoint:
    'Type a full address starting with https:// (or http:// for a local test service), or leave it empty for AWS.',
  clipboardSeconds: 'Choose between 5 and 600 seconds.',
  staleKeyDays: 'Choose between 1 and 3650 days.',
  askTouchId: 'Turn “Ask for Touch ID” on or off.',
  managesOthersKeys: 'Turn “I manage keys for other people” on or off in Settings.',
  scanDownloads: 'Turn “Look in Downloads for AWS console key downloads” on or off in Settings.',
  noticesOff: 'Choose the notifications you want in Settings.',
  keepInTray: 'Turn “Keep Keyward running when the window is closed” on or off in Settings.',
  startAtLogin: 'Turn “Start Keyward when I log in” on or off in Settings.',
  autoUpdates: 'Turn “Update Keyward automatically” on or off in Settings.',
};

/** Told of each saved change, with the settings before it. */
export type SettingsListener = (next: Settings, before: Settings) => void;

/** Non-secret settings in the data folder. A damaged file falls back to defaults, loudly. */
export class SettingsFile {
  readonly #file: JsonFile<Settings>;
  readonly #listeners: SettingsListener[] = [];

  constructor(dataDir: string) {
    this.#file = new JsonFile(path.join(dataDir, 'settings.json'), settingsFileSchema, {
      what: 'Keyward’s settings file',
      whatToDo: 'Choose your settings again in Settings; Keyward saves them anew.',
    });
  }

  /**
   * Registers what must follow a saved change at once (the signed-in session's endpoint and
   * region). Listeners run after the file is written, before `update` resolves.
   */
  onChange(listener: SettingsListener): void {
    this.#listeners.push(listener);
  }

  async read(): Promise<Settings> {
    const stored = await this.#file.read({
      ifDamaged: (error) => {
        log('settings', `${error.message} Keyward uses the defaults until settings are saved.`);
        return { ...defaultSettings };
      },
    });
    return stored ?? { ...defaultSettings };
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    const { before, next } = await this.check(change);
    await this.#file.write(next);
    for (const listener of this.#listeners) listener(next, before);
    return next;
  }

  /** What `update(change)` would save, or the reason it would refuse, without saving. */
  async check(change: Partial<Settings>): Promise<{ before: Settings; next: Settings }> {
    if (typeof change.endpoint === 'string' && endpointHasCredentials(change.endpoint)) {
      // Said without repeating the address: it holds a password.
      throw new AppError(
        'invalid-input',
        'That endpoint address cannot be used: it contains a user name or password.',
        'Type the address without a user name or password, for example http://127.0.0.1:4566. Keyward signs its requests with your AWS key instead.',
      );
    }
    const before = await this.read();
    const parsed = settingsSchema.safeParse({ ...before, ...change });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'setting');
      throw new AppError(
        'invalid-input',
        `That ${fieldNames[field] ?? 'setting'} cannot be used${issue?.message && !issue.message.startsWith('Invalid') ? `: use ${issue.message}` : ''}.`,
        settingHints[field] ?? 'Check the value and try again.',
      );
    }
    return { before, next: parsed.data };
  }
}

/** Where a session sends requests, from Keyward's settings. */
export function placeFrom(settings: { read(): Promise<Settings> }): () => Promise<AwsPlace> {
  return async () => {
    const { region, endpoint } = await settings.read();
    return { region, endpoint };
  };
}
