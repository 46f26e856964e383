import { describe, expect, it } from 'vitest';
import { findReadme, parseReadme } from './readme.js';

const README = [
  '[![build](https://ci.example/badge.svg)](https://ci.example)', // 1
  '', // 2
  'Fast **widgets** for everyone.', // 3
  '', // 4
  '# Widgets', // 5
  '', // 6
  'Install with npm.', // 7
  '', // 8
  '```sh', // 9
  '# not a heading', // 10
  'npm install widgets', // 11
  '```', // 12
  '', // 13
  '## Usage with `widgets()`', // 14
  'Call it.', // 15
  '', // 16
  '', // 17
  'Licensing', // 18
  '---------', // 19
  'MIT', // 20
  '', // 21
].join('\r\n');

describe('parseReadme', () => {
  it('splits at headings with 1-based line ranges, keeping code blocks whole', () => {
    const { sections } = parseReadme(README, 'acme/widgets');
    expect(sections.map(({ heading, level, startLine, endLine }) => ({ heading, level, startLine, endLine }))).toEqual([
      { heading: 'acme/widgets', level: 0, startLine: 1, endLine: 3 },
      { heading: 'Widgets', level: 1, startLine: 5, endLine: 12 },
      { heading: 'Usage with widgets()', level: 2, startLine: 14, endLine: 15 },
      { heading: 'Licensing', level: 2, startLine: 18, endLine: 20 },
    ]);
    expect(sections[1]?.text).toBe('Install with npm.\n\n```sh\n# not a heading\nnpm install widgets\n```');
    expect(sections[3]?.text).toBe('MIT');
  });

  it('takes the first paragraph of prose, skipping badges', () => {
    expect(parseReadme(README, 'x').firstParagraph).toBe('Fast widgets for everyone.');
  });

  it('has no level-0 section when the README starts with a heading', () => {
    const { sections } = parseReadme('\n\n# Title\n\nBody\n', 'x');
    expect(sections).toEqual([{ heading: 'Title', level: 1, text: 'Body', startLine: 3, endLine: 5 }]);
  });
});

describe('findReadme', () => {
  it('prefers Markdown and matches any case', () => {
    expect(findReadme(['readme.rst', 'README.md', 'main.go'])).toBe('README.md');
    expect(findReadme(['Readme', 'readme.txt'])).toBe('readme.txt');
    expect(findReadme(['README-zh.md', 'docs.md'])).toBeNull();
  });
});
