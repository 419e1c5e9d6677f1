import type { Core } from '../../electron/core/compose';
import type { DesktopNotice } from '../../electron/core/desktop/desktop-notices';
import { watchOverCore, type DesktopWatch } from '../../electron/core/desktop/desktop-watch';
import type { KeptKeysSummary } from '../../electron/core/desktop/key-attention';

/**
 * The background watch over a core, wired as main wires it, with what it would show the OS and
 * the tray recorded in `shown` and `summaries` instead. `deleteRetiredAt` moves "now" for
 * deleting old keys past their wait.
 */
export function desktopWatchOf(
  core: Core,
  dataDir: string,
  options: {
    deleteRetiredAt?: number;
    shown?: DesktopNotice[];
    summaries?: KeptKeysSummary[];
  } = {},
): { watch: DesktopWatch; shown: DesktopNotice[]; summaries: KeptKeysSummary[] } {
  const shown = options.shown ?? [];
  const summaries = options.summaries ?? [];
  const watch = watchOverCore(core, dataDir, {
    show: (notice) => shown.push(notice),
    onSummary: (summary) => summaries.push(summary),
    ...(options.deleteRetiredAt !== undefined && { deleteRetiredAt: options.deleteRetiredAt }),
  });
  return { watch, shown, summaries };
}
