/** The kinds of desktop notification; Settings turns each one off by itself. */
export const noticeKinds = [
  'key-age',
  'replacement-stopped',
  'old-key-deleted',
  'lost-key',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** How Settings names each kind, finishing "Tell me when …". */
export const noticeKindLabels: Record<NoticeKind, string> = {
  'key-age': 'a kept key passes the age limit',
  'replacement-stopped': 'a key replacement stopped part-way',
  'old-key-deleted': 'an old key was deleted after its waiting time',
  'lost-key': 'a new key was never saved',
};

/** Where clicking a notification takes the person (a screen of the window). */
export type NoticePlace = 'my-keys' | 'history';

/** Who turned automatic updates off: IT's policy file, an environment variable, or the person. */
export type UpdatesOffBy = 'policy' | 'environment' | 'setting';

/** What the window shows about updates. */
export type UpdateState =
  | { kind: 'off'; by: UpdatesOffBy }
  /** A build that cannot update itself: a development run, or a package type without an updater. */
  | { kind: 'unavailable' }
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'downloading'; version: string }
  | { kind: 'up-to-date'; checked: string }
  | { kind: 'ready'; version: string };
