import { describe, expect, it } from 'vitest';
import { noticeChannel } from '../common/contract';
import { deliverOpenedFile, keyFileIn } from './opened-files';
import type { FrontWindow } from './opened-files';

function standInWindow(minimized: boolean) {
  const calls: string[] = [];
  const window: FrontWindow = {
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
    webContents: { send: (channel, notice) => calls.push(`send ${channel} ${notice}`) },
  };
  return { window, calls };
}

describe('a key file opened while Keyward runs', () => {
  it('is found among a second launch’s arguments, switches and all', () => {
    expect(
      keyFileIn(['--allow-file-access-from-files', '/home/sam/Downloads/sam_accessKeys.keyward']),
    ).toBe('/home/sam/Downloads/sam_accessKeys.keyward');
    expect(keyFileIn(['C:\\Users\\sam\\Desktop\\KEY.KEYWARD'])).toBe(
      'C:\\Users\\sam\\Desktop\\KEY.KEYWARD',
    );
    expect(keyFileIn(['--profile', 'work'])).toBeNull();
  });

  it('restores a minimized window, brings it to the front and tells the page to open the file', () => {
    const offered: string[] = [];
    const { window, calls } = standInWindow(true);
    deliverOpenedFile('/home/sam/a.keyward', { offerFile: (file) => offered.push(file) }, window);
    expect(offered).toEqual(['/home/sam/a.keyward']);
    expect(calls).toEqual(['restore', 'show', 'focus', `send ${noticeChannel} handoff.fileOpened`]);
  });

  it('before the window exists, is kept for the page to take when it starts', () => {
    const offered: string[] = [];
    deliverOpenedFile(
      '/Users/sam/a.keyward',
      { offerFile: (file) => offered.push(file) },
      undefined,
    );
    expect(offered).toEqual(['/Users/sam/a.keyward']);
  });
});
