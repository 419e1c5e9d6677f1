import { describe, expect, it } from 'vitest';
import { concealedClipboardFormats } from '../core/clipboard/concealed-formats';
import { clipboardEntries } from './clipboard-entries';

describe('a concealed copy in the window', () => {
  it('the window writes the text and its markers in one clipboard write, under Electron’s raw-format names', async () => {
    const entries = clipboardEntries('the secret', concealedClipboardFormats('win32'));
    expect(Object.keys(entries)).toEqual([
      'text/plain',
      'electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"',
      'electron application/osclipboard;format="CanIncludeInClipboardHistory"',
      'electron application/osclipboard;format="CanUploadToCloudClipboard"',
    ]);
    expect(entries['text/plain']).toBe('the secret');
    const history =
      entries['electron application/osclipboard;format="CanIncludeInClipboardHistory"'];
    expect(new Uint8Array(await (history as Blob).arrayBuffer())).toEqual(new Uint8Array(4));
  });
});
