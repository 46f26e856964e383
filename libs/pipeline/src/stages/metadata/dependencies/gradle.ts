import { parse as parseProperties } from 'ini';
import type { Dependency } from '@repolens/contracts';
import { loadVersionCatalog, type Coordinate, type VersionCatalog } from './gradle-catalog.js';
import {
  closingIndex,
  dottedName,
  interpolate,
  namedBlocks,
  splitArguments,
  statements,
  tokenizeGradle,
  type Token,
} from './gradle-script.js';
import { asString, dependency, directoriesUpward, directoryOf, manifestInfo, type ManifestReader, type ManifestSource } from './manifest.js';

type Kind = Dependency['kind'];

interface BuildScope {
  readonly properties: ReadonlyMap<string, string>;
  readonly catalog: VersionCatalog | null;
}

/**
 * build.gradle and build.gradle.kts: every `dependencies { }` block (buildscript's and subprojects' too)
 * and the `plugins { }` block, with `$property` versions resolved from the script's own `ext`/`val`
 * definitions and gradle.properties, and `libs.*` accessors from the version catalog.
 */
export const gradleBuild: ManifestReader = {
  matches: (fileName) => fileName === 'build.gradle' || fileName === 'build.gradle.kts',
  async read(text, manifest, source) {
    const tokens = tokenizeGradle(text);
    const scope: BuildScope = { properties: await scriptProperties(tokens, manifest, source), catalog: await loadVersionCatalog(manifest, source) };
    const dependencies: Dependency[] = [];
    const add = (coordinate: Coordinate, kind: Kind): void => {
      dependencies.push(dependency('gradle', manifest, coordinate.name, kind, coordinate.version));
    };
    for (const block of namedBlocks(tokens, 'plugins')) {
      for (const statement of statements(block)) {
        const plugin = pluginOf(statement, scope);
        if (plugin !== null) add(plugin, 'build');
      }
    }
    for (const block of namedBlocks(tokens, 'dependencies')) {
      for (const statement of statements(block)) {
        const declared = declaredDependencies(statement, scope);
        if (declared !== null) for (const coordinate of declared.coordinates) add(coordinate, declared.kind);
      }
    }
    return manifestInfo(dependencies, {});
  },
};

/** settings.gradle(.kts): `rootProject.name` and the included projects (`include ':app', ':libs:core'`) as the workspace. */
export const gradleSettings: ManifestReader = {
  matches: (fileName) => fileName === 'settings.gradle' || fileName === 'settings.gradle.kts',
  read(text) {
    const tokens = tokenizeGradle(text);
    let name: string | undefined;
    const members: string[] = [];
    for (const statement of statements(tokens)) {
      const head = statement[0]?.text;
      if (dottedName(statement.slice(0, 3)) === 'rootProject.name' && statement[3]?.text === '=') name = asString(statement[4]?.text);
      if (head !== 'include') continue;
      const args = statement[1]?.text === '(' ? statement.slice(2, closingIndex(statement, 1) - 1) : statement.slice(1);
      for (const arg of splitArguments(args)) {
        if (arg.length === 1 && arg[0]?.kind === 'string') members.push(arg[0].text.replace(/^:/, '').replace(/:/g, '/'));
      }
    }
    return manifestInfo([], { name, workspace: { patterns: members } });
  },
};

// Names that start statements in a dependencies block without declaring anything.
const NOT_CONFIGURATIONS = new Set(['if', 'else', 'for', 'while', 'constraints', 'components', 'modules', 'attributesSchema', 'configurations', 'exclude', 'def', 'val', 'var']);

/** Gradle configurations as kinds; any other name is a custom configuration, taken as runtime. */
export function kindOfConfiguration(configuration: string): Kind | null {
  if (NOT_CONFIGURATIONS.has(configuration)) return null;
  if (/^(classpath|annotationProcessor|kapt|ksp|lintChecks|detektPlugins|coreLibraryDesugaring)$|AnnotationProcessor$|^(kapt|ksp)[A-Z]/.test(configuration)) return 'build';
  if (/^(test|androidTest|integrationTest|functionalTest|testFixtures|debug|jmh)[A-Z]?|Test(Implementation|Api|CompileOnly|RuntimeOnly|Compile|Runtime)$|^(developmentOnly|testAndDevelopmentOnly)$/.test(configuration)) return 'dev';
  if (/^(compileOnly|compileOnlyApi|provided)$|CompileOnly(Api)?$/.test(configuration)) return 'optional';
  return 'runtime';
}

