import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { UpdatesOffBy } from '../../common/desktop';
import { log } from '../log';

/**
 * Who may turn automatic updates off, strongest first: IT for every account on the computer (a
 * policy file only an administrator can write), IT or a script for one session (an environment
 * variable), then the person in Settings. A company that hosts its own updates names its feed in
 * the policy file.
 */
export type { UpdatesOffBy };

export type UpdatePolicy =
  | { updates: 'on'; feedUrl: string | null }
  | { updates: 'off'; by: UpdatesOffBy; feedUrl: string | null };

/** `KEYWARD_UPDATES=off` turns updates off for the processes that inherit it. */
export const updatesEnvironmentVariable = 'KEYWARD_UPDATES';

/** Where IT puts the machine-wide policy, per OS: a folder ordinary accounts cannot write. */
export function machinePolicyPath(os: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (os === 'win32') {
    return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Keyward', 'policy.json');
  }
  if (os === 'darwin') return '/Library/Application Support/Keyward/policy.json';
  return '/etc/keyward/policy.json';
}

const machinePolicySchema = z.object({
  updates: z.enum(['on', 'off']).optional(),
  // Only https: an update feed over plain http could be swapped on the way.
  updateFeedUrl: z.url({ protocol: /^https$/ }).optional(),
});

type MachinePolicy = z.infer<typeof machinePolicySchema>;

export interface PolicySources {
  os: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The person's choice in Settings (on unless they turned it off). */
  settingAllows: boolean;
  /** Where the policy file is; tests point it elsewhere. */
  policyPath?: string;
}

/** Reads what decides whether Keyward looks for updates, and from where. */
export async function readUpdatePolicy(sources: PolicySources): Promise<UpdatePolicy> {
  const machine = await readMachinePolicy(
    sources.policyPath ?? machinePolicyPath(sources.os, sources.env),
  );
  const feedUrl = machine.updateFeedUrl ?? null;
  if (machine.updates === 'off') return { updates: 'off', by: 'policy', feedUrl };
  if (sources.env[updatesEnvironmentVariable]?.trim().toLowerCase() === 'off') {
    return { updates: 'off', by: 'environment', feedUrl };
  }
  if (!sources.settingAllows) return { updates: 'off', by: 'setting', feedUrl };
  return { updates: 'on', feedUrl };
}

/**
 * A missing file is the usual case (no policy). A file that cannot be read or understood turns
 * updates off: IT wrote it to say something, and guessing "on" could override what they meant.
 */
async function readMachinePolicy(file: string): Promise<MachinePolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    log('updates', `the update policy ${file} could not be read; updates stay off`);
    return { updates: 'off' };
  }
  try {
    const parsed = machinePolicySchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: handled below
  }
  log('updates', `the update policy ${file} is not understood; updates stay off`);
  return { updates: 'off' };
}
