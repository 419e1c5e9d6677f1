import { BrowserWindow } from 'electron';
import { getMainWindowOptions } from './window-options';

export function createMainWindow(
  url: string,
  preloadPath: string,
  devToolsAllowed: boolean,
): BrowserWindow {
  const window = new BrowserWindow(getMainWindowOptions(preloadPath, devToolsAllowed));
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(url);
  return window;
}
