// A deliberate cycle of type-only imports: scripts/import-cycles.test.ts lints this folder with
// inline configuration off, so the rule must report it there. Everywhere else it is let be.
/* eslint-disable keyward/no-cycle */
import type { A } from './a';

export interface B {
  other: A | null;
}
