import type { KeptKeysSummary } from './key-attention';

/** What the tray (menu-bar) icon says: counts and key names only, nothing secret. */
export interface TraySummary {
  /** The icon's tooltip. */
  tooltip: string;
  /** The menu's first, disabled lines. */
  lines: string[];
  /** Whether the icon shows that something needs the person. */
  attention: boolean;
}

export function traySummary(summary: KeptKeysSummary): TraySummary {
  const kept =
    summary.kept === 0
      ? 'No keys kept on this computer'
      : summary.kept === 1
        ? '1 key kept on this computer'
        : `${String(summary.kept)} keys kept on this computer`;
  const waiting = summary.needsAttention.length;
  const lines = [kept];
  if (waiting === 1) {
    const [key] = summary.needsAttention;
    lines.push(
      key?.reason === 'old'
        ? `“${key.name}” is due to be replaced`
        : `Replacing “${key?.name ?? ''}” did not finish`,
    );
  } else if (waiting > 1) {
    lines.push(`${String(waiting)} keys need your attention`);
  }
  return {
    tooltip: waiting > 0 ? `Keyward: ${lines[1] ?? ''}` : `Keyward: ${kept}`,
    lines,
    attention: waiting > 0,
  };
}
