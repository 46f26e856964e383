import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import { outlineLines, symbolNamed } from '../testing/outline-lines.js';

const parser = new CodeParser();

const SHAPES = `//! Shapes and how to draw them.
use std::fmt::{self, Display};
use crate::canvas::Canvas as Surface;
use super::units::*;
pub use self::color::Color;
mod color;

/// A point on the canvas.
/// Coordinates are in pixels.
#[derive(Debug, Clone)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

pub(crate) enum Shape {
    Circle { radius: u32 },
}

/// Anything that can be drawn.
pub trait Draw {
    /// Draws on the surface.
    fn draw(&self, surface: &mut Surface);
    fn visible(&self) -> bool { true }
}

impl Point {
    /// The origin.
    pub fn origin() -> Self {
        Point { x: 0, y: 0 }
    }

    fn offset(&self) -> i32 { self.x + self.y }
}

impl Draw for Shape {
    fn draw(&self, surface: &mut Surface) {
        use std::io::Write as _;
        let _ = surface; // "/* not a comment */"
    }
}

pub type Points = Vec<Point>;

pub mod geometry {
    pub fn area(radius: u32) -> u32 { radius * radius * 3 }
}
`;

describe('Rust outline', () => {
  const result = analyzeSource(parser, 'rust', SHAPES);

  it('finds structs, enums, traits, impl methods and modules with their parents', () => {
    expect(outlineLines(result.symbols)).toEqual([
      'struct Point 11-14 exported',
      'enum Shape 16-18',
      'trait Draw 21-25 exported',
      'method draw@Draw 23-23 exported',
      'method visible@Draw 24-24 exported',
      'method origin@Point 29-31 exported',
      'method offset@Point 33-33',
      'method draw@Shape 37-40 exported',
      'type Points 43-43 exported',
      'module geometry 45-47 exported',
      'function area@geometry 46-46 exported',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads /// docs above attributes, and signatures from the name line', () => {
    const point = symbolNamed(result.symbols, 'Point');
    expect(point.doc).toBe('A point on the canvas.\nCoordinates are in pixels.');
    expect(point.signature).toBe('pub struct Point {');
    expect(symbolNamed(result.symbols, 'Draw').doc).toBe('Anything that can be drawn.');
    expect(symbolNamed(result.symbols, 'draw', 'Draw').doc).toBe('Draws on the surface.');
    expect(symbolNamed(result.symbols, 'origin').doc).toBe('The origin.');
  });

  it('lists use paths as written, mod declarations as self::, and uses inside functions', () => {
    expect(result.imports).toEqual([
      { source: 'std::fmt', names: ['self', 'Display'], line: 2 },
      { source: 'crate::canvas::Canvas', names: ['Canvas'], line: 3 },
      { source: 'super::units', names: ['*'], line: 4 },
      { source: 'self::color::Color', names: ['Color'], line: 5 },
      { source: 'self::color', names: [], line: 6 },
      { source: 'std::io::Write', names: ['Write'], line: 38 },
    ]);
  });

  it('exports pub items (not pub(crate)) and counts lines', () => {
    expect(result.exports.map((entry) => entry.name)).toEqual(['Point', 'Draw', 'Points', 'geometry', 'area']);
    expect(result.lineStats).toEqual({ code: 33, comment: 6, blank: 8 });
  });
});
