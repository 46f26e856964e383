import type { Dependency } from '@repolens/contracts';
import { spdxOfLicenseName, spdxOfLicenseUrl } from '../license-names.js';
import { asTable, dependency, directoryOf, expandReferences, joinInside, manifestInfo, type ManifestReader, type ManifestSource } from './manifest.js';
import { parseXml, xmlList, xmlText, type XmlNode } from './xml.js';

type Kind = Dependency['kind'];

// A parent chain longer than this is not a real project's.
const MAX_PARENTS = 5;

/** What a POM contributes to its children: properties and managed versions. */
interface PomScope {
  readonly properties: Map<string, string>;
  readonly managed: Map<string, string>;
}

/**
 * pom.xml: `<dependencies>` as `groupId:artifactId` with `${property}` versions resolved from `<properties>`
 * (the POM's and its parents' in the checkout) and versionless ones from `<dependencyManagement>`; scope
 * `test` is dev, `provided` optional (like Gradle's compileOnly: on the compile path, supplied at run
 * time by the container), `<optional>true</optional>` optional; `<build><plugins>` are build; `<modules>`
 * are the workspace.
 */
export const mavenPom: ManifestReader = {
  matches: (fileName) => fileName === 'pom.xml',
  async read(text, manifest, source) {
    const project = asTable(parseXml(text)['project']);
    if (project === undefined) throw new Error('pom.xml has no <project> element');

    const scope: PomScope = { properties: new Map(), managed: new Map() };
    await addParents(project, manifest, source, scope, 0);
    addScope(project, scope);
    const resolve = (value: string | undefined): string | undefined => (value === undefined ? undefined : resolveProperties(value, scope.properties));

    const dependencies: Dependency[] = [];
    for (const item of xmlList(asTable(project['dependencies'])?.['dependency'])) {
      const name = coordinates(item, resolve);
      const kind = kindOfScope(xmlText(item['scope']), xmlText(item['optional']) === 'true');
      if (name === null || kind === null) continue;
      dependencies.push(dependency('maven', manifest, name, kind, resolve(xmlText(item['version'])) ?? scope.managed.get(name)));
    }
    for (const plugin of xmlList(asTable(asTable(project['build'])?.['plugins'])?.['plugin'])) {
      const name = coordinates(plugin, resolve, 'org.apache.maven.plugins');
      if (name !== null) dependencies.push(dependency('maven', manifest, name, 'build', resolve(xmlText(plugin['version']))));
    }

    const modules = xmlList(asTable(project['modules'])?.['module'])
      .map(xmlText)
      .filter((module): module is string => module !== undefined);
    return manifestInfo(dependencies, {
      name: resolve(xmlText(project['artifactId'])),
      description: xmlText(project['description']),
      license: licenseOf(project),
      workspace: { patterns: modules, memberManifest: 'pom.xml' },
    });
  },
};

/** Properties and managed versions of the parents found in the checkout, farthest first. */
async function addParents(project: XmlNode, manifest: string, source: ManifestSource, scope: PomScope, depth: number): Promise<void> {
  const parent = asTable(project['parent']);
  if (parent === undefined || depth >= MAX_PARENTS) return;
  const relativePath = xmlText(parent['relativePath']) ?? (parent['relativePath'] === '' ? undefined : '../pom.xml');
  const parentPath = relativePath === undefined ? null : joinInside(directoryOf(manifest), relativePath.endsWith('.xml') ? relativePath : `${relativePath}/pom.xml`);
  const text = parentPath === null ? null : await source.readFile(parentPath);
  if (parentPath !== null && text !== null) {
    try {
      const parentProject = asTable(parseXml(text)['project']);
      if (parentProject !== undefined && xmlText(parentProject['artifactId']) === xmlText(parent['artifactId'])) {
        await addParents(parentProject, parentPath, source, scope, depth + 1);
        addScope(parentProject, scope);
      }
    } catch {
      // A malformed parent is reported when it is read as a manifest of its own.
    }
  }
  // Maven's built-in properties that name the parent.
  for (const field of ['groupId', 'artifactId', 'version']) {
    const value = xmlText(parent[field]);
    if (value !== undefined) {
      scope.properties.set(`project.parent.${field}`, value);
      scope.properties.set(`parent.${field}`, value);
    }
  }
}

/** A POM's own properties (overriding its parents') and the versions its `<dependencyManagement>` sets. */
function addScope(project: XmlNode, scope: PomScope): void {
  const parent = asTable(project['parent']);
  for (const field of ['groupId', 'artifactId', 'version']) {
    const value = xmlText(project[field]) ?? xmlText(parent?.[field]);
    if (value !== undefined) {
      scope.properties.set(`project.${field}`, value);
      scope.properties.set(`pom.${field}`, value);
      scope.properties.set(field, value);
    }
  }
  for (const [key, value] of Object.entries(asTable(project['properties']) ?? {})) {
    const text = xmlText(value);
    if (text !== undefined) scope.properties.set(key, text);
  }
  const resolve = (value: string | undefined): string | undefined => (value === undefined ? undefined : resolveProperties(value, scope.properties));
  for (const item of xmlList(asTable(asTable(project['dependencyManagement'])?.['dependencies'])?.['dependency'])) {
    const name = coordinates(item, resolve);
    const version = resolve(xmlText(item['version']));
    // An imported BOM's versions live in a repository, not in the checkout.
    if (name !== null && version !== undefined && xmlText(item['scope']) !== 'import') scope.managed.set(name, version);
  }
}

function coordinates(item: XmlNode, resolve: (value: string | undefined) => string | undefined, defaultGroup?: string): string | null {
  const groupId = resolve(xmlText(item['groupId'])) ?? defaultGroup;
  const artifactId = resolve(xmlText(item['artifactId']));
  return groupId === undefined || artifactId === undefined ? null : `${groupId}:${artifactId}`;
}

/** Maven scopes as kinds; `import` names a BOM, which is no dependency. */
function kindOfScope(scope: string | undefined, optional: boolean): Kind | null {
  if (scope === 'import') return null;
  if (scope === 'test') return 'dev';
  if (scope === 'provided' || optional) return 'optional';
  return 'runtime';
}

/** `${name}` references replaced from the properties, nested ones too; unknown ones stay as written. */
export function resolveProperties(value: string, properties: ReadonlyMap<string, string>): string {
  let current = value;
  for (let round = 0; round < 10 && current.includes('${'); round += 1) {
    const next = expandReferences(current, /\$\{([^}]+)\}/g, (name) => properties.get(name.trim()));
    if (next === current) break;
    current = next;
  }
  return current;
}

/** `<licenses>` as SPDX ids, several read as a choice; the first name as written when none is recognised. */
function licenseOf(project: XmlNode): string | undefined {
  const licenses = xmlList(asTable(project['licenses'])?.['license']);
  const ids = new Set<string>();
  for (const license of licenses) {
    const name = xmlText(license['name']);
    const url = xmlText(license['url']);
    const id = (name === undefined ? null : spdxOfLicenseName(name)) ?? (url === undefined ? null : spdxOfLicenseUrl(url));
    if (id !== null) ids.add(id);
  }
  if (ids.size > 0) return [...ids].join(' OR ');
  return xmlText(licenses[0]?.['name']);
}
