import { describe, expect, it } from 'vitest';
import { analyzeSource, countLines } from './analyze-source.js';
import { CodeParser } from './code-parser.js';

const parser = new CodeParser();

/** Symbols as `kind name[@parent] start-end exported?`, the way a reader scans an outline. */
function outline(source: string, language: 'typescript' | 'tsx' | 'javascript'): string[] {
  return analyzeSource(parser, language, source).symbols.map(
    (s) => `${s.kind} ${s.name}${s.parent === undefined ? '' : `@${s.parent}`} ${s.startLine}-${s.endLine}${s.exported ? ' exported' : ''}`,
  );
}

const TYPESCRIPT_MODULE = `import { readFile as read } from 'node:fs/promises';
import type { Logger } from 'pino';
import * as path from 'node:path';
import defaultThing, { other } from './other.js';
import './side-effect.js';

/** Settings for the cache. */
export interface CacheOptions {
  ttlMs: number;
  load(key: string): Promise<string>;
}

export type CacheKey = string | number;

export enum Eviction {
  Lru,
  Fifo,
}

@injectable()
export class Cache<TValue> implements Disposable {
  private readonly entries = new Map<CacheKey, TValue>();
  onEvict = (key: CacheKey): void => {
    void key;
  };

  constructor(private readonly options: CacheOptions) {}

  get(key: string): TValue | undefined;
  get(key: number): TValue | undefined;
  get(key: CacheKey): TValue | undefined {
    return this.entries.get(key);
  }
}

export function createCache(options: CacheOptions): Cache<string> {
  return new Cache(options);
}

export const normalizeKey = (key: CacheKey): string =>
  String(key).trim();

const internalHelper = function () {
  const notInOutline = () => 1;
  return notInOutline();
};

abstract class BaseStore {
  abstract size(): number;
}

export { internalHelper as helper, BaseStore };
export * from './reexported.js';
export * as extras from './extras.js';
export { fromElsewhere } from './elsewhere.js';
const lazy = () => import('./lazy.js');
`;

