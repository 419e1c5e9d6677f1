/**
 * The markers each OS's clipboard tools look for before keeping a copy of what was copied.
 * Written beside a secret, they keep it out of clipboard history, cloud clipboards and clipboard
 * managers, which the timed clear cannot reach.
 *
 * - Windows: the clipboard history and cloud clipboard skip an item carrying
 *   `CanIncludeInClipboardHistory` / `CanUploadToCloudClipboard` set to a DWORD 0, and
 *   `ExcludeClipboardContentFromMonitorProcessing` keeps clipboard monitors away altogether.
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org) tells clipboard managers and
 *   Universal Clipboard's companions the item is a password.
 * - Linux: `x-kde-passwordManagerHint` = `secret` keeps Klipper (and managers that follow it,
 *   such as CopyQ) from recording it.
 */
export function concealedClipboardFormats(os: NodeJS.Platform): Record<string, Uint8Array> {
  const dwordZero = new Uint8Array(4);
  switch (os) {
    case 'win32':
      return {
        ExcludeClipboardContentFromMonitorProcessing: new Uint8Array(0),
        CanIncludeInClipboardHistory: dwordZero,
        CanUploadToCloudClipboard: dwordZero,
      };
    case 'darwin':
      return { 'org.nspasteboard.ConcealedType': new Uint8Array(0) };
    default:
      return { 'x-kde-passwordManagerHint': new TextEncoder().encode('secret') };
  }
}
