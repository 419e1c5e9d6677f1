import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents } from './harden';

type Listener = (event: { preventDefault: () => void }, url: string) => void;

/** A stand-in that records what Keyward registers, so each handler can be called directly. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const webRtcPolicies: string[] = [];
  const contents = {
    setWebRTCIPHandlingPolicy: (policy: string) => webRtcPolicies.push(policy),
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const fire = (name: string, url: string) => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)?.(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as WebContents,
    navigate: (url: string) => fire('will-navigate', url),
    redirect: (url: string) => fire('will-redirect', url),
    attachWebview: () => fire('will-attach-webview', ''),
    openWindow: (url: string) => openHandler?.({ url }).action,
    webRtcPolicies,
  };
}

describe('the window’s web contents', () => {
  const origin = 'app://keyward';

  it('keeps WebRTC from revealing this computer’s addresses', () => {
    const page = fakeContents();
    hardenWebContents(page.contents, origin, () => Promise.resolve());
    expect(page.webRtcPolicies).toEqual(['disable_non_proxied_udp']);
  });

  it('stays on the app’s own pages', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    const page = fakeContents();
    hardenWebContents(page.contents, origin, openExternal);
    expect(page.navigate('app://keyward/index.html#/keys')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'http://127.0.0.1:8080/',
      'app://other/',
    ]) {
      expect(page.navigate(url)).toBe(true);
      expect(page.redirect(url)).toBe(true);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens allow-listed AWS links in the system browser, and nothing else', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    const page = fakeContents();
    hardenWebContents(page.contents, origin, openExternal);
    const docs = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html';
    expect(page.navigate(docs)).toBe(true);
    expect(page.openWindow(docs)).toBe('deny');
    expect(page.openWindow('https://evil.example/')).toBe('deny');
    expect(page.openWindow('file:///etc/passwd')).toBe('deny');
    expect(openExternal.mock.calls).toEqual([[docs], [docs]]);
  });

  it('refuses webviews', () => {
    const page = fakeContents();
    hardenWebContents(
      page.contents,
      origin,
      vi.fn(() => Promise.resolve()),
    );
    expect(page.attachWebview()).toBe(true);
  });
});

describe('the session', () => {
  it('denies every permission request and check', () => {
    let request:
      ((c: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
      setDevicePermissionHandler: (handler: typeof device) => (device = handler),
    } as unknown as Session;
    hardenSession(session);
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      request?.(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check?.()).toBe(false);
    expect(device?.()).toBe(false);
  });
});
