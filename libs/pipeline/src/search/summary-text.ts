import type { Dependency, ImportGraph, MetadataResult, StructureResult } from '@repolens/contracts';

const MAX_LISTED_DEPENDENCIES = 40;
const MAX_LISTED_LANGUAGES = 8;
const MAX_LISTED_DIRECTORIES = 20;
const MAX_LISTED_FILES = 10;

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

/**
 * A plain-text description of how the project is laid out: its top-level directories (files and main
 * language of each), entry points, the files most imported and the largest; null when there is nothing
 * to say beyond the summary.
 */
export function buildStructureText(structure: StructureResult, importGraph: ImportGraph | null): string | null {
  const lines: string[] = [];
  const directories = topLevelDirectories(structure);
  if (directories.length > 0) lines.push(`Top-level directories: ${directories.join(', ')}`);
  const categories = Object.entries(structure.categories).filter(([, count]) => count > 0);
  if (categories.length > 0) lines.push(`Files by category: ${categories.map(([category, count]) => `${category} ${count}`).join(', ')}`);
  if (importGraph !== null) {
    if (importGraph.entryPoints.length > 0) lines.push(`Entry points: ${importGraph.entryPoints.slice(0, MAX_LISTED_FILES).join(', ')}`);
    const imported = importGraph.mostImported.slice(0, MAX_LISTED_FILES).map((file) => `${file.path} (imported by ${file.importedBy})`);
    if (imported.length > 0) lines.push(`Most imported files: ${imported.join(', ')}`);
  }
  const largest = structure.largestFiles.slice(0, MAX_LISTED_FILES).map((file) => file.path);
  if (largest.length > 0) lines.push(`Largest files: ${largest.join(', ')}`);
  if (lines.length === 0) return null;
  return [`Structure: ${structure.totalFiles} files in ${structure.directories} directories, nested at most ${structure.maxDepth} deep`, ...lines].join('\n');
}

function topLevelDirectories(structure: StructureResult): string[] {
  const byDirectory = new Map<string, { files: number; languages: Map<string, number> }>();
  for (const file of structure.files) {
    const slash = file.path.indexOf('/');
    if (slash <= 0) continue;
    const name = file.path.slice(0, slash);
    const entry = byDirectory.get(name) ?? { files: 0, languages: new Map<string, number>() };
    entry.files += 1;
    if (file.language !== null && file.category === 'source') entry.languages.set(file.language, (entry.languages.get(file.language) ?? 0) + 1);
    byDirectory.set(name, entry);
  }
  return Array.from(byDirectory)
    .sort((a, b) => b[1].files - a[1].files || a[0].localeCompare(b[0]))
    .slice(0, MAX_LISTED_DIRECTORIES)
    .map(([name, entry]) => {
      const language = Array.from(entry.languages).sort((a, b) => b[1] - a[1])[0]?.[0];
      return `${name}/ (${entry.files} files${language === undefined ? '' : `, mostly ${language}`})`;
    });
}
