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
  try {
    return new URL(sender.url).origin === appOrigin;
  } catch {
    return false;
  }
}
