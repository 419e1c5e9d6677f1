export type SortDirection = 'ascending' | 'descending' | undefined;

/** A column's `aria-sort`: only the column the table is sorted by has one. */
export function sortDirection<C>(sortBy: C, descending: boolean, column: C): SortDirection {
  if (sortBy !== column) return undefined;
  return descending ? 'descending' : 'ascending';
}
