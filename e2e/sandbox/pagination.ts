import { validationError } from './errors';
import { readMaxItems, type QueryParams } from './params';

export interface Page<T> {
  readonly items: T[];
  readonly isTruncated: boolean;
  readonly marker: string | undefined;
}

const MARKER_PREFIX = 'kw1:';

/**
 * IAM's Marker/MaxItems paging over a list sorted by `keyOf`. The marker carries the last key
 * returned, so a page stays correct when entries are added or deleted between calls.
 */
export function paginate<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  params: QueryParams,
): Page<T> {
  const maxItems = readMaxItems(params);
  const rawMarker = params.get('Marker');
  let start = 0;
  if (rawMarker !== undefined) {
    const after = decodeMarker(rawMarker);
    start = sorted.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + maxItems);
  const isTruncated = start + maxItems < sorted.length;
  const last = items.at(-1);
  return {
    items,
    isTruncated,
    marker: isTruncated && last !== undefined ? encodeMarker(keyOf(last)) : undefined,
  };
}

function encodeMarker(key: string): string {
  return Buffer.from(MARKER_PREFIX + key, 'utf8').toString('base64');
}

function decodeMarker(marker: string): string {
  const decoded = Buffer.from(marker, 'base64').toString('utf8');
  if (!decoded.startsWith(MARKER_PREFIX)) throw validationError('Invalid Marker.');
  return decoded.slice(MARKER_PREFIX.length);
}
