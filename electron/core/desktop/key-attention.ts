import type { StoredProfile } from '../../common/domain';

const dayMs = 24 * 60 * 60 * 1000;

/** Why a kept key needs the person: it is past the age limit, or its replacement stopped half-way. */
export type AttentionReason = 'old' | 'replacement-stopped';

export interface KeyNeedingAttention {
  name: string;
  reason: AttentionReason;
}

export interface KeptKeysSummary {
  kept: number;
  needsAttention: KeyNeedingAttention[];
}

/**
 * What the tray and the daily check say about the keys kept here, from the keychain and the
 * rotation records alone: no AWS call. A key whose replacement stopped is named once, for that.
 */
export function summariseKeptKeys(
  profiles: readonly StoredProfile[],
  stoppedReplacements: readonly string[],
  staleKeyDays: number,
  now: number,
): KeptKeysSummary {
  const stopped = new Set(stoppedReplacements);
  const needsAttention: KeyNeedingAttention[] = [];
  for (const profile of profiles) {
    if (stopped.has(profile.name)) {
      needsAttention.push({ name: profile.name, reason: 'replacement-stopped' });
    } else if (isPastAgeLimit(profile.created, staleKeyDays, now)) {
      needsAttention.push({ name: profile.name, reason: 'old' });
    }
  }
  return { kept: profiles.length, needsAttention };
}

export function isPastAgeLimit(created: string, staleKeyDays: number, now: number): boolean {
  const made = Date.parse(created);
  return Number.isFinite(made) && now - made >= staleKeyDays * dayMs;
}
