import type { PlaintextImportResult } from '../../common/plaintext-import';
import { AppError } from '../errors';
import type { ActivityLog } from '../activity/activity-log';
import type { ProfileStore, StoredKey } from '../vault/profile-store';
import type { Settings } from '../../common/domain';
import { log, maskKeyId } from '../log';
import { summarize } from '../vault/profile-store';
import type { AwsFiles, FileSnapshot } from './aws-files';
import { awsFiles, readSnapshot, writeWithBackup } from './aws-files';
import type { CliSetupOptions } from './cli-profile';
import { planSetup, plaintextKeys } from './cli-section';
import { credentialProcessCommand } from './credential-process-command';
import type { AwsFile } from './aws-cli-reading';
import { checkEdit, readAwsFile, requireReadable, settingsOf } from './aws-cli-reading';
import type { KeyLine, Line, Section } from './ini-lines';
import { contentEnd, isBlank, joinLines, keyLines } from './ini-lines';
import { checkAwsProfileName } from './profile-names';
import type { AwsFileKind } from './profile-sections';
import { profileSections } from './profile-sections';
import { longTermKeyIdPattern, secretAccessKeyPattern } from '../../common/key-shapes';

/** A plaintext key found in a shared file, described without its secret (for "asking first"). */
export interface PlaintextKey {
  profile: string;
  accessKeyId: string;
  /** The file holding it. */
  file: string;
  kind: AwsFileKind;
}

interface Found extends PlaintextKey {
  snapshot: FileSnapshot;
  read: AwsFile;
  lines: Line[];
  section: Section;
  keys: KeyLine[];
  secretAccessKey: string;
}

/** What an import needs: the keychain, the activity log, and where AWS is (to prove the key). */
export interface ImportHost {
  profiles: ProfileStore;
  activity: Pick<ActivityLog, 'record'>;
  settings: { read(): Promise<Settings> };
}

/** What an import did; the window gets it over the bridge, so its shape lives in electron/common. */
export type ImportResult = PlaintextImportResult;

const movedComment = '# aws_secret_access_key moved to the OS keychain by Keyward';

/** The plaintext key a profile holds in the shared files, if any, without reading it out. */
export async function findPlaintextKey(
  profile: string,
  options: { files?: AwsFiles } = {},
): Promise<PlaintextKey | null> {
  checkAwsProfileName(profile);
  const found = await findKey(profile, options.files ?? awsFiles());
  return found
    ? { profile, accessKeyId: found.accessKeyId, file: found.file, kind: found.kind }
    : null;
}

/**
 * Moves a profile's plaintext key into the keychain: proves it works (STS), stores it, points the
 * profile at Keyward's credential_process, then removes the plaintext lines. No copy of the secret
 * is left in either file or in their backups. Asking the person first is the caller's job.
 *
 * Order matters: the config file is switched before the plaintext lines go, so a failure part-way
 * leaves a profile that still works (the AWS CLI prefers the credentials file's keys), and running
 * the import again finishes the job.
 */
export async function importPlaintextProfile(
  host: ImportHost,
  profile: string,
  options: CliSetupOptions,
): Promise<ImportResult> {
  checkAwsProfileName(profile);
  const files = options.files ?? awsFiles();
  const found = await findKey(profile, files);
  if (!found) {
    throw new AppError(
      'not-found',
      `There is no plaintext key for the AWS profile "${profile}" to import.`,
      'Check the profile name in your AWS credentials file (aws configure list-profiles).',
    );
  }
  await keptAlready(host, found);

  // Plan both files before touching anything, so a refusal changes nothing.
  const command = credentialProcessCommand(options.keywardCommand, profile, options.os);
  const config = found.kind === 'config' ? found.snapshot : await readSnapshot(files.config);
  const configEdit = planSetup(readAwsFile(config, 'config'), profile, {
    command,
    region: options.region,
    dropPlaintextKeys: found.kind === 'config',
  });
  const credentialsText = found.kind === 'credentials' ? withoutPlaintext(found) : null;

  const verified = await prove(host, found);
  const key = {
    accessKeyId: found.accessKeyId,
    secretAccessKey: found.secretAccessKey,
    userName: verified.userName ?? 'root',
    accountId: verified.accountId,
    created: await createdDate(host, found, verified.userName),
    description: `Imported from ${found.kind === 'config' ? 'the AWS config file' : 'the AWS credentials file'}`,
  };
  // Asked again, under the lock every Keyward process honours when storing under a name: another
  // window or command may have stored a key as this profile while this one was proved.
  const existing = await host.profiles.exclusively(async () => {
    const kept = await keptAlready(host, found);
    if (kept) return kept;
    await host.profiles.put(profile, key);
    // Read back before deleting the only other copy: a keychain that silently dropped it must
    // not cost the key.
    const stored = await host.profiles.get(profile);
    if (stored?.secretAccessKey !== found.secretAccessKey) {
      throw new AppError(
        'vault-unavailable',
        'The keychain did not keep the key, so Keyward left the plaintext file as it was.',
        'Check that your keychain is unlocked, then try again.',
      );
    }
    return null;
  });
  await host.activity.record({
    actor: 'this device',
    action: 'key.stored',
    userName: key.userName,
    accessKeyId: key.accessKeyId,
    detail: `imported ${profile}`,
  });

  const backups: string[] = [];
  if (configEdit.changed) {
    const backup = await writeWithBackup(config, configEdit.text, withoutSecret(found, config));
    if (backup) backups.push(backup);
  }
  if (credentialsText !== null) {
    const backup = await writeWithBackup(
      found.snapshot,
      credentialsText,
      withoutSecret(found, found.snapshot),
    );
    if (backup) backups.push(backup);
  }
  log('aws-config', `imported ${maskKeyId(found.accessKeyId)} from profile ${profile}`);
  return {
    profile: summarize(profile, existing ?? key),
    arn: verified.arn,
    configFile: config.file,
    removedFrom: found.file,
    backups,
  };
}

