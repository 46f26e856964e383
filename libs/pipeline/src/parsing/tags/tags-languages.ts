import type { CodeLanguage, EcmaScriptLanguage } from '../languages.js';
import { C, CPP } from './c-family.js';
import { CSHARP } from './csharp.js';
import { GO } from './go.js';
import { JAVA } from './java.js';
import { PHP } from './php.js';
import { PYTHON } from './python.js';
import { RUBY } from './ruby.js';
import { RUST } from './rust.js';
import type { TagsLanguage } from './tags-language.js';

/** The languages read with tags-style queries: all but TypeScript and JavaScript. */
export const TAGS_LANGUAGES = {
  python: PYTHON,
  go: GO,
  java: JAVA,
  rust: RUST,
  c: C,
  cpp: CPP,
  csharp: CSHARP,
  ruby: RUBY,
  php: PHP,
} as const satisfies Record<Exclude<CodeLanguage, EcmaScriptLanguage>, TagsLanguage>;
