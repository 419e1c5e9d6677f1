import { describe, expect, it } from 'vitest';
import { getMainWindowOptions } from './window-options';

describe('the main window', () => {
  it('isolates the page from Node and Electron', () => {
    const prefs = getMainWindowOptions('/app/preload/index.cjs', false).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
  });

  it('offers developer tools only to development builds', () => {
    expect(getMainWindowOptions('p', false).webPreferences?.devTools).toBe(false);
    expect(getMainWindowOptions('p', true).webPreferences?.devTools).toBe(true);
  });
});
