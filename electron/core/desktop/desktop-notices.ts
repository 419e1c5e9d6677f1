import path from 'node:path';
import { z } from 'zod';
import { JsonFile } from '../files/data-file';
import type { KeptKeysSummary } from './key-attention';

/** The kinds of desktop notification, each of which Settings can turn off. */
export const noticeKinds = [
  'key-age',
  'replacement-stopped',
  'old-key-deleted',
  'lost-key',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** Where clicking a notification takes the person. */
export type NoticePlace = 'my-keys' | 'history';

/**
 * What a notification says. Only key names and counts: never a secret or a key ID, which would
 * stay on screen and in the OS's notification history after Keyward has closed.
 */
export interface DesktopNotice {
  kind: NoticeKind;
  title: string;
  body: string;
  opens: NoticePlace;
}

export interface NoticeDeps {
  /** Shows a notification (Electron `Notification` behind `Platform`). */
  show(notice: DesktopNotice): void;
  /** The kinds the person turned off in Settings. */
  turnedOff(): Promise<readonly NoticeKind[]>;
  dataDir: string;
}

const remembered = z.object({ oldKeys: z.array(z.string()) });

/**
 * Decides what is worth interrupting someone for, and says each thing once: a key is announced
 * when it passes the age limit, not every day after (until it is replaced and the new key ages).
 */
export class DesktopNotices {
  readonly #deps: NoticeDeps;
  readonly #seen: JsonFile<z.infer<typeof remembered>>;

  constructor(deps: NoticeDeps) {
    this.#deps = deps;
    this.#seen = new JsonFile(path.join(deps.dataDir, 'notified.json'), remembered, {
      what: 'The list of reminders already shown',
      whatToDo: 'Keyward starts the list again; you may see a reminder twice.',
    });
  }

  /** The daily check (and the one at start): keys that passed the age limit since last time. */
  async keysChecked(summary: KeptKeysSummary): Promise<void> {
    const old = summary.needsAttention.filter((key) => key.reason === 'old').map((key) => key.name);
    const before = (await this.#seen.read({ ifDamaged: () => undefined }))?.oldKeys ?? [];
    const newlyOld = old.filter((name) => !before.includes(name));
    // Remember only keys that are still old: one replaced and old again is announced again.
    await this.#seen.write({ oldKeys: old });
    if (newlyOld.length === 0) return;
    await this.#show({
      kind: 'key-age',
      title: newlyOld.length === 1 ? 'A key is due to be replaced' : 'Keys are due to be replaced',
      body:
        newlyOld.length === 1
          ? `Your key “${newlyOld[0] ?? ''}” has passed the age limit. Open Keyward to replace it.`
          : `${String(newlyOld.length)} of your keys have passed the age limit: ${newlyOld.map((name) => `“${name}”`).join(', ')}. Open Keyward to replace them.`,
      opens: 'my-keys',
    });
  }

  async replacementStopped(keyName: string): Promise<void> {
    await this.#show({
      kind: 'replacement-stopped',
      title: 'A key replacement stopped part-way',
      body: `Replacing “${keyName}” did not finish. Open Keyward to finish it or undo it.`,
      opens: 'my-keys',
    });
  }

  async oldKeysDeleted(count: number): Promise<void> {
    if (count === 0) return;
    await this.#show({
      kind: 'old-key-deleted',
      title: count === 1 ? 'An old key was deleted' : 'Old keys were deleted',
      body:
        count === 1
          ? 'The key you replaced was deleted from AWS now that its waiting time is over.'
          : `${String(count)} keys you replaced were deleted from AWS now that their waiting time is over.`,
      opens: 'history',
    });
  }

  async lostKeysFound(count: number): Promise<void> {
    if (count === 0) return;
    await this.#show({
      kind: 'lost-key',
      title: count === 1 ? 'A new key was never saved' : 'New keys were never saved',
      body: 'Keyward closed before a new key was kept anywhere. Open Keyward to delete or deactivate it in AWS.',
      opens: 'my-keys',
    });
  }

  async #show(notice: DesktopNotice): Promise<void> {
    if ((await this.#deps.turnedOff()).includes(notice.kind)) return;
    this.#deps.show(notice);
  }
}
