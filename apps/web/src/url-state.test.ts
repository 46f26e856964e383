import { describe, expect, it } from 'vitest';
import { parseLineRange, readSelection, selectionSearch, type Selection } from './url-state.js';

const REPOSITORY = '0b6f3c4e-8a51-4d2f-9c3e-1f2a3b4c5d6e';

describe('the selection in the address bar', () => {
  it('round-trips a file and its highlighted lines, with a path that needs escaping', () => {
    const selection: Selection = { repositoryId: REPOSITORY, runId: null, view: 'code', file: 'docs/odd name #1.md', lines: { start: 4, end: 7 } };
    const search = selectionSearch(selection);
    expect(search).toContain('lines=4-7');
    expect(readSelection(search)).toEqual(selection);
  });

  it('drops what is not valid instead of passing it to the API', () => {
    expect(readSelection('?repository=../../etc&view=admin&lines=x')).toEqual({ repositoryId: null, runId: null, view: null, file: null, lines: null });
  });

  it('reads a single line, a range in either order, and refuses line 0', () => {
    expect(parseLineRange('12')).toEqual({ start: 12, end: 12 });
    expect(parseLineRange('9-3')).toEqual({ start: 3, end: 9 });
    expect(parseLineRange('0-3')).toBeNull();
    expect(parseLineRange('L4')).toBeNull();
  });
});
