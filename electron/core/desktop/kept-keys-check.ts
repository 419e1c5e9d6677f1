import type { StoredProfile } from '../../common/domain';
import { summariseKeptKeys, type KeptKeysSummary } from './key-attention';

export interface KeptKeysSources {
  keys: { list(): Promise<StoredProfile[]> };
  rotation: { stopped(): Promise<string[]> };
  settings: { read(): Promise<{ staleKeyDays: number }> };
}

/** The daily check, the tray and the start-up notification read the same local facts. */
export async function checkKeptKeys(
  sources: KeptKeysSources,
  now = Date.now(),
): Promise<KeptKeysSummary> {
  const [profiles, stopped, settings] = await Promise.all([
    sources.keys.list(),
    sources.rotation.stopped(),
    sources.settings.read(),
  ]);
  return summariseKeptKeys(profiles, stopped, settings.staleKeyDays, now);
}
