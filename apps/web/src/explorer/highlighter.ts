import type { HighlighterCore, LanguageRegistration, ThemedToken } from 'shiki/core';

type LanguageModule = () => Promise<{ default: LanguageRegistration[] }>;

/**
 * Grammars by the language names the analysis uses (GitHub linguist's), each loaded only when a file
 * of that language is opened, so the page's first load carries none of them.
 */
const GRAMMARS: Readonly<Record<string, LanguageModule>> = {
  TypeScript: () => import('shiki/langs/typescript.mjs'),
  TSX: () => import('shiki/langs/tsx.mjs'),
  JavaScript: () => import('shiki/langs/javascript.mjs'),
  JSX: () => import('shiki/langs/jsx.mjs'),
  Python: () => import('shiki/langs/python.mjs'),
  Go: () => import('shiki/langs/go.mjs'),
  Rust: () => import('shiki/langs/rust.mjs'),
  Java: () => import('shiki/langs/java.mjs'),
  Kotlin: () => import('shiki/langs/kotlin.mjs'),
  C: () => import('shiki/langs/c.mjs'),
  'C++': () => import('shiki/langs/cpp.mjs'),
  'C#': () => import('shiki/langs/csharp.mjs'),
  Ruby: () => import('shiki/langs/ruby.mjs'),
  PHP: () => import('shiki/langs/php.mjs'),
  Swift: () => import('shiki/langs/swift.mjs'),
  Scala: () => import('shiki/langs/scala.mjs'),
  Shell: () => import('shiki/langs/shellscript.mjs'),
  JSON: () => import('shiki/langs/json.mjs'),
  'JSON with Comments': () => import('shiki/langs/jsonc.mjs'),
  YAML: () => import('shiki/langs/yaml.mjs'),
  TOML: () => import('shiki/langs/toml.mjs'),
  Markdown: () => import('shiki/langs/markdown.mjs'),
  HTML: () => import('shiki/langs/html.mjs'),
  CSS: () => import('shiki/langs/css.mjs'),
  SCSS: () => import('shiki/langs/scss.mjs'),
  SQL: () => import('shiki/langs/sql.mjs'),
  Dockerfile: () => import('shiki/langs/dockerfile.mjs'),
  Makefile: () => import('shiki/langs/makefile.mjs'),
  XML: () => import('shiki/langs/xml.mjs'),
  'Protocol Buffer': () => import('shiki/langs/protobuf.mjs'),
  GraphQL: () => import('shiki/langs/graphql.mjs'),
  Lua: () => import('shiki/langs/lua.mjs'),
  Dart: () => import('shiki/langs/dart.mjs'),
  Elixir: () => import('shiki/langs/elixir.mjs'),
  Haskell: () => import('shiki/langs/haskell.mjs'),
  Vue: () => import('shiki/langs/vue.mjs'),
  Svelte: () => import('shiki/langs/svelte.mjs'),
  INI: () => import('shiki/langs/ini.mjs'),
  Diff: () => import('shiki/langs/diff.mjs'),
};

/** Past this size a file is shown without colours: highlighting it would hold the page up for seconds. */
export const MAX_HIGHLIGHT_CHARS = 300_000;

export interface HighlightedToken {
  readonly content: string;
  /** A `light-dark()` colour, so the code follows the page's light or dark scheme. */
  readonly color: string | undefined;
  readonly fontStyle: 'italic' | 'bold' | undefined;
}

export function canHighlight(language: string | null, text: string): boolean {
  return language !== null && language in GRAMMARS && text.length <= MAX_HIGHLIGHT_CHARS;
}

let highlighter: Promise<HighlighterCore> | null = null;
const loadedLanguages = new Map<string, Promise<string>>();

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }] = await Promise.all([import('shiki/core'), import('shiki/engine/javascript')]);
    return createHighlighterCore({
      themes: [import('shiki/themes/github-light.mjs'), import('shiki/themes/github-dark.mjs')],
      langs: [],
      engine: createJavaScriptRegexEngine(),
    });
  })();
  return highlighter;
}

async function loadLanguage(core: HighlighterCore, language: string): Promise<string> {
  let loaded = loadedLanguages.get(language);
  if (loaded === undefined) {
    const load = GRAMMARS[language];
    if (load === undefined) throw new Error(`no grammar for ${language}`);
    loaded = load().then(async (module) => {
      await core.loadLanguage(module.default);
      // A grammar module lists the language itself last, after the languages it embeds.
      return module.default.at(-1)?.name ?? language.toLowerCase();
    });
    loadedLanguages.set(language, loaded);
  }
  return loaded;
}

/** The file's lines as coloured tokens, or null when its language has no grammar here. */
export async function highlightLines(text: string, language: string | null): Promise<HighlightedToken[][] | null> {
  if (!canHighlight(language, text) || language === null) return null;
  const core = await getHighlighter();
  const lang = await loadLanguage(core, language);
  const { tokens } = core.codeToTokens(text, {
    lang,
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: 'light-dark()',
  });
  return tokens.map((line) => line.map(toToken));
}

function toToken(token: ThemedToken): HighlightedToken {
  const style = token.htmlStyle;
  const fontStyle = token.fontStyle ?? 0;
  return {
    content: token.content,
    color: style?.['color'] ?? token.color,
    // shiki's FontStyle flags: 1 italic, 2 bold.
    fontStyle: fontStyle & 1 ? 'italic' : fontStyle & 2 ? 'bold' : undefined,
  };
}
