import path from 'node:path';
import { z } from 'zod';
import type { NoticeKind, NoticePlace } from '../../common/desktop';
import { JsonFile } from '../files/data-file';
import type { AttentionReason, KeptKeysSummary } from './key-attention';

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

const remembered = z.object({
  oldKeys: z.array(z.string()),
  stoppedReplacements: z.array(z.string()).default([]),
});
type Remembered = z.infer<typeof remembered>;

/**
 * Decides what is worth interrupting someone for, and says each thing once: a key is announced
 * when it passes the age limit, not every day after (until it is replaced and the new key ages);
 * a stopped replacement once, until it is finished or undone.
 */
export class DesktopNotices {
  readonly #deps: NoticeDeps;
  readonly #seen: JsonFile<Remembered>;

  constructor(deps: NoticeDeps) {
    this.#deps = deps;
    this.#seen = new JsonFile(path.join(deps.dataDir, 'notified.json'), remembered, {
      what: 'The list of reminders already shown',
      whatToDo: 'Keyward starts the list again; you may see a reminder twice.',
    });
  }

  /** The check at start and every day after: what changed since the last one. */
  async keysChecked(summary: KeptKeysSummary): Promise<void> {
    const named = (reason: AttentionReason) =>
      summary.needsAttention.filter((key) => key.reason === reason).map((key) => key.name);
    const now: Remembered = {
      oldKeys: named('old'),
      stoppedReplacements: named('replacement-stopped'),
    };
    const before = (await this.#seen.read({ ifDamaged: () => undefined })) ?? {
      oldKeys: [],
      stoppedReplacements: [],
    };
    // Remember only what is still true: a key replaced and old again is announced again.
    await this.#seen.write(now);
    const newlyOld = now.oldKeys.filter((name) => !before.oldKeys.includes(name));
    const newlyStopped = now.stoppedReplacements.filter(
      (name) => !before.stoppedReplacements.includes(name),
    );
    for (const name of newlyStopped) await this.#replacementStopped(name);
    if (newlyOld.length > 0) await this.#keysOld(newlyOld);
  }

  async #keysOld(names: string[]): Promise<void> {
    await this.#show({
      kind: 'key-age',
      title: names.length === 1 ? 'A key is due to be replaced' : 'Keys are due to be replaced',
      body:
        names.length === 1
          ? `Your key “${names[0] ?? ''}” has passed the age limit. Open Keyward to replace it.`
          : `${String(names.length)} of your keys have passed the age limit: ${names.map((name) => `“${name}”`).join(', ')}. Open Keyward to replace them.`,
      opens: 'my-keys',
    });
  }

  async #replacementStopped(keyName: string): Promise<void> {
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
