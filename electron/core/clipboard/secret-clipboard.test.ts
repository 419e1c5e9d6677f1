import { describe, expect, it } from 'vitest';
import { SecretClipboard } from './secret-clipboard';

/** A desktop's clipboard that records every write and the OS markers written with it. */
function desktop(os: NodeJS.Platform) {
  const writes: { text: string; markers: Record<string, Uint8Array> }[] = [];
  let holding = '';
  return {
    writes,
    platform: {
      os,
      readClipboard: () => Promise.resolve(holding),
      writeClipboard: (text: string, markers: Record<string, Uint8Array> = {}) => {
        holding = text;
        writes.push({ text, markers });
        return Promise.resolve();
      },
    },
  };
}

const settings = { read: () => Promise.resolve({ clipboardSeconds: 30 }) } as never;

describe('a copied secret is kept out of clipboard history and cloud clipboards', () => {
  it.each([
    [
      'win32',
      {
        ExcludeClipboardContentFromMonitorProcessing: '',
        CanIncludeInClipboardHistory: '00000000',
        CanUploadToCloudClipboard: '00000000',
      },
    ],
    ['darwin', { 'org.nspasteboard.ConcealedType': '' }],
    ['linux', { 'x-kde-passwordManagerHint': Buffer.from('secret').toString('hex') }],
  ] as const)('on %s, with the markers that OS’s clipboard tools honour', async (os, expected) => {
    const { platform, writes } = desktop(os);
    const clipboard = new SecretClipboard({ platform, settings });
    await clipboard.copySensitive('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(writes).toHaveLength(1);
    const markers = Object.fromEntries(
      Object.entries(writes[0]!.markers).map(([name, bytes]) => [
        name,
        Buffer.from(bytes).toString('hex'),
      ]),
    );
    expect(markers).toEqual(expected);
    await clipboard.clearNow();
  });

  it('text that is no secret (a key id, a command) is copied plainly, to be pasted anywhere', async () => {
    const { platform, writes } = desktop('win32');
    await new SecretClipboard({ platform, settings }).copyText('AKIAIOSFODNN7EXAMPLE');
    expect(writes).toEqual([{ text: 'AKIAIOSFODNN7EXAMPLE', markers: {} }]);
  });
});
