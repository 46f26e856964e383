import type { CodeSymbol } from '@repolens/contracts';
import { SelectionLink, useNavigation } from '../../navigation.js';

export interface SymbolOutlineProps {
  readonly path: string;
  readonly symbols: readonly CodeSymbol[];
}

/** The open file's functions, classes and methods in line order; members indented under their parent. */
export function SymbolOutline({ path, symbols }: SymbolOutlineProps) {
  const { selection } = useNavigation();
  return (
    <section className="outline" aria-labelledby="outline-title">
      <h3 id="outline-title" className="side-title">
        Outline
      </h3>
      {symbols.length === 0 ? (
        <p className="muted">No symbols in this file.</p>
      ) : (
        <ul className="outline__list">
          {symbols.map((symbol) => (
            <li key={`${symbol.kind}:${symbol.name}:${symbol.startLine}`} className={symbol.parent !== undefined ? 'outline__item outline__item--member' : 'outline__item'}>
              <SelectionLink
                to={{ ...selection, view: 'code', file: path, lines: { start: symbol.startLine, end: symbol.endLine } }}
                className="outline__link"
                title={symbol.signature ?? symbol.name}
              >
                <span className={`kind kind--${symbol.kind}`}>{KIND_ABBREVIATIONS[symbol.kind]}</span>
                <span className="outline__name">{symbol.name}</span>
                <span className="outline__line">{symbol.startLine}</span>
              </SelectionLink>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Short labels, with the full kind as the title on hover and in screen readers via the link text. */
export const KIND_ABBREVIATIONS: Record<CodeSymbol['kind'], string> = {
  function: 'fn',
  class: 'class',
  method: 'method',
  interface: 'iface',
  type: 'type',
  enum: 'enum',
  struct: 'struct',
  trait: 'trait',
  module: 'mod',
};
