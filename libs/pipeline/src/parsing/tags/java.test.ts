import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import { outlineLines, symbolNamed } from '../testing/outline-lines.js';

const parser = new CodeParser();

const REPOSITORY = `package com.example.store;

import java.util.List;
import java.util.concurrent.*;
import static java.util.Objects.requireNonNull;

/**
 * Keeps orders in memory.
 *
 * @author someone
 */
@Service
public class OrderRepository implements Repository<Order> {
    private final List<Order> orders = new java.util.ArrayList<>();

    /** Creates an empty repository. */
    public OrderRepository() {}

    // Saves an order.
    @Override
    public void save(Order order) {
        orders.add(requireNonNull(order)); // "// not a comment"
    }

    List<Order> all() { return orders; }

    public interface Listener {
        void saved(Order order);
    }

    enum Status { NEW, PAID; boolean done() { return this == PAID; } }
}

record Order(String id) {}
`;

describe('Java outline', () => {
  const result = analyzeSource(parser, 'java', REPOSITORY);

  it('finds classes, interfaces, enums, records, constructors and methods with their parents', () => {
    expect(outlineLines(result.symbols)).toEqual([
      'class OrderRepository 12-32 exported',
      'method OrderRepository@OrderRepository 17-17 exported',
      'method save@OrderRepository 20-23 exported',
      'method all@OrderRepository 25-25',
      'interface Listener@OrderRepository 27-29 exported',
      'method saved@Listener 28-28 exported',
      'enum Status@OrderRepository 31-31',
      'method done@Status 31-31',
      'class Order 34-34',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads Javadoc and line comments above, annotations included in the declaration', () => {
    const repository = symbolNamed(result.symbols, 'OrderRepository');
    expect(repository.doc).toBe('Keeps orders in memory.\n\n@author someone');
    expect(repository.signature).toBe('public class OrderRepository implements Repository<Order> {');
    expect(symbolNamed(result.symbols, 'OrderRepository', 'OrderRepository').doc).toBe('Creates an empty repository.');
    expect(symbolNamed(result.symbols, 'save').doc).toBe('Saves an order.');
  });

  it('lists imports by the imported name, wildcards and static imports included', () => {
    expect(result.imports).toEqual([
      { source: 'java.util.List', names: ['List'], line: 3 },
      { source: 'java.util.concurrent.*', names: ['*'], line: 4 },
      { source: 'java.util.Objects.requireNonNull', names: ['requireNonNull'], line: 5 },
    ]);
    expect(result.exports).toEqual([{ name: 'OrderRepository', line: 12 }]);
  });

  it('counts Javadoc lines as comments', () => {
    expect(result.lineStats).toEqual({ code: 19, comment: 7, blank: 8 });
  });
});
