import { contextBridge, ipcRenderer } from 'electron';
import { buildMfaBridge, mfaWindowChannels } from '../common/mfa-window';

// The MFA page gets `window.keywardMfa` and nothing else: next question, submit, cancel. Main
// checks the sender and the code again; this is not a security boundary.
contextBridge.exposeInMainWorld(
  'keywardMfa',
  buildMfaBridge((method, input) => ipcRenderer.invoke(mfaWindowChannels[method], input)),
);
