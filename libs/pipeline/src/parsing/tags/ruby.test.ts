import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import { outlineLines, symbolNamed } from '../testing/outline-lines.js';

const parser = new CodeParser();

const CART = `# frozen_string_literal: true

require 'json'
require_relative 'pricing/rules'
require_relative '../support/money'

# Shopping, from cart to checkout.
module Shop
  # A customer's cart.
  # Holds line items.
  class Cart < Base
    # Adds an item; returns the cart.
    def add(item, quantity = 1)
      items << item # "# not a comment"
      self
    end

    def self.empty
      new
    end

    class << self
      def restore(json)
        require 'time'
        JSON.parse(json)
      end
    end
  end

  def self.version = '1.0'
end

=begin
Old notes.
=end
def helper; end
`;

describe('Ruby outline', () => {
  const result = analyzeSource(parser, 'ruby', CART);

  it('finds modules, classes and methods, singleton methods included', () => {
    expect(outlineLines(result.symbols)).toEqual([
      'module Shop 8-31 exported',
      'class Cart@Shop 11-28 exported',
      'method add@Cart 13-16 exported',
      'method empty@Cart 18-20 exported',
      'method restore@Cart 23-26 exported',
      'method version@Shop 30-30 exported',
      'function helper 36-36 exported',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads # comments above as docs', () => {
    expect(symbolNamed(result.symbols, 'Shop').doc).toBe('Shopping, from cart to checkout.');
    const cart = symbolNamed(result.symbols, 'Cart');
    expect(cart.doc).toBe("A customer's cart.\nHolds line items.");
    expect(cart.signature).toBe('class Cart < Base');
    expect(symbolNamed(result.symbols, 'add').doc).toBe('Adds an item; returns the cart.');
    expect(symbolNamed(result.symbols, 'helper').doc).toBe('Old notes.');
  });

  it('lists require as written and require_relative as a ./ path, wherever they are', () => {
    expect(result.imports).toEqual([
      { source: 'json', names: [], line: 3 },
      { source: './pricing/rules', names: [], line: 4 },
      { source: '../support/money', names: [], line: 5 },
      { source: 'time', names: [], line: 24 },
    ]);
    expect(result.exports.map((entry) => entry.name)).toEqual(['Shop', 'Cart', 'helper']);
    expect(result.lineStats).toEqual({ code: 22, comment: 8, blank: 6 });
  });
});
