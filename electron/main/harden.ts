import type { Session, WebContents } from 'electron';
import { originOf } from '../core/ipc/sender';
import { log } from '../core/log';
import { isAllowedExternalUrl } from '../core/security/external-links';

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
 * `openExternal` is passed in (Electron's shell.openExternal) so this stays testable under Node.
 */
export function hardenWebContents(
  contents: WebContents,
  appOrigin: string,
  openExternal: (url: string) => Promise<void>,
): void {
  const leavesApp = (url: string): boolean => originOf(url) !== appOrigin;
  const openIfAllowed = (url: string): void => {
    if (isAllowedExternalUrl(url)) {
      void openExternal(url);
    } else {
      log('security', 'refused to open a link outside the allow-list');
    }
  };
  contents.on('will-navigate', (event, url) => {
    if (leavesApp(url)) {
      event.preventDefault();
      openIfAllowed(url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (leavesApp(url)) event.preventDefault();
  });
  // WebRTC could reveal this computer's addresses; the page never needs it.
  contents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}
