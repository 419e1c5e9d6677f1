import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { channelFor, methodNames } from '../common/contract';
import type { Dispatch } from '../core/ipc/dispatch';
import type { Sender } from '../core/ipc/sender';

/** One handler per contract method; each goes through the shared dispatcher's checks. */
export function registerIpc(dispatch: Dispatch): void {
  for (const method of methodNames) {
    ipcMain.handle(channelFor(method), (event, input: unknown) =>
      dispatch(method, input, senderOf(event)),
    );
  }
}

function senderOf(event: IpcMainInvokeEvent): Sender {
  const frame = event.senderFrame;
  return { url: frame?.url ?? '', isMainFrame: frame !== null && frame.parent === null };
}
