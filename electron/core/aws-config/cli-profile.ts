import { existsSync } from 'node:fs';
import type { CliRepairResult, CliSetupResult, CliRemoveResult } from '../../common/domain';
import { AppError } from '../errors';
import { log } from '../log';
import type { AwsFiles } from './aws-files';
import { awsFiles, readSnapshot, writeWithBackup } from './aws-files';
import { keywardCommands, planRemove, planSetup, plaintextKeys, sectionState } from './cli-section';
import { credentialProcessCommand } from './credential-process-command';
import { programOf } from './program-location';
import type { AwsFile } from './aws-cli-reading';
import { readAwsFile, requireReadable, settingsOf } from './aws-cli-reading';
import { checkAwsProfileName } from './profile-names';
import { profileSections } from './profile-sections';

export interface CliSetupOptions {
  /**
   * How to run Keyward, as arguments: its executable (absolute path), or e.g. node and a script.
   * `credential-process --profile NAME` is appended.
   */
  keywardCommand: readonly string[];
  /** Written only when the profile has no region yet. */
  region: string | null;
  files?: AwsFiles;
  os?: NodeJS.Platform;
}

/**
 * Makes `aws --profile NAME` (and the SDKs) get the key from Keyward through credential_process:
 * adds or updates `[profile NAME]` in the shared config file, leaving every other line as it was.
 */
export async function setupCliProfile(
  profile: string,
  options: CliSetupOptions,
): Promise<CliSetupResult> {
  checkAwsProfileName(profile);
  const files = options.files ?? awsFiles();
  const command = credentialProcessCommand(options.keywardCommand, profile, options.os);
  await refusePlaintextCredentials(files.credentials, profile);
  const config = await readSnapshot(files.config);
  const edit = planSetup(readAwsFile(config, 'config'), profile, {
    command,
    region: options.region,
  });
  if (!edit.changed) return { profile, configFile: config.file, backupFile: null, changed: false };
  const backupFile = await writeWithBackup(config, edit.text);
  log('aws-config', `set up credential_process for profile ${profile}`);
  return { profile, configFile: config.file, backupFile, changed: true };
}

/**
 * Profiles whose Keyward credential_process names a program that is no longer there (Keyward was
 * moved, or the AppImage renamed or updated): every `aws --profile` with them fails until repaired.
 * With `kept`, only profiles whose key Keyward keeps (a line for a key no longer kept cannot be
 * made to work by repairing it).
 */
export async function staleCliProfiles(
  options: {
    files?: AwsFiles;
    exists?: (file: string) => boolean;
    kept?: readonly string[];
  } = {},
): Promise<string[]> {
  const files = options.files ?? awsFiles();
  const exists = options.exists ?? existsSync;
  // A file the AWS CLI cannot read is still searched: repairing then says what is wrong with it.
  return keywardCommands(await readConfig(files))
    .filter(({ profile, command }) => {
      const program = programOf(command);
      const isKept = options.kept?.includes(profile) ?? true;
      return isKept && program !== null && !exists(program);
    })
    .map(({ profile }) => profile);
}

/**
 * Points every stale profile at this Keyward again; the rest of the file stays as it was. One
 * profile that cannot be repaired (say, a plaintext key for it in the credentials file) does not
 * stop the others; it is reported with the reason.
 */
export async function repairCliProfiles(
  options: CliSetupOptions & { exists?: (file: string) => boolean; kept?: readonly string[] },
): Promise<CliRepairResult> {
  const result: CliRepairResult = { repaired: [], notRepaired: [] };
  for (const profile of await staleCliProfiles(options)) {
    try {
      await setupCliProfile(profile, { ...options, region: null });
      result.repaired.push(profile);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.notRepaired.push({ profile, message: error.message, hint: error.hint });
    }
  }
  return result;
}

/** Undoes setupCliProfile: removes what Keyward wrote for this profile, and nothing else. */
export async function removeCliProfile(
  profile: string,
  options: { files?: AwsFiles } = {},
): Promise<CliRemoveResult> {
  checkAwsProfileName(profile);
  const files = options.files ?? awsFiles();
  const config = await readSnapshot(files.config);
  const edit = planRemove(readAwsFile(config, 'config'), profile);
  if (!edit.removed) return { profile, configFile: config.file, backupFile: null, removed: false };
  const backupFile = await writeWithBackup(config, edit.text);
  log('aws-config', `removed credential_process for profile ${profile}`);
  return { profile, configFile: config.file, backupFile, removed: true };
}

/** Whether the AWS CLI gets this profile's key from Keyward ('keyward'), otherwise, or not at all. */
export async function cliProfileState(
  profile: string,
  options: { files?: AwsFiles } = {},
): Promise<'keyward' | 'other' | 'absent'> {
  const files = options.files ?? awsFiles();
  return sectionState(await readConfig(files), profile);
}

async function readConfig(files: AwsFiles): Promise<AwsFile> {
  return readAwsFile(await readSnapshot(files.config), 'config');
}

/**
 * The AWS CLI prefers keys in the credentials file over credential_process, so setting up a
 * profile that still has plaintext keys there would silently change nothing.
 */
async function refusePlaintextCredentials(file: string, profile: string): Promise<void> {
  const credentials = readAwsFile(await readSnapshot(file), 'credentials');
  // The AWS CLI stops at a credentials file it cannot read, whatever the config file says.
  requireReadable(credentials);
  const plaintext = profileSections(credentials.ini, profile, 'credentials').some((section) =>
    settingsOf(credentials.ini, section).some((key) => plaintextKeys.includes(key.key)),
  );
  if (plaintext) {
    throw new AppError(
      'conflict',
      `Your AWS credentials file still holds a plaintext key for the profile "${profile}", and the AWS CLI would keep using it.`,
      'Import that key into Keyward instead: Keyward moves it into the keychain and removes the plaintext lines.',
    );
  }
}

export type { CliRepairResult, CliSetupResult, CliRemoveResult };
