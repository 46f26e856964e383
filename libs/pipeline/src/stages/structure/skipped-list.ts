import type { StructureResult } from '@repolens/contracts';

type SkippedEntry = StructureResult['skipped'][number];

/** Skipped entries up to a cap, then one line saying how many more there were. */
export class SkippedList {
  private readonly list: SkippedEntry[] = [];
  private overflow = 0;

  constructor(private readonly cap: number) {}

  add(entryPath: string, reason: string): void {
    if (this.list.length < this.cap) this.list.push({ path: entryPath, reason });
    else this.overflow += 1;
  }

  get entries(): StructureResult['skipped'] {
    if (this.overflow === 0) return this.list;
    return [...this.list, { path: '.', reason: `${this.overflow} more entries were skipped and are not itemised` }];
  }
}

/** Link text is repository data: shown without control characters and at a bounded length. */
export function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}...` : clean;
}
