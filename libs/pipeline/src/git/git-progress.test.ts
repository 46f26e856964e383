import { describe, expect, it } from 'vitest';
import { createProgressParser, type GitProgress } from './git-progress.js';
import { MAX_RECORD_CHARS } from './record-splitter.js';

describe('createProgressParser', () => {
  it('reads every redrawn line, across chunk boundaries', () => {
    const seen: GitProgress[] = [];
    const parse = createProgressParser((progress) => seen.push(progress));
    parse("Cloning into 'x'...\nremote: Counting objects:  50% (1/2)\rremote: Counting objects: 100% (2/2), done.\n");
    parse('Receiving objects:  45% (450/1000), 1.20 MiB | 3.00 MiB/s\rReceiving obj');
    parse('ects: 100% (1000/1000), 2.50 MiB | 3.00 MiB/s, done.\nResolving deltas: 100% (12/12), done.\n');
    expect(seen).toEqual([
      { stage: 'remote: counting objects', progress: 50, processed: 1, total: 2 },
      { stage: 'remote: counting objects', progress: 100, processed: 2, total: 2 },
      { stage: 'receiving objects', progress: 45, processed: 450, total: 1000 },
      { stage: 'receiving objects', progress: 100, processed: 1000, total: 1000 },
      { stage: 'resolving deltas', progress: 100, processed: 12, total: 12 },
    ]);
  });

  it('ignores lines that are not progress', () => {
    const seen: GitProgress[] = [];
    const parse = createProgressParser((progress) => seen.push(progress));
    parse('warning: You appear to have cloned an empty repository.\nfatal: 100% (1/1) is not a stage\n');
    expect(seen).toEqual([]);
  });

  it('reads no further into a line than the record limit, so a line without end cannot fill memory', () => {
    const seen: GitProgress[] = [];
    const parse = createProgressParser((progress) => seen.push(progress));
    // What follows the first 8 KiB of a line is dropped as it arrives, a progress report included.
    for (let chunk = 0; chunk < 64; chunk += 1) parse(' '.repeat(MAX_RECORD_CHARS / 4));
    parse('Receiving objects:  45% (450/1000)\rReceiving objects: 100% (1000/1000)\n');
    expect(seen).toEqual([{ stage: 'receiving objects', progress: 100, processed: 1000, total: 1000 }]);
  });
});
