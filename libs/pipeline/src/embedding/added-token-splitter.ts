interface TrieNode {
  readonly next: Map<string, TrieNode>;
  token: string | undefined;
}

/** What the splitter needs to know of an added token. */
interface StripRules {
  readonly lstrip: boolean;
  readonly rstrip: boolean;
}

/**
 * Cuts a text around occurrences of a tokenizer's added tokens (`[CLS]`, `[MASK]`…), as
 * @huggingface/tokenizers' DictionarySplitter does: scanning left to right, the longest token
 * starting at each position wins. A token with lstrip/rstrip takes the whitespace beside it.
 */
export class AddedTokenSplitter {
  readonly #root: TrieNode = { next: new Map(), token: undefined };
  readonly #firstUnits: ReadonlySet<string>;

  constructor(tokens: readonly string[]) {
    const firstUnits = new Set<string>();
    for (const token of tokens) {
      let node = this.#root;
      // By UTF-16 unit, as the original indexes strings.
      for (let i = 0; i < token.length; i += 1) node = child(node, token[i] ?? '');
      node.token = token;
      if (token.length > 0) firstUnits.add(token[0] ?? '');
    }
    this.#firstUnits = firstUnits;
  }

  /** The sections of `text`, matched tokens as their own sections; empty sections may remain. */
  split(text: string, rules: ReadonlyMap<string, StripRules>): string[] {
    if (!this.#mayContainToken(text)) return text.length === 0 ? [] : [text];
    const sections: string[] = [];
    let start = 0;
    let i = 0;
    while (i < text.length) {
      let node: TrieNode | undefined = this.#root;
      let match: string | undefined;
      for (let j = i; j < text.length; j += 1) {
        node = node.next.get(text[j] ?? '');
        if (node === undefined) break;
        if (node.token !== undefined) match = node.token;
      }
      if (match === undefined) {
        i += 1;
        continue;
      }
      if (i > start) sections.push(text.slice(start, i));
      sections.push(match);
      i += match.length;
      start = i;
    }
    if (start < text.length) sections.push(text.slice(start));
    sections.forEach((section, index) => {
      const rule = rules.get(section);
      if (rule === undefined) return;
      if (rule.lstrip && index > 0) sections[index - 1] = (sections[index - 1] ?? '').trimEnd();
      if (rule.rstrip && index < sections.length - 1) sections[index + 1] = (sections[index + 1] ?? '').trimStart();
    });
    return sections;
  }

  /** Most texts contain no token's first character at all, which a quick scan rules out. */
  #mayContainToken(text: string): boolean {
    for (const unit of this.#firstUnits) if (text.includes(unit)) return true;
    return false;
  }
}

function child(node: TrieNode, unit: string): TrieNode {
  let next = node.next.get(unit);
  if (next === undefined) {
    next = { next: new Map(), token: undefined };
    node.next.set(unit, next);
  }
  return next;
}
