/** A PEP 508 requirement: `requests[socks]>=2.31,<3 ; python_version >= "3.8"` or `pkg @ https://...`. */
export interface Requirement {
  readonly name: string;
  readonly version?: string;
}

const NAME = /^([A-Za-z0-9][A-Za-z0-9._-]*)/;

export function parseRequirement(line: string): Requirement | null {
  const withoutMarker = line.split(';', 1)[0]?.trim() ?? '';
  const nameMatch = NAME.exec(withoutMarker);
  if (nameMatch?.[1] === undefined) return null;
  let rest = withoutMarker.slice(nameMatch[1].length).trim();
  // Extras, e.g. `[socks,security]`.
  if (rest.startsWith('[')) rest = rest.slice(rest.indexOf(']') + 1).trim();
  if (rest.startsWith('@')) return { name: nameMatch[1] };
  const version = rest.replace(/^\(|\)$/g, '').replace(/\s+/g, '');
  return version === '' ? { name: nameMatch[1] } : { name: nameMatch[1], version };
}
