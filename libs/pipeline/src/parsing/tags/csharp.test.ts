import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import { outlineLines, symbolNamed } from '../testing/outline-lines.js';

const parser = new CodeParser();

const INVENTORY = `using System;
using System.Collections.Generic;
using static System.Math;
using Json = System.Text.Json.JsonSerializer;

namespace Shop.Inventory
{
    /// <summary>Tracks stock per product.</summary>
    [Serializable]
    public class Stock : IStock
    {
        private readonly Dictionary<string, int> counts = new();

        /// <summary>Adds items.</summary>
        public void Add(string sku, int count) { counts[sku] = count; }

        internal int Count(string sku) => counts[sku];

        public Stock() { }
    }

    interface IStock
    {
        void Add(string sku, int count);
    }

    public struct Sku { }
    public enum Unit { Piece, Kilogram }
    public record Item(string Sku);
    public delegate void Changed(string sku);
}
`;

describe('C# outline', () => {
  const result = analyzeSource(parser, 'csharp', INVENTORY);

  it('finds namespaces, classes, interfaces, structs, enums, records, delegates and methods', () => {
    expect(outlineLines(result.symbols)).toEqual([
      'module Shop.Inventory 6-31 exported',
      'class Stock@Shop.Inventory 9-20 exported',
      'method Add@Stock 15-15 exported',
      'method Count@Stock 17-17',
      'method Stock@Stock 19-19 exported',
      'interface IStock@Shop.Inventory 22-25',
      'method Add@IStock 24-24',
      'struct Sku@Shop.Inventory 27-27 exported',
      'enum Unit@Shop.Inventory 28-28 exported',
      'class Item@Shop.Inventory 29-29 exported',
      'type Changed@Shop.Inventory 30-30 exported',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads /// docs without their XML tags; attributes belong to the declaration', () => {
    const stock = symbolNamed(result.symbols, 'Stock', 'Shop.Inventory');
    expect(stock.doc).toBe('Tracks stock per product.');
    expect(stock.signature).toBe('public class Stock : IStock');
    expect(symbolNamed(result.symbols, 'Add', 'Stock').doc).toBe('Adds items.');
  });

  it('lists usings as namespaces and counts lines', () => {
    expect(result.imports).toEqual([
      { source: 'System', names: [], line: 1 },
      { source: 'System.Collections.Generic', names: [], line: 2 },
      { source: 'System.Math', names: [], line: 3 },
      { source: 'System.Text.Json.JsonSerializer', names: [], line: 4 },
    ]);
    expect(result.lineStats).toEqual({ code: 23, comment: 2, blank: 6 });
  });
});
