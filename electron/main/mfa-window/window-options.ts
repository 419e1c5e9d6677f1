import type { BrowserWindowConstructorOptions } from 'electron';
import { getMainWindowOptions } from '../window-options';

/** The page's size: the question, one field, two buttons and room for AWS's refusal. */
export const mfaWindowSize = { width: 440, height: 440 };

/**
 * The MFA window: small, in front of everything (the person is looking at their terminal or
 * editor when the AWS command asks), with the main window's security settings unchanged. Pure,
 * so a unit test can check it without Electron.
 */
export function getMfaWindowOptions(
  preloadPath: string,
  devToolsAllowed: boolean,
): BrowserWindowConstructorOptions {
  const main = getMainWindowOptions(preloadPath, devToolsAllowed);
  return {
    ...mfaWindowSize,
    useContentSize: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    center: true,
    alwaysOnTop: true,
    show: false,
    title: 'Keyward: MFA code',
    backgroundColor: main.backgroundColor,
    webPreferences: main.webPreferences,
  };
}
