import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../common/bridge';
import type { KeywardApi } from '../common/bridge';
import {
  channelFor,
  isMethodName,
  isNoticeName,
  methodNames,
  noticeChannel,
} from '../common/contract';

// The page gets `window.keyward` and nothing else: one function per contract method, no generic
// invoke, no ipcRenderer. Main validates every call again; this is not a security boundary.
const bridge = buildBridge(
  methodNames,
  (method, input) =>
    isMethodName(method)
      ? ipcRenderer.invoke(channelFor(method), input)
      : Promise.reject(new Error('unknown method')),
  (listener) => {
    const relay = (_event: unknown, notice: unknown) => {
      if (isNoticeName(notice)) listener(notice);
    };
    ipcRenderer.on(noticeChannel, relay);
    return () => ipcRenderer.removeListener(noticeChannel, relay);
  },
) as unknown as KeywardApi;

contextBridge.exposeInMainWorld('keyward', bridge);