/** `implementation 'g:a:1'`, `api("g:a:1")`, `add("kapt", "g:a:1")`, `testImplementation(platform(libs.junit.bom)) { ... }`. */
function declaredDependencies(statement: readonly Token[], scope: BuildScope): { kind: Kind; coordinates: Coordinate[] } | null {
  const head = statement[0];
  if (head === undefined || (head.kind !== 'identifier' && head.kind !== 'string')) return null;
  const parenthesised = statement[1]?.text === '(';
  let args: ReadonlyArray<readonly Token[]>;
  if (parenthesised) args = splitArguments(statement.slice(2, closingIndex(statement, 1) - 1));
  else {
    // Groovy's `implementation 'g:a:1', 'c:d:2' { closure }`: the arguments run to the closure.
    const closure = statement.findIndex((token, index) => index > 0 && token.text === '{');
    args = splitArguments(statement.slice(1, closure === -1 ? statement.length : closure));
  }
  let configuration = head.text;
  if (head.kind === 'identifier' && head.text === 'add' && parenthesised) {
    const [first, ...rest] = args;
    if (first?.length !== 1 || first[0]?.kind !== 'string') return null;
    configuration = first[0].text;
    args = rest;
  }
  const kind = kindOfConfiguration(configuration);
  if (kind === null || args.length === 0) return null;

  // Map notation: `group: 'g', name: 'a', version: '1'` (Groovy) or `group = "g", name = "a"` (Kotlin).
  const named = new Map<string, string>();
  const coordinates: Coordinate[] = [];
  for (const arg of args) {
    const key = arg[0];
    if (key?.kind === 'identifier' && (arg[1]?.text === ':' || arg[1]?.text === '=') && arg.length === 3) {
      const value = valueOf(arg.slice(2), scope);
      if (value !== undefined) named.set(key.text, value);
    } else coordinates.push(...coordinatesOf(arg, scope));
  }
  const group = named.get('group');
  const name = named.get('name');
  if (group !== undefined && name !== undefined) coordinates.push(withVersion(`${group}:${name}`, named.get('version')));
  return { kind, coordinates };
}

function coordinatesOf(arg: readonly Token[], scope: BuildScope): Coordinate[] {
  const [first, second] = arg;
  if (first === undefined) return [];
  if (arg.length === 1 && first.kind === 'string') return notationOf(interpolate(first.text, scope.properties));
  if (first.kind === 'identifier' && second?.text === '(') {
    const inner = splitArguments(arg.slice(2, closingIndex(arg, 1) - 1));
    if (/^(platform|enforcedPlatform|testFixtures|variantOf)$/.test(first.text)) return inner[0] === undefined ? [] : coordinatesOf(inner[0], scope);
    if (first.text === 'kotlin' && inner[0]?.length === 1 && inner[0][0]?.kind === 'string') {
      return [withVersion(`org.jetbrains.kotlin:kotlin-${inner[0][0].text}`, inner[1] === undefined ? undefined : valueOf(inner[1], scope))];
    }
    // project(':core'), files(...), fileTree(...), gradleApi(): the build's own code, not a dependency.
    return [];
  }
  const reference = dottedName(arg);
  if (reference === null) return [];
  if (reference.startsWith('libs.') && scope.catalog !== null) return scope.catalog.libraries(reference.slice('libs.'.length));
  const value = scope.properties.get(reference);
  return value === undefined ? [] : notationOf(value);
}

/** `group:artifact[:version[:classifier]][@extension]`. */
function notationOf(notation: string): Coordinate[] {
  const [group, artifact, version] = notation.replace(/@[\w.-]+$/, '').split(':');
  if (group === undefined || artifact === undefined || group === '' || artifact === '') return [];
  return [withVersion(`${group}:${artifact}`, version)];
}

/** A string literal (templates resolved) or a property reference, as text. */
function valueOf(tokens: readonly Token[], scope: BuildScope): string | undefined {
  if (tokens.length === 1 && tokens[0]?.kind === 'string') return interpolate(tokens[0].text, scope.properties);
  const reference = dottedName(tokens);
  return reference === null ? undefined : scope.properties.get(reference);
}

/**
 * `id 'x' version 'v'`, `id("x") version "v" apply false`, `kotlin("jvm") version "v"`, `alias(libs.plugins.x)`;
 * core plugins (`java`, `application`, `` `java-library` ``) are part of Gradle and left out.
 */