/**
 * The key already kept under the profile's name, when it is this very key (importing again
 * finishes an import stopped part-way); refused when the name holds another key, or this key is
 * kept under another name.
 */
async function keptAlready(host: ImportHost, found: Found): Promise<StoredKey | null> {
  const { profile } = found;
  const existing = await host.profiles.get(profile);
  if (existing && existing.accessKeyId !== found.accessKeyId) {
    throw new AppError(
      'conflict',
      `Keyward already keeps a different key under the name "${profile}".`,
      'Remove that key from Keyward first, or rename the AWS profile.',
    );
  }
  // A second copy under another name would keep the old key after that one is next replaced.
  const keptAs = (await host.profiles.list()).find(
    (kept) => kept.accessKeyId === found.accessKeyId && kept.name !== profile,
  );
  if (keptAs) {
    throw new AppError(
      'conflict',
      `The key ${found.accessKeyId} is already kept in the keychain as “${keptAs.name}”, so Keyward left ${found.file} as it was.`,
      `Use “${keptAs.name}” instead and delete the plaintext lines from that file yourself, or remove “${keptAs.name}” from Keyward and import again.`,
    );
  }
  return existing;
}

async function findKey(profile: string, files: AwsFiles): Promise<Found | null> {
  const credentials = await readSnapshot(files.credentials);
  const config = await readSnapshot(files.config);
  const inCredentials = findIn(credentials, profile, 'credentials');
  const inConfig = findIn(config, profile, 'config');
  if (inCredentials && inConfig && inCredentials.accessKeyId !== inConfig.accessKeyId) {
    throw new AppError(
      'conflict',
      `The AWS profile "${profile}" has one key in the credentials file and another in the config file.`,
      'Remove the one you no longer use by hand, then import the other.',
    );
  }
  return inCredentials ?? inConfig;
}

/**
 * The profile's plaintext key in one file, as the AWS CLI reads it. An import edits both files,
 * so neither may be one the AWS CLI cannot read (it would not work after the import either).
 */
function findIn(snapshot: FileSnapshot, profile: string, kind: AwsFileKind): Found | null {
  const read = readAwsFile(snapshot, kind);
  requireReadable(read);
  const { lines } = read.ini;
  const sections = profileSections(read.ini, profile, kind);
  const section = sections[0];
  if (!section) return null;
  if (sections.length > 1) {
    throw new AppError(
      'conflict',
      `The profile "${profile}" appears more than once in ${snapshot.file}.`,
      'Remove the duplicate section by hand, then try again.',
    );
  }
  const keys = section.keys;
  // What the AWS CLI sees, settings inherited from the DEFAULT section included.
  const settings = settingsOf(read.ini, section);
  const value = (name: string) => settings.find((key) => key.key === name)?.value;
  const inherited = settings.filter((key) => key.inherited && plaintextKeys.includes(key.key));
  if (inherited.length > 0) {
    throw new AppError(
      'conflict',
      `The profile "${profile}" gets ${inherited.map((key) => key.key).join(' and ')} from the [DEFAULT] section of ${snapshot.file}, which gives them to every profile, so Keyward cannot move them for this profile alone.`,
      `Move those lines from [DEFAULT] to [${section.header}] by hand, then import again.`,
    );
  }
  const accessKeyId = value('aws_access_key_id');
  const secretAccessKey = value('aws_secret_access_key');
  if (accessKeyId === undefined && secretAccessKey === undefined) return null;
  if (value('aws_session_token') !== undefined || accessKeyId?.startsWith('ASIA')) {
    throw new AppError(
      'invalid-input',
      `The profile "${profile}" holds temporary credentials (a session token), which expire on their own.`,
      'Only long-term access keys (starting with AKIA) can be moved into the keychain.',
    );
  }
  if (
    accessKeyId === undefined ||
    secretAccessKey === undefined ||
    !longTermKeyIdPattern.test(accessKeyId) ||
    !secretAccessKeyPattern.test(secretAccessKey)
  ) {
    throw new AppError(
      'invalid-input',
      `The key in the profile "${profile}" is incomplete or mistyped, so it cannot be imported.`,
      'Check its aws_access_key_id and aws_secret_access_key lines in the file.',
    );
  }
  return {
    profile,
    accessKeyId,
    secretAccessKey,
    file: snapshot.file,
    kind,
    snapshot,
    read,
    lines,
    section,
    keys,
  };
}

