import type { Dependency } from '@repolens/contracts';
import { asTable, dependency, directoriesUpward, directoryOf, expandReferences, manifestInfo, type ManifestReader, type ManifestSource } from './manifest.js';
import { parseXml, xmlAttribute, xmlList, xmlText, type XmlNode } from './xml.js';

type Kind = Dependency['kind'];

// `$(Name)`, MSBuild's property reference.
const MSBUILD_PROPERTY = /\$\(([\w.]+)\)/g;
const PROJECT_FILE = /\.(cs|fs|vb)proj$/i;
// Projects whose packages serve testing only.
const TEST_PROJECT_NAME = /[.-]tests?\.(cs|fs|vb)proj$|tests?\.(cs|fs|vb)proj$/i;

/**
 * SDK-style project files (*.csproj, *.fsproj, *.vbproj) and Directory.Build.props: `<PackageReference>`
 * with its version as an attribute, a child element, a `$(Property)` or, under central package management,
 * from the nearest Directory.Packages.props. Packages of a test project are dev; `PrivateAssets="all"`
 * ones (analyzers, Source Link, build tasks that never reach consumers) are build. Directory.Packages.props
 * contributes its `<GlobalPackageReference>`s (build) and legacy packages.config its `<package>`s.
 */
export const nugetProject: ManifestReader = {
  matches: (fileName) =>
    PROJECT_FILE.test(fileName) || fileName === 'Directory.Build.props' || fileName === 'Directory.Packages.props' || fileName === 'packages.config',
  async read(text, manifest, source) {
    const document = parseXml(text);
    if (manifest.endsWith('packages.config')) return readPackagesConfig(document, manifest);
    const project = asTable(document['Project']);
    if (project === undefined) throw new Error(`${manifest} has no <Project> element`);

    const central = manifest.endsWith('Directory.Packages.props') ? null : await centralVersions(manifest, source);
    const properties = new Map([...(central?.properties ?? []), ...propertiesOf(project)]);
    const resolve = (value: string | undefined): string | undefined =>
      value === undefined ? undefined : expandReferences(value, MSBUILD_PROPERTY, (name) => properties.get(name));
    const isTestProject =
      properties.get('IsTestProject')?.toLowerCase() === 'true' ||
      TEST_PROJECT_NAME.test(manifest) ||
      packageReferences(project).some((reference) => xmlAttribute(reference, 'Include') === 'Microsoft.NET.Test.Sdk');

    const dependencies: Dependency[] = [];
    for (const reference of packageReferences(project)) {
      const name = xmlAttribute(reference, 'Include');
      if (name === undefined) continue;
      const version = resolve(field(reference, 'VersionOverride') ?? field(reference, 'Version')) ?? central?.versions.get(name.toLowerCase());
      const privateAssets = field(reference, 'PrivateAssets')?.toLowerCase() === 'all';
      const kind: Kind = isTestProject ? 'dev' : privateAssets ? 'build' : 'runtime';
      dependencies.push(dependency('nuget', manifest, name, kind, version));
    }
    for (const group of xmlList(project['ItemGroup'])) {
      for (const reference of xmlList(group['GlobalPackageReference'])) {
        const name = xmlAttribute(reference, 'Include');
        if (name !== undefined) dependencies.push(dependency('nuget', manifest, name, 'build', resolve(field(reference, 'Version'))));
      }
    }

    const fileName = manifest.slice(manifest.lastIndexOf('/') + 1);
    return manifestInfo(dependencies, {
      name: properties.get('PackageId') ?? properties.get('AssemblyName') ?? (PROJECT_FILE.test(fileName) ? fileName.replace(PROJECT_FILE, '') : undefined),
      description: properties.get('Description'),
      license: properties.get('PackageLicenseExpression'),
    });
  },
};

function packageReferences(project: XmlNode): XmlNode[] {
  return xmlList(project['ItemGroup']).flatMap((group) => xmlList(group['PackageReference']));
}

/** `Version="1.0"` or `<Version>1.0</Version>`. */
function field(node: XmlNode, name: string): string | undefined {
  return xmlAttribute(node, name) ?? xmlText(node[name]);
}

/** Every `<PropertyGroup>` value; a later definition wins, as in MSBuild. */
function propertiesOf(project: XmlNode): Map<string, string> {
  const properties = new Map<string, string>();
  for (const group of xmlList(project['PropertyGroup'])) {
    for (const [key, value] of Object.entries(group)) {
      const text = xmlText(value);
      if (!key.startsWith('@') && key !== '#text' && text !== undefined) properties.set(key, text);
    }
  }
  return properties;
}

/** Versions (by lower-case id, as NuGet compares them) and properties of the nearest Directory.Packages.props. */
async function centralVersions(manifest: string, source: ManifestSource): Promise<{ versions: Map<string, string>; properties: Map<string, string> } | null> {
  for (const directory of directoriesUpward(directoryOf(manifest))) {
    const text = await source.readFile(directory === '' ? 'Directory.Packages.props' : `${directory}/Directory.Packages.props`);
    if (text === null) continue;
    try {
      const project = asTable(parseXml(text)['Project']);
      if (project === undefined) return null;
      const properties = propertiesOf(project);
      const versions = new Map<string, string>();
      for (const group of xmlList(project['ItemGroup'])) {
        for (const entry of xmlList(group['PackageVersion'])) {
          const name = xmlAttribute(entry, 'Include');
          const raw = field(entry, 'Version');
          const version = raw === undefined ? undefined : expandReferences(raw, MSBUILD_PROPERTY, (key) => properties.get(key));
          if (name !== undefined && version !== undefined) versions.set(name.toLowerCase(), version);
        }
      }
      return { versions, properties };
    } catch {
      // A malformed props file is reported when it is read as a manifest of its own.
      return null;
    }
  }
  return null;
}

/** packages.config: `<package id="x" version="1.0" developmentDependency="true" />`. */
function readPackagesConfig(document: XmlNode, manifest: string) {
  const dependencies = xmlList(asTable(document['packages'])?.['package']).flatMap((entry) => {
    const name = xmlAttribute(entry, 'id');
    const kind: Kind = xmlAttribute(entry, 'developmentDependency') === 'true' ? 'dev' : 'runtime';
    return name === undefined ? [] : [dependency('nuget', manifest, name, kind, xmlAttribute(entry, 'version'))];
  });
  return manifestInfo(dependencies, {});
}
