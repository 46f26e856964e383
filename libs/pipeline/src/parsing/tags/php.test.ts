import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import { outlineLines, symbolNamed } from '../testing/outline-lines.js';

const parser = new CodeParser();

const USER = `<?php
declare(strict_types=1);

namespace App\\Models;

use Illuminate\\Database\\Eloquent\\Model;
use App\\Contracts\\{Jsonable, Arrayable as Listable};
use function App\\Support\\helper;

require_once 'bootstrap/autoload.php';
include __DIR__ . '/helpers.php';

/**
 * A registered user.
 */
#[Table('users')]
final class User extends Model implements Jsonable
{
    use HasFactory;

    /** The display name. */
    public function name(): string
    {
        return $this->first . ' ' . $this->last; // "// no"
    }

    private function secret(): void {}

    function legacy() {}
}

interface Named { public function name(): string; }

trait Greets { public function greet() {} }

enum Role: string { case Admin = 'admin'; }

# Formats a user for display.
function format_user(User $user): string { return $user->name(); }
`;

describe('PHP outline', () => {
  const result = analyzeSource(parser, 'php', USER);

  it('finds namespaces, classes, interfaces, traits, enums, functions and methods', () => {
    expect(outlineLines(result.symbols)).toEqual([
      'module App\\Models 4-4 exported',
      'class User 16-30 exported',
      'method name@User 22-25 exported',
      'method secret@User 27-27',
      'method legacy@User 29-29 exported',
      'interface Named 32-32 exported',
      'method name@Named 32-32 exported',
      'trait Greets 34-34 exported',
      'method greet@Greets 34-34 exported',
      'enum Role 36-36 exported',
      'function format_user 39-39 exported',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads /** */ and # comments above as docs; attributes belong to the class', () => {
    const user = symbolNamed(result.symbols, 'User');
    expect(user.doc).toBe('A registered user.');
    expect(user.signature).toBe('final class User extends Model implements Jsonable');
    expect(symbolNamed(result.symbols, 'name', 'User').doc).toBe('The display name.');
    expect(symbolNamed(result.symbols, 'format_user').doc).toBe('Formats a user for display.');
  });

  it('lists use as the qualified name (groups expanded) and includes of literals', () => {
    expect(result.imports).toEqual([
      { source: 'Illuminate\\Database\\Eloquent\\Model', names: ['Model'], line: 6 },
      { source: 'App\\Contracts\\Jsonable', names: ['Jsonable'], line: 7 },
      { source: 'App\\Contracts\\Arrayable', names: ['Arrayable'], line: 7 },
      { source: 'App\\Support\\helper', names: ['helper'], line: 8 },
      { source: 'bootstrap/autoload.php', names: [], line: 10 },
      { source: './helpers.php', names: [], line: 11 },
    ]);
    expect(result.lineStats).toEqual({ code: 23, comment: 5, blank: 11 });
  });
});
