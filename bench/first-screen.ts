// What main loads before the first screen shows (electron/main/index.ts without Electron itself):
// the dispatcher, the handlers, Keyward and the keychain. Bundled by the benchmark, then imported
// cold in a fresh Node process to time it.
export { createDispatcher } from '../electron/core/ipc/dispatch';
export { createHandlers } from '../electron/core/handlers';
export { createCore } from '../electron/core/compose';
export { KeytarStore } from '../electron/core/vault';
