import type { PlaintextProfile } from '../../common/plaintext-import';
import { AppError } from '../errors';
import type { AwsFiles } from './aws-files';
import { awsFiles, readSnapshot } from './aws-files';
import { plaintextKeys } from './cli-section';
import { readAwsFile, settingsOf } from './aws-cli-reading';
import { findPlaintextKey } from './import-profile';
import { profileOf } from './profile-sections';

/**
 * Every profile of the AWS files that holds a key in plain text, for a person to choose one to
 * move into the keychain. One that cannot be moved is listed with the reason the import would
 * give, so the person learns why rather than missing it. No secret is returned.
 */
export async function listPlaintextKeys(
  options: { files?: AwsFiles } = {},
): Promise<PlaintextProfile[]> {
  const files = options.files ?? awsFiles();
  const found: PlaintextProfile[] = [];
  const seen = new Set<string>();
  for (const kind of ['credentials', 'config'] as const) {
    const snapshot = await readSnapshot(files[kind]);
    // Read as the AWS CLI would, but on past problems: describing the profile then names them.
    const { ini } = readAwsFile(snapshot, kind);
    for (const section of ini.sections) {
      const profile = profileOf(section.header, kind);
      if (profile === null || seen.has(profile)) continue;
      if (!settingsOf(ini, section).some((line) => plaintextKeys.includes(line.key))) continue;
      seen.add(profile);
      const described = await describe(profile, snapshot.file, files);
      if (described) found.push(described);
    }
  }
  return found;
}

/** The import's own look at the profile: what it would move, or why it would refuse. */
async function describe(
  profile: string,
  file: string,
  files: AwsFiles,
): Promise<PlaintextProfile | null> {
  try {
    // Null for a section with a session token only: there is no key to move.
    const key = await findPlaintextKey(profile, { files });
    return key && { profile, accessKeyId: key.accessKeyId, file: key.file, problem: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      profile,
      accessKeyId: null,
      file,
      problem: { message: error.message, hint: error.hint },
    };
  }
}
