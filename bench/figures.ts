/** One figure the benchmark reports, with the target the issue sets for it (if any). */
export interface Figure {
  name: string;
  /** Null when the figure could not be measured; `skipped` says why. */
  value: number | null;
  unit: string;
  target?: { op: '<=' | '>='; value: number };
  skipped?: string;
  /** How it was measured, in a sentence: the command or the calls timed. */
  how: string;
  details?: Record<string, unknown>;
}

export function meets(figure: Figure): boolean | null {
  if (figure.value === null || !figure.target) return null;
  return figure.target.op === '<='
    ? figure.value <= figure.target.value
    : figure.value >= figure.target.value;
}

/** `name: value unit`, with `MISS (target ≤ x unit)` when it misses; the benchmark never fails. */
export function formatFigure(figure: Figure): string {
  if (figure.value === null) return `${figure.name}: skipped (${figure.skipped ?? 'not measured'})`;
  const line = `${figure.name}: ${String(round(figure.value))} ${figure.unit}`;
  if (meets(figure) !== false || !figure.target) return line;
  const op = figure.target.op === '<=' ? '≤' : '≥';
  return `${line} MISS (target ${op} ${String(figure.target.value)} ${figure.unit})`;
}

export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

export function skipped(name: string, unit: string, reason: string, how: string): Figure {
  return { name, value: null, unit, skipped: reason, how };
}
