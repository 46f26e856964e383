import { describe, expect, it } from 'vitest';
import { matchingFiles, referencedFileBoosts, type FileChunks } from './referenced-files.js';

const file = (path: string, ...ranges: Array<[number, number, number]>): FileChunks => ({
  path,
  chunks: ranges.map(([id, startLine, endLine]) => ({ id, startLine, endLine })),
});

const decorate = file('lib/decorate.js', [0, 1, 40], [1, 41, 100]);
const reply = file('lib/reply.js', [2, 1, 200]);
const indexRoot = file('index.js', [3, 1, 10]);
const indexLib = file('lib/util/index.js', [4, 1, 10]);
const bar = file('src/main/java/com/acme/bar.java', [5, 1, 80]);
const byName = new Map<string, FileChunks[]>([
  ['decorate.js', [decorate]],
  ['reply.js', [reply]],
  ['index.js', [indexRoot, indexLib]],
  ['bar.java', [bar]],
]);

describe('matchingFiles', () => {
  it('matches a path to the file it ends with, or that ends with it', () => {
    expect(matchingFiles(byName, '/srv/app/node_modules/fastify/lib/reply.js')).toEqual([reply]);
    expect(matchingFiles(byName, 'reply.js')).toEqual([reply]);
    expect(matchingFiles(byName, 'Bar.java')).toEqual([bar]);
    expect(matchingFiles(byName, 'lib/util/index.js')).toEqual([indexLib]);
  });

  it('does not take the caller\'s own file for one of the repository\'s with the same name', () => {
    expect(matchingFiles(byName, '/home/dev/app/src/routes/index.js')).toEqual([]);
    expect(matchingFiles(byName, '/home/dev/app/src/decorate.js')).toEqual([]);
  });
});

describe('referencedFileBoosts', () => {
  it('boosts the chunk holding a frame\'s line most, its file less, and later frames less', () => {
    const boosts = referencedFileBoosts(
      byName,
      {
        frames: [
          { path: '/app/node_modules/x/lib/decorate.js', line: 21, functionName: 'decorate' },
          { path: '/app/src/plugin.js', line: 3, functionName: null },
          { path: '/app/node_modules/x/lib/reply.js', line: 150, functionName: null },
        ],
        paths: [],
      },
      new Set(),
    );
    expect(boosts.get(0)).toBeGreaterThan(boosts.get(1)!);
    expect(boosts.get(0)).toBeGreaterThan(boosts.get(2)!);
    expect(boosts.get(2)).toBeGreaterThan(boosts.get(1)!);
    expect(boosts.has(3)).toBe(false);
  });

  it('boosts every chunk of a file named by path, unless the exact path lookup already did', () => {
    const boosts = referencedFileBoosts(byName, { frames: [], paths: ['fastify/lib/decorate.js'] }, new Set([1]));
    expect([...boosts.keys()]).toEqual([0]);
  });
});
