import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import { outlineLines, symbolNamed } from '../testing/outline-lines.js';

const parser = new CodeParser();

const MODULE = `"""Storage backends for the cache."""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from . import codecs
from ..core.errors import StorageError, NotFound as Missing
from .backends import *

# Used when no TTL is given.
DEFAULT_TTL = 60


@dataclass(frozen=True)
class Entry:
    """One cached value.

    Entries are immutable.
    """

    key: str

    def expired(self, now: float) -> bool:
        return now > self.deadline

    def _touch(self):
        import time  # a lazy import
        return time.time()


# Opens the backend named by the URL.
def open_backend(url: str, *, ttl: int = DEFAULT_TTL) -> "Backend":
    def helper():
        pass

    return helper()


if os.name == "nt":
    def _windows_path(path):
        '''Windows needs drive letters.'''
        return path
`;

describe('Python outline', () => {
  const result = analyzeSource(parser, 'python', MODULE);

  it('finds classes, methods and functions with line ranges, leaving out nested functions', () => {
    expect(outlineLines(result.symbols)).toEqual([
      'class Entry 14-28 exported',
      'method expired@Entry 23-24 exported',
      'method _touch@Entry 26-28',
      'function open_backend 32-36 exported',
      'function _windows_path 40-42',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads docstrings, or the comment above when there is none, and the first line as signature', () => {
    const entry = symbolNamed(result.symbols, 'Entry');
    expect(entry.doc).toBe('One cached value.\n\nEntries are immutable.');
    expect(entry.signature).toBe('class Entry:');
    const open = symbolNamed(result.symbols, 'open_backend');
    expect(open.doc).toBe('Opens the backend named by the URL.');
    expect(open.signature).toBe('def open_backend(url: str, *, ttl: int = DEFAULT_TTL) -> "Backend":');
    expect(symbolNamed(result.symbols, '_windows_path').doc).toBe('Windows needs drive letters.');
    expect(symbolNamed(result.symbols, 'expired').doc).toBeUndefined();
  });

  it('lists imports as dotted modules, relative ones with their leading dots, lazy ones too', () => {
    expect(result.imports).toEqual([
      { source: '__future__', names: ['annotations'], line: 2 },
      { source: 'os', names: [], line: 4 },
      { source: 'xml.etree.ElementTree', names: [], line: 5 },
      { source: '.', names: ['codecs'], line: 6 },
      { source: '..core.errors', names: ['StorageError', 'NotFound'], line: 7 },
      { source: '.backends', names: ['*'], line: 8 },
      { source: 'time', names: [], line: 27 },
    ]);
  });

  it('exports the top-level names that do not start with an underscore', () => {
    expect(result.exports).toEqual([
      { name: 'Entry', line: 14 },
      { name: 'open_backend', line: 32 },
    ]);
  });

  it('counts code, comment and blank lines; docstrings are code', () => {
    expect(result.lineStats).toEqual({ code: 27, comment: 2, blank: 13 });
    expect(result.lines).toBe(42);
  });
});
