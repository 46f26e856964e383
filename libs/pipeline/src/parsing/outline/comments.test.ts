import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import type { CodeLanguage } from '../languages.js';

const parser = new CodeParser();

function lineStats(language: CodeLanguage, source: string) {
  return analyzeSource(parser, language, source).lineStats;
}

describe('line statistics from comment nodes', () => {
  it('does not take comment markers inside strings for comments', () => {
    const source = `const url = "http://example.com"; // the real comment\nconst glob = '/* not a comment */';\nconst re = /\\/\\//;\n`;
    expect(lineStats('javascript', source)).toEqual({ code: 3, comment: 0, blank: 0 });
    expect(lineStats('python', `s = "# no"\n# yes\nt = '''\n# still a string\n'''\n`)).toEqual({ code: 4, comment: 1, blank: 0 });
  });

  it('counts the lines of a block comment as comment lines and its blank lines as blank', () => {
    const source = `/*\n * Header.\n\n */\nint x; /* trailing */\n  /* a */ /* b */\n`;
    expect(lineStats('c', source)).toEqual({ code: 1, comment: 4, blank: 1 });
  });

  it('reads a run of line comments as comments, but not a heredoc opened before a trailing comment', () => {
    const runs = `# one\n# two\n#three\nx = 1\n`;
    expect(lineStats('ruby', runs)).toEqual({ code: 1, comment: 3, blank: 0 });
    const heredoc = `text = <<~EOS # a note\n  # inside the heredoc\nEOS\n`;
    expect(lineStats('ruby', heredoc)).toEqual({ code: 3, comment: 0, blank: 0 });
  });

  it('follows a C++ line comment continued with a backslash', () => {
    expect(lineStats('cpp', `// first \\\n   still the comment\nint x;\n`)).toEqual({ code: 1, comment: 2, blank: 0 });
  });

  it('adds up to the number of lines, whitespace-only lines blank', () => {
    const source = `package main\n\n\t\n// Main runs.\nfunc main() {}\n`;
    const stats = lineStats('go', source);
    expect(stats).toEqual({ code: 2, comment: 1, blank: 2 });
    expect(stats.code + stats.comment + stats.blank).toBe(analyzeSource(parser, 'go', source).lines);
  });
});
