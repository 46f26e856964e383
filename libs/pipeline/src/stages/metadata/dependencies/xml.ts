import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { asTable } from './manifest.js';

export type XmlNode = Readonly<Record<string, unknown>>;

// Manifests never need entities beyond the XML ones; these bounds stop a hostile DOCTYPE's expansion.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: { enabled: true, maxEntityCount: 50, maxEntitySize: 1000, maxTotalExpansions: 1000, maxExpandedLength: 100_000 },
  maxNestedTags: 64,
});

/** The document's elements as nested objects (attributes as `@name`); throws on XML that is not well formed. */
export function parseXml(text: string): XmlNode {
  const validation = XMLValidator.validate(text);
  if (validation !== true) throw new Error(`malformed XML at line ${validation.err.line}: ${validation.err.msg}`);
  const document = asTable(parser.parse(text) as unknown);
  if (document === undefined) throw new Error('empty XML document');
  return document;
}

/** Repeated elements as a list: a single element parses as the element itself, several as an array. */
export function xmlList(value: unknown): XmlNode[] {
  const items = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return items.map((item) => asTable(item) ?? { '#text': item });
}

/** An element's text (`<v>1.0</v>` or `<v a="b">1.0</v>`), trimmed, or undefined when empty or absent. */
export function xmlText(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : asTable(value)?.['#text'];
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** An attribute's value, or undefined. */
export function xmlAttribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
