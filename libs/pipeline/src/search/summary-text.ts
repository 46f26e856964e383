import type { Dependency, MetadataResult, StructureResult } from '@repolens/contracts';

const MAX_LISTED_DEPENDENCIES = 40;
const MAX_LISTED_LANGUAGES = 8;

/** A plain-text overview of the project from the metadata and structure stages. */
export function buildSummaryText(metadata: MetadataResult, structure: StructureResult): string {
  const lines = [`Project: ${metadata.name}`];
  if (metadata.description !== null && metadata.description.trim() !== '') lines.push(`Description: ${metadata.description.trim()}`);
  const languages = structure.languages.slice(0, MAX_LISTED_LANGUAGES).map((l) => `${l.language} (${l.files} files)`);
  if (languages.length > 0) lines.push(`Languages: ${languages.join(', ')}`);
  const directories = structure.keyDirectories.map((d) => `${d.path}/ (${d.kind})`);
  if (directories.length > 0) lines.push(`Key directories: ${directories.join(', ')}`);
  lines.push(...dependencyLines(metadata.dependencies));
  if (metadata.license !== null) lines.push(`License: ${metadata.license.spdxId} (${metadata.license.file})`);
  lines.push(`Files: ${structure.totalFiles} files in ${structure.directories} directories`);
  const sections = metadata.readme?.sections.map((s) => s.heading).filter((h) => h !== '') ?? [];
  if (sections.length > 0) lines.push(`README sections: ${sections.join(', ')}`);
  return lines.join('\n');
}

function dependencyLines(dependencies: readonly Dependency[]): string[] {
  const byKind = new Map<string, string[]>();
  for (const dependency of dependencies) {
    const key = `${dependency.kind} dependencies (${dependency.manifest})`;
    const names = byKind.get(key) ?? [];
    names.push(dependency.name);
    byKind.set(key, names);
  }
  return Array.from(byKind, ([key, names]) => {
    const listed = names.slice(0, MAX_LISTED_DEPENDENCIES).join(', ');
    const more = names.length > MAX_LISTED_DEPENDENCIES ? ` and ${names.length - MAX_LISTED_DEPENDENCIES} more` : '';
    return `${key[0]?.toUpperCase() ?? ''}${key.slice(1)}: ${listed}${more}`;
  });
}