describe('analyzeSource on TypeScript', () => {
  const result = analyzeSource(parser, 'typescript', TYPESCRIPT_MODULE);

  it('outlines declarations with kinds, parents, line ranges and export flags', () => {
    expect(outline(TYPESCRIPT_MODULE, 'typescript')).toEqual([
      'interface CacheOptions 8-11 exported',
      'method load@CacheOptions 10-10 exported',
      'type CacheKey 13-13 exported',
      'enum Eviction 15-18 exported',
      'class Cache 20-34 exported',
      'method onEvict@Cache 23-25 exported',
      'method constructor@Cache 27-27 exported',
      // Two overload signatures and the implementation read as one method.
      'method get@Cache 29-33 exported',
      'function createCache 36-38 exported',
      'function normalizeKey 40-41 exported',
      'function internalHelper 43-46 exported',
      'class BaseStore 48-50 exported',
      'method size@BaseStore 49-49 exported',
      'function lazy 56-56',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads JSDoc and line comments directly above a declaration as its doc', () => {
    expect(result.symbols.find((s) => s.name === 'CacheOptions')?.doc).toBe('Settings for the cache.');
    expect(result.symbols.find((s) => s.name === 'Cache')?.doc).toBeUndefined();
    expect(result.lineStats).toEqual({ code: 44, comment: 1, blank: 11 });
  });

  it('shows the declaration line as the signature, not the decorator', () => {
    const cache = result.symbols.find((s) => s.name === 'Cache');
    expect(cache?.signature).toBe('export class Cache<TValue> implements Disposable {');
    expect(result.symbols.find((s) => s.name === 'get')?.signature).toBe('get(key: string): TValue | undefined;');
  });

  it('lists imports with their names, including re-exports and dynamic imports', () => {
    expect(result.imports).toEqual([
      { source: 'node:fs/promises', names: ['readFile'], line: 1 },
      { source: 'pino', names: ['Logger'], line: 2 },
      { source: 'node:path', names: ['*'], line: 3 },
      { source: './other.js', names: ['defaultThing', 'other'], line: 4 },
      { source: './side-effect.js', names: [], line: 5 },
      { source: './reexported.js', names: ['*'], line: 53 },
      { source: './extras.js', names: ['*'], line: 54 },
      { source: './elsewhere.js', names: ['fromElsewhere'], line: 55 },
      { source: './lazy.js', names: [], line: 56 },
    ]);
  });

  it('lists exports by their exported names', () => {
    expect(result.exports).toEqual([
      { name: 'CacheOptions', line: 8 },
      { name: 'CacheKey', line: 13 },
      { name: 'Eviction', line: 15 },
      { name: 'Cache', line: 20 },
      { name: 'createCache', line: 36 },
      { name: 'normalizeKey', line: 40 },
      { name: 'helper', line: 52 },
      { name: 'BaseStore', line: 52 },
      { name: '*', line: 53 },
      { name: 'extras', line: 54 },
      { name: 'fromElsewhere', line: 55 },
    ]);
    expect(result.lines).toBe(56);
    expect(result.bytes).toBe(Buffer.byteLength(TYPESCRIPT_MODULE));
  });
});

describe('analyzeSource on TSX', () => {
  const component = `import React, { useState } from 'react';

type Props = { label: string; onPick(value: string): void };

export default function Picker({ label, onPick }: Props) {
  const [value, setValue] = useState('é — 😀');
  const handleClick = () => onPick(value);
  return (
    <button type="button" onClick={handleClick}>
      {label}: {value}
    </button>
  );
}

export const Badge = ({ text }: { text: string }) => <span className="badge">{text}</span>;
`;

  it('finds components, not the handlers inside them, and the default export', () => {
    const result = analyzeSource(parser, 'tsx', component);
    expect(outline(component, 'tsx')).toEqual([
      'type Props 3-3',
      'function Picker 5-13 exported',
      'function Badge 15-15 exported',
    ]);
    expect(result.exports).toEqual([
      { name: 'default', line: 5 },
      { name: 'Badge', line: 15 },
    ]);
    expect(result.imports).toEqual([{ source: 'react', names: ['React', 'useState'], line: 1 }]);
    expect(result.error).toBeUndefined();
  });
});

describe('analyzeSource on CommonJS JavaScript', () => {
  const commonJs = `'use strict';
const fs = require('node:fs');
const { join, resolve: resolvePath } = require('node:path');
const debug = require('debug')('app');

function Router(options) {
  this.options = options;
}

Router.prototype.route = function route(path) {
  return join(path);
};

class Store {
  cache = new Map();
  load = async (key) => fs.promises.readFile(key);
  #secret() {}
}

exports.version = '1.0.0';
exports.createRouter = function (options) {
  return new Router(options);
};
module.exports.Store = Store;
module.exports.defaults = { retries: 3 };
`;

  it('finds functions, classes, prototype methods and require() imports', () => {
    const result = analyzeSource(parser, 'javascript', commonJs);
    expect(outline(commonJs, 'javascript')).toEqual([
      'function Router 6-8',
      'method route@Router 10-12',
      'class Store 14-18 exported',
      'method load@Store 16-16 exported',
      'method #secret@Store 17-17 exported',
      'function createRouter 21-23 exported',
    ]);
    expect(result.imports).toEqual([
      { source: 'node:fs', names: ['fs'], line: 2 },
      { source: 'node:path', names: ['join', 'resolve'], line: 3 },
      { source: 'debug', names: [], line: 4 },
    ]);
    expect(result.exports.map((e) => e.name)).toEqual(['version', 'createRouter', 'Store', 'defaults']);
  });

  it('finds require() and import() at any depth, but not in comments or strings', () => {
    const source = `// require('commented-out')
const message = "call require('in-a-string') later";
function outer() {
  return function middle() {
    return () => {
      if (message) {
        for (const item of [1]) {
          try {
            return [item, require('deeply-nested'), import('./deep-dynamic.js')];
          } catch {}
        }
      }
    };
  };
}
`;
    const result = analyzeSource(parser, 'javascript', source);
    expect(result.imports).toEqual([
      { source: 'deeply-nested', names: [], line: 9 },
      { source: './deep-dynamic.js', names: [], line: 9 },
    ]);
  });

  it('reads module.exports = { … } as named exports and marks what it refers to', () => {
    const source = `function a() {}\nfunction b() {}\nconst c = () => 1;\nmodule.exports = { a, renamed: b, inline() {} };\n`;
    const result = analyzeSource(parser, 'javascript', source);
    expect(outline(source, 'javascript')).toEqual([
      'function a 1-1 exported',
      'function b 2-2 exported',
      'function c 3-3',
      'function inline 4-4 exported',
    ]);
    expect(result.exports.map((e) => e.name)).toEqual(['default', 'a', 'renamed', 'inline']);
  });
});

describe('analyzeSource on wrapped declarations', () => {
  it('finds members of nested namespaces', () => {
    const source = `namespace Outer {\n  export namespace Inner {\n    export class Deep {\n      run(): void {}\n    }\n  }\n}\n`;
    expect(outline(source, 'typescript')).toEqual(['class Deep 3-5 exported', 'method run@Deep 4-4 exported']);
  });

  it('finds the exports of a UMD factory', () => {
    const source = `(function (root, factory) {
  if (typeof define === 'function') define(['exports'], factory);
  else factory((root.lib = {}));
})(this, function (exports) {
  function format(value) {
    return String(value);
  }
  exports.format = format;
  exports.parse = function parse(text) {
    return text;
  };
});
`;
    const result = analyzeSource(parser, 'javascript', source);
    expect(outline(source, 'javascript')).toEqual(['function format 5-7 exported', 'function parse 9-11 exported']);
    expect(result.exports.map((entry) => entry.name)).toEqual(['format', 'parse']);
  });
});

describe('analyzeSource on large and broken files', () => {
  it('parses a file far over 32 KB (the native binding rejects those without an explicit buffer)', () => {
    const parts: string[] = [];
    for (let index = 0; index < 2_000; index += 1) {
      parts.push(`export function generated${index}(value: number): number {\n  return value * ${index};\n}\n`);
    }
    const source = parts.join('');
    expect(Buffer.byteLength(source)).toBeGreaterThan(100_000);
    const result = analyzeSource(parser, 'typescript', source);
    expect(result.error).toBeUndefined();
    expect(result.symbols).toHaveLength(2_000);
    expect(result.symbols.at(-1)).toMatchObject({ name: 'generated1999', startLine: 5_998, endLine: 6_000, exported: true });
    expect(result.exports).toHaveLength(2_000);
    expect(result.parseMs).toBeGreaterThan(0);
  });

  it('records syntax errors with their lines and keeps the symbols of the valid parts', () => {
    const source = `export function good() {\n  return 1;\n}\nconst broken = ;\nexport class Survivor {\n  run() { if ( }\n}\n`;
    const result = analyzeSource(parser, 'typescript', source);
    expect(result.error).toBe('syntax errors at lines 4, 6');
    expect(result.symbols.map((s) => s.name)).toEqual(['good', 'Survivor', 'run']);
  });
});

describe('countLines', () => {
  it('counts lines the way an editor numbers them', () => {
    expect([countLines(''), countLines('a'), countLines('a\n'), countLines('a\nb'), countLines('a\n\n')]).toEqual([0, 1, 1, 2, 2]);
  });
});
