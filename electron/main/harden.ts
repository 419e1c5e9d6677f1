import { shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { isAllowedExternalUrl } from '../core/security/external-links';
import { originOf } from '../core/ipc/sender';
import { log } from '../core/log';

/** Keyward never needs the camera, notifications, clipboard reads or any other permission. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log('security', `permission request refused: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Every web contents may only show the app's own page: navigation elsewhere, new windows and
 * webviews are refused. Allow-listed https links open in the system browser instead.
 */
export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  const leavesApp = (url: string): boolean => originOf(url) !== appOrigin;
  contents.on('will-navigate', (event, url) => {
    if (leavesApp(url)) {
      event.preventDefault();
      openIfAllowed(url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (leavesApp(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}

function openIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url)) {
    void shell.openExternal(url);
  } else {
    log('security', 'refused to open a link outside the allow-list');
  }
}
