import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every regular file below `root` (symlinks not followed), skipping unreadable ones. */
export function filesBelow(root: string, depth = 6): string[] {
  if (depth < 0) return [];
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) return filesBelow(full, depth - 1);
    return entry.isFile() ? [full] : [];
  });
}

/** Files below `root` modified at or after `since` (ms), e.g. what a test wrote to the temp folder. */
export function filesWrittenSince(root: string, since: number): string[] {
  return filesBelow(root).filter((file) => {
    try {
      return statSync(file).mtimeMs >= since;
    } catch {
      return false;
    }
  });
}

/** The files (up to 5 MB each) that contain any of the secrets, as "file: secret-prefix…". */
export function findSecrets(files: string[], secrets: string[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      if (statSync(file).size > 5 * 1024 * 1024) continue;
      text = readFileSync(file, 'latin1');
    } catch {
      continue;
    }
    for (const secret of secrets)
      if (text.includes(secret)) hits.push(`${file}: ${secret.slice(0, 4)}…`);
  }
  return hits;
}