function pluginOf(statement: readonly Token[], scope: BuildScope): Coordinate | null {
  const head = statement[0]?.text;
  const firstString = (from: number): string | undefined => statement.slice(from).find((token) => token.kind === 'string')?.text;
  const versionAt = statement.findIndex((token) => token.kind === 'identifier' && token.text === 'version');
  const version = versionAt === -1 ? undefined : firstString(versionAt + 1);
  if (head === 'id') {
    const id = firstString(1);
    // `id 'java'`: core plugins have no dotted id.
    return id === undefined || !id.includes('.') ? null : withVersion(id, version === undefined ? undefined : interpolate(version, scope.properties));
  }
  if (head === 'kotlin') {
    const id = firstString(1);
    return id === undefined ? null : withVersion(`org.jetbrains.kotlin.${id}`, version);
  }
  if (head === 'alias' && statement[1]?.text === '(' && scope.catalog !== null) {
    const reference = dottedName(statement.slice(2, closingIndex(statement, 1) - 1));
    return reference?.startsWith('libs.plugins.') === true ? scope.catalog.plugin(reference.slice('libs.plugins.'.length)) : null;
  }
  return null;
}

/**
 * String properties a script can interpolate: `def v = '1'`, `val v = "1"`, `ext.v = '1'`, `ext { v = '1' }`,
 * `extra["v"] = "1"`, `val v by extra("1")`, Groovy maps (`versions = [junit: '5']` → `versions.junit`), and
 * gradle.properties of the project and the directories above it.
 */
async function scriptProperties(tokens: readonly Token[], manifest: string, source: ManifestSource): Promise<Map<string, string>> {
  const properties = new Map<string, string>();
  for (const directory of directoriesUpward(directoryOf(manifest))) {
    const text = await source.readFile(directory === '' ? 'gradle.properties' : `${directory}/gradle.properties`);
    if (text === null) continue;
    for (const [key, value] of Object.entries(parseProperties(text))) {
      if (typeof value === 'string' && !properties.has(key)) properties.set(key, value);
    }
  }
  collectAssignments(statements(tokens), properties, 0);
  return properties;
}

function collectAssignments(list: ReadonlyArray<readonly Token[]>, properties: Map<string, string>, depth: number): void {
  for (const statement of list) {
    const [head, second] = statement;
    if (head?.kind === 'identifier' && second?.text === '{' && depth < 4) {
      if (head.text !== 'dependencies' && head.text !== 'plugins') collectAssignments(statements(statement.slice(2, -1)), properties, depth + 1);
      continue;
    }
    let tokens = statement;
    if (/^(def|val|var|final|const)$/.test(head?.text ?? '')) tokens = tokens.slice(1);
    const equals = tokens.findIndex((token) => token.text === '=' || token.text === 'by');
    if (equals <= 0) continue;
    const name = propertyName(tokens.slice(0, equals));
    const value = tokens.slice(equals + 1);
    if (name === null) continue;
    const byExtra = tokens[equals]?.text === 'by' && value[0]?.text === 'extra' ? value[2] : undefined;
    const literal = tokens[equals]?.text === '=' && value.length === 1 ? value[0] : byExtra;
    if (literal?.kind === 'string') properties.set(name, interpolate(literal.text, properties));
    else if (value[0]?.text === '[') collectMap(name, value.slice(1, -1), properties);
  }
}

/** `v`, `v: String` (Kotlin's type), `ext.v`, `project.ext.v`, `ext["v"]`, `extra["v"]`. */
function propertyName(tokens: readonly Token[]): string | null {
  const typed = tokens[1]?.text === ':' ? tokens.slice(0, 1) : tokens;
  if (typed[1]?.text === '[' && typed[2]?.kind === 'string' && /^(ext|extra)$/.test(typed[0]?.text ?? '')) return typed[2].text;
  return dottedName(typed)?.replace(/^(project\.|rootProject\.)?(ext\.|extra\.)?/, '') ?? null;
}

/** Groovy map literal entries `key: 'value'` as `name.key`. */
function collectMap(name: string, tokens: readonly Token[], properties: Map<string, string>): void {
  for (const entry of splitArguments(tokens)) {
    const [key, colon, value] = entry;
    if (key !== undefined && colon?.text === ':' && value?.kind === 'string' && entry.length === 3) properties.set(`${name}.${key.text}`, value.text);
  }
}

function withVersion(name: string, version: string | undefined): Coordinate {
  return version === undefined || version === '' ? { name } : { name, version };
}
