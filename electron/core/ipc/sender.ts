/** What the bridge knows about who is calling: the frame's URL and whether it is the top frame. */
export interface Sender {
  url: string;
  isMainFrame: boolean;
}

/**
 * Only the app's own page may call: its top frame, loaded from the app's origin. An iframe or a
 * page that navigated elsewhere is refused even if it somehow reached the bridge.
 */
export function isTrustedSender(sender: Sender, appOrigin: string): boolean {
  if (!sender.isMainFrame) return false;
  return originOf(sender.url) === appOrigin;
}

/**
 * `URL.origin` is "null" for schemes Node does not know, such as the app's own `app://`, so the
 * origin is rebuilt from scheme and host (host includes the port).
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? undefined : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}
