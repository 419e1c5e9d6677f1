// The IAM console's plaintext key download: read, kept in the keychain, and deleted.
export { ConsoleCsvDesk, userNameOf } from './console-csv-desk';
export type { ConsoleCsvSource } from './console-csv-desk';
export { openForReceive } from './receive-open';
export type { ReceiveSource } from './receive-open';
export { findConsoleCsvFiles, isConsoleCsvName } from './downloads-scan';
export { consoleCsvHeader, looksLikeConsoleCsv, parseConsoleCsv } from './parse';
export { deletionLimits, overwriteAndRemove } from './secure-delete';
