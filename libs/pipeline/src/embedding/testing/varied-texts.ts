import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const nodeModules = fileURLToPath(new URL('../../../../../node_modules/', import.meta.url));
/** Installed packages with code and prose of several styles (TypeScript, JavaScript, Markdown, licenses). */
const PACKAGES = ['ignore', 'smol-toml', 'linguist-languages', 'pino', 'simple-git', 'marked', 'zod', 'fastify', 'typescript'];
const TEXT_FILE = /\.(ts|js|mjs|cjs|md|txt|json)$|^LICENSE/;

/** Texts that have tripped tokenizers up: empty, whitespace, accents, CJK, emoji, control characters, long words. */
export const EDGE_CASE_TEXTS: readonly string[] = [
  '',
  ' ',
  '\t\n\r\n',
  'x',
  'Héllo Wörld: ÀÉÎÕÜ café naïve résumé',
  'Ελληνικά ΣΊΣΥΦΟΣ ὈΔΥΣΣΕΎΣ and Кириллица',
  '中文字符测试 and 日本語のテキスト and 한국어 텍스트',
  '😀 emoji 👨‍👩‍👧 family 🎉 party 🇫🇷 flag',
  'İstanbul ǅemal straße ﬁnance Ⅻ ㍿',
  'zero\u200bwidth\u00a0nbsp\u2028line\ufeffbom\u0000nul\u0007bell',
  'lone \ud800 high and \udc00 low surrogates',
  '١٢٣ arabic digits ٤٥ and עברית',
  'ℌ𝔢𝔩𝔩𝔬 𝕞𝕒𝕥𝕙 𝟙𝟚𝟛 \u{E0001}tags\u{F0000}private',
  'ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３',
  '[CLS] literal [SEP] special [MASK] tokens [PAD][UNK] and [cls] lowercase',
  'a'.repeat(99),
  'b'.repeat(100),
  'c'.repeat(101),
  `${'verylongidentifier'.repeat(12)} ${'x'.repeat(5_000)}`,
  'word '.repeat(800),
  'const MAX_RETRY_COUNT = computeRetryDelay(parseHTTPResponse(res), base64Encode(getID()));',
  '$scope.__proto__ <=> ::std::vector<int>&& x->y?.z ?? 0 || !!a',
  '\u0301combining first, e\u0301 decomposed, ﬀ ligature, Å angstrom',
];

async function* textFiles(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(full);
    else if (entry.isFile() && TEXT_FILE.test(entry.name)) yield full;
  }
}

/**
 * `count` texts from real files in node_modules (runs of lines of varying length, code and prose),
 * always the same ones for the same installed packages, followed by the edge cases.
 */
export async function variedTexts(count: number): Promise<string[]> {
  const texts: string[] = [];
  for (const [index, name] of PACKAGES.entries()) {
    // Small packages come first; what they cannot give, the larger ones after them make up.
    const perPackage = Math.ceil((count - texts.length) / (PACKAGES.length - index));
    let taken = 0;
    for await (const file of textFiles(path.join(nodeModules, name))) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      // Runs of 3 to 60 lines: short ones like a query, long ones past the 512-token limit.
      for (let start = 0, run = 3; start < lines.length && taken < perPackage; start += run, run = (run * 7) % 61 || 3) {
        texts.push(lines.slice(start, start + run).join('\n'));
        taken += 1;
      }
      if (taken >= perPackage) break;
    }
  }
  return [...texts.slice(0, count), ...EDGE_CASE_TEXTS];
}
