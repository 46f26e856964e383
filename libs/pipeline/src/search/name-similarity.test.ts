import { describe, expect, it } from 'vitest';
import { closeNames, editDistance, namesByLength } from './name-similarity.js';

const NAMES = namesByLength(['compileserializationschema', 'gettrustproxyfn', 'addcontenttypeparser', 'send', 'sendstream', 'hookrunner']);

describe('closeNames', () => {
  it('finds a name misspelt by a letter or two', () => {
    expect(closeNames('compileserialisationschema', NAMES)).toEqual([{ name: 'compileserializationschema', closeness: 0.8 }]);
    expect(closeNames('hookrunenr', NAMES).map((close) => close.name)).toEqual(['hookrunner']);
  });

  it('finds a name written in part, a prefix more surely than a middle', () => {
    const [prefix] = closeNames('gettrustproxy', NAMES);
    const [middle] = closeNames('contenttypeparser', NAMES);
    expect(prefix?.name).toBe('gettrustproxyfn');
    expect(middle?.name).toBe('addcontenttypeparser');
    expect(prefix!.closeness).toBeGreaterThan(middle!.closeness);
  });

  it('matches short names only exactly, and not a small part of a long name', () => {
    expect(closeNames('sned', NAMES)).toEqual([]);
    expect(closeNames('trust', NAMES)).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions, stopping past the limit', () => {
    expect(editDistance('receive', 'recieve', 2)).toBe(1);
    expect(editDistance('colour', 'color', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});
