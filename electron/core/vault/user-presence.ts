import type { Settings } from '../../common/domain';
import type { AppError } from '../errors';
import type { Platform } from '../platform';

/** Touch ID is asked for unless the person turned it off (a settings file without it: asked). */
export function asksForTouchId(settings: Pick<Settings, 'askTouchId'>): boolean {
  return settings.askTouchId !== false;
}

export interface PresenceDeps {
  /** The desktop's Touch ID, where it has one (`Platform.confirmPresence`). */
  presence: Pick<Platform, 'confirmPresence'>;
  settings: { read(): Promise<Settings> };
}

/**
 * Before a long-term secret leaves the keychain (copied, or handed to a tool as the key itself):
 * asks for Touch ID, unless the person turned that off. Where nothing can ask (no Touch ID, the
 * command line, Windows, Linux) the keychain's own locking is what protects the key, and the
 * secret goes. Throws `refused()` when the person did not confirm.
 */
export async function confirmPresence(
  deps: PresenceDeps,
  request: { reason: string; refused: () => AppError },
): Promise<void> {
  const ask = deps.presence.confirmPresence?.bind(deps.presence);
  if (!ask || !asksForTouchId(await deps.settings.read())) return;
  if ((await ask(request.reason)) === 'refused') throw request.refused();
}
