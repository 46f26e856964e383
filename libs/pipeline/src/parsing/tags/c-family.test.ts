import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import { outlineLines, symbolNamed } from '../testing/outline-lines.js';

const parser = new CodeParser();

const C_SOURCE = `#include <stdio.h>
#include "util/strings.h"

#ifndef BUFFER_H
#define BUFFER_H

/* A growable byte buffer. */
typedef struct buffer {
    char *data;
    size_t length;
} buffer_t;

enum mode { READ, WRITE };

/* Creates an empty buffer. */
buffer_t *buffer_new(void);

static int grow(buffer_t *b, size_t by);

/*
 * Appends bytes to the buffer.
 */
int buffer_append(buffer_t *b, const char *bytes, size_t n) {
    if (grow(b, n) != 0) return -1; // "/* no */"
    return 0;
}

static int grow(buffer_t *b, size_t by) {
    return 0;
}

#endif
`;

const CPP_SOURCE = `#include <vector>
#include "geometry/point.hpp"

namespace draw {

/// Something that can be rendered.
template <typename T>
class Shape : public Node {
 public:
  Shape();
  /** Area in square pixels. */
  virtual double area() const = 0;
  static Shape make();

 private:
  struct Cache { int hits; };
};

using Shapes = std::vector<Shape<int>>;

}  // namespace draw

double draw::Shape<int>::area() const { return 0; }

static void helper() {}
`;

describe('C outline', () => {
  const result = analyzeSource(parser, 'c', C_SOURCE);

  it('finds typedefs, structs, enums, prototypes and definitions; a prototype of a defined function is dropped', () => {
    expect(outlineLines(result.symbols)).toEqual([
      'type buffer_t 8-11 exported',
      'struct buffer 8-11 exported',
      'enum mode 13-13 exported',
      'function buffer_new 16-16 exported',
      'function buffer_append 23-26 exported',
      'function grow 28-30',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads block comments above as docs', () => {
    expect(symbolNamed(result.symbols, 'buffer_t').doc).toBe('A growable byte buffer.');
    expect(symbolNamed(result.symbols, 'buffer_new').doc).toBe('Creates an empty buffer.');
    const append = symbolNamed(result.symbols, 'buffer_append');
    expect(append.doc).toBe('Appends bytes to the buffer.');
    expect(append.signature).toBe('int buffer_append(buffer_t *b, const char *bytes, size_t n) {');
  });

  it('lists quoted includes as paths and system includes in angle brackets', () => {
    expect(result.imports).toEqual([
      { source: '<stdio.h>', names: [], line: 1 },
      { source: 'util/strings.h', names: [], line: 2 },
    ]);
    expect(result.exports.map((entry) => entry.name)).toEqual(['buffer_t', 'buffer', 'mode', 'buffer_new', 'buffer_append']);
    expect(result.lineStats).toEqual({ code: 19, comment: 5, blank: 8 });
  });
});

describe('C++ outline', () => {
  const result = analyzeSource(parser, 'cpp', CPP_SOURCE);

  it('finds namespaces, template classes, members and out-of-class definitions', () => {
    expect(outlineLines(result.symbols)).toEqual([
      'module draw 4-21 exported',
      'class Shape@draw 7-17 exported',
      'method Shape@Shape 10-10 exported',
      'method make@Shape 13-13 exported',
      'struct Cache@Shape 16-16 exported',
      'type Shapes@draw 19-19 exported',
      'method area@Shape 23-23 exported',
      'function helper 25-25',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads /// and /** */ docs; the template head is part of the class', () => {
    const shape = symbolNamed(result.symbols, 'Shape', 'draw');
    expect(shape.doc).toBe('Something that can be rendered.');
    expect(shape.signature).toBe('class Shape : public Node {');
    expect(symbolNamed(result.symbols, 'area').signature).toBe('double draw::Shape<int>::area() const { return 0; }');
  });

  it('lists includes and counts lines', () => {
    expect(result.imports).toEqual([
      { source: '<vector>', names: [], line: 1 },
      { source: 'geometry/point.hpp', names: [], line: 2 },
    ]);
    expect(result.lineStats).toEqual({ code: 16, comment: 2, blank: 7 });
  });
});
