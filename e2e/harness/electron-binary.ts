import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronPackage = path.resolve(import.meta.dirname, '../../node_modules/electron');

/**
 * The Electron executable if it has been downloaded, else undefined. Deliberately does not
 * `require('electron')`: since Electron 36 that starts a download, which hangs where the internet
 * is closed.
 */
export function findElectronBinary(): string | undefined {
  const pathFile = path.join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? path.join(electronPackage, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? binary : undefined;
}