async function prove(host: ImportHost, found: Found) {
  const { region, endpoint } = await host.settings.read();
  const aws = await import('../aws');
  try {
    return await aws.verifyAccessKey(
      { accessKeyId: found.accessKeyId, secretAccessKey: found.secretAccessKey },
      { region, endpoint },
      2000,
    );
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'bad-credentials' || error.code === 'expired-credentials')
    ) {
      throw new AppError(
        'key-not-working',
        `AWS does not accept the key in the profile "${found.profile}", so Keyward left it where it is.`,
        'Check the key in the file, or ask your AWS administrator for a new one.',
        { cause: error },
      );
    }
    throw error;
  }
}

/** When AWS made the key, if the key may list its own keys; otherwise now. */
async function createdDate(
  host: ImportHost,
  found: Found,
  userName: string | null,
): Promise<string> {
  if (userName) {
    const { region, endpoint } = await host.settings.read();
    const { createAwsClients } = await import('../aws/aws-clients');
    const { listAccessKeys } = await import('../aws');
    const clients = createAwsClients({
      credentials: { accessKeyId: found.accessKeyId, secretAccessKey: found.secretAccessKey },
      region,
      endpoint,
    });
    try {
      const keys = await listAccessKeys(clients, userName, found.accessKeyId);
      const created = keys.find((key) => key.accessKeyId === found.accessKeyId)?.created;
      if (created) return created;
    } catch {
      // Not allowed to list its own keys: the import does not depend on it.
    } finally {
      clients.destroy();
    }
  }
  return new Date().toISOString();
}

/** The file as it was, with the moved secret's line replaced by a note: the backup's content. */
function withoutSecret(found: Found, snapshot: FileSnapshot): string {
  if (snapshot.file !== found.file) return snapshot.text;
  const secret = found.keys.find((key) => key.key === 'aws_secret_access_key');
  if (!secret) return snapshot.text;
  const lines = found.lines.map((line, index) =>
    index === secret.index ? { text: movedComment, eol: line.eol } : line,
  );
  return joinLines(lines.filter((_, index) => index <= secret.index || index >= secret.end));
}

/**
 * The credentials file without the profile's plaintext lines; the whole section goes when
 * nothing else was in it. Checked as the AWS CLI will read it: nothing else may change.
 */
function withoutPlaintext(found: Found): string {
  const { lines, section, keys } = found;
  const removed = new Set<number>();
  const others = keys.filter((key) => !plaintextKeys.includes(key.key));
  if (others.length === 0) {
    const end = contentEnd(lines, section);
    for (let index = section.start; index < end; index++) removed.add(index);
    const before = lines[section.start - 1];
    if (before && isBlank(before)) removed.add(section.start - 1);
    else for (let index = end; index < section.end; index++) removed.add(index);
  } else {
    for (const key of keys.filter((k) => plaintextKeys.includes(k.key))) {
      for (const index of keyLines(found.read.ini, key)) removed.add(index);
    }
  }
  const text = joinLines(lines.filter((_, index) => !removed.has(index)));
  checkEdit(
    found.read,
    text,
    (all) => {
      if (others.length === 0) all.delete(section.header);
      else for (const key of plaintextKeys) all.get(section.header)?.delete(key);
    },
    `Keyward changed nothing. Delete the aws_access_key_id and aws_secret_access_key lines under [${section.header}] in ${found.file} yourself, then import again.`,
  );
  return text;
}
