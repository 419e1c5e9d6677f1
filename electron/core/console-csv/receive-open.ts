import path from 'node:path';
import type { ReceivedFile } from '../../common/console-csv';
import type { HandoffDesk } from '../handoff/handoff-desk';
import { readKeyFile } from '../handoff/read-key-file';
import type { Platform } from '../platform';
import type { ConsoleCsvDesk } from './console-csv-desk';
import { looksLikeConsoleCsv } from './parse';

export type ReceiveSource =
  | { kind: 'dialog' }
  | { kind: 'bytes'; name: string; base64: string }
  | { kind: 'offered'; id: string };

export interface ReceiveOpenDeps {
  platform: Pick<Platform, 'showOpenDialog'>;
  handoff: Pick<HandoffDesk, 'open'>;
  consoleCsv: Pick<ConsoleCsvDesk, 'open' | 'offeredFile'>;
}

const receiveFilters = [
  { name: 'Key files and AWS console downloads', extensions: ['keyward', 'age', 'csv'] },
];

/**
 * Receive's one door for a file: a Keyward key file or the IAM console's plaintext download,
 * told apart by what the file holds (its first line), not by its name. A key file goes on to the
 * hand-off desk as before; null when the person closed the dialog.
 */
export async function openForReceive(
  deps: ReceiveOpenDeps,
  source: ReceiveSource,
): Promise<ReceivedFile | null> {
  if (source.kind === 'offered') {
    const file = deps.consoleCsv.offeredFile(source.id);
    return { kind: 'console-csv', file: await deps.consoleCsv.open({ kind: 'path', file }) };
  }
  let name: string;
  let bytes: Uint8Array;
  let file: string | null = null;
  if (source.kind === 'bytes') {
    name = path.basename(source.name);
    bytes = Buffer.from(source.base64, 'base64');
  } else {
    file = await deps.platform.showOpenDialog({
      title: 'Open a key file',
      filters: receiveFilters,
    });
    if (file === null) return null;
    name = path.basename(file);
    bytes = await readKeyFile(file);
  }
  if (looksLikeConsoleCsv(bytes)) {
    const opened = await deps.consoleCsv.open(
      file === null ? { kind: 'bytes', name, bytes } : { kind: 'path', file },
    );
    return { kind: 'console-csv', file: opened };
  }
  const opened = await deps.handoff.open({
    kind: 'bytes',
    name,
    base64: Buffer.from(bytes).toString('base64'),
  });
  return opened && { kind: 'key-file', file: opened };
}
