/**
 * Path patterns for file categories, after linguist (lib/linguist/vendor.yml, generated.rb,
 * documentation.yml), kept to the well-known conventions. Matched against the `/`-separated path.
 */

/** Third-party code committed into the repository. */
export const VENDORED_PATHS: readonly RegExp[] = [
  /(^|\/)node_modules\//,
  /(^|\/)bower_components\//,
  /(^|\/)[Vv]endors?\//,
  /(^|\/)(third|3rd)[-_]?party\//i,
  /(^|\/)extern(al)?\//,
  /(^|\/)Godeps\/_workspace\//,
  /(^|\/)\.yarn\//,
  /(^|\/)dist\//,
  /^Pods\//,
  /^Carthage\//,
  /(^|\/)\.?venv\//,
  /(^|\/)(site-packages|__pypackages__)\//,
  /(^|\/)docs?\/_?(build|themes?|templates?|static)\//,
  // build-tool wrappers copied in by the tool
  /(^|\/)(gradlew|gradlew\.bat|mvnw|mvnw\.cmd)$/,
  /(^|\/)(gradle|\.mvn)\/wrapper\//,
  // minified and bundled JavaScript and CSS, and the libraries most often copied in whole
  /[.-]min\.(js|mjs|css)$/,
  /[.-]bundle\.(js|mjs|css)$/,
  /(^|\/)jquery([^./]*)\.js$/,
  /(^|\/)jquery-\d+\.\d+(\.\d+)?(\.slim)?\.js$/,
  /(^|\/)bootstrap([^./]*)\.(js|css|less|scss)$/,
];

/** Lock files: written by package managers, never by hand. */
const LOCK_FILES: ReadonlySet<string> = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb',
  'deno.lock', 'Cargo.lock', 'poetry.lock', 'pdm.lock', 'uv.lock', 'Pipfile.lock', 'go.sum', 'go.work.sum',
  'Gopkg.lock', 'glide.lock', 'composer.lock', 'Gemfile.lock', 'Podfile.lock', 'Package.resolved',
  'pubspec.lock', 'mix.lock', 'flake.lock', 'packages.lock.json', 'gradle.lockfile', 'MODULE.bazel.lock',
  'conan.lock', '.terraform.lock.hcl', 'shrinkwrap.yaml',
]);

/** Generated code recognisable by name: compiler outputs, code generators' suffixes, source maps. */
const GENERATED_PATHS: readonly RegExp[] = [
  /\.pb\.(go|h|cc|cpp|c|swift|rs|dart)$/,
  /\.pb\.gw\.go$/,
  /_pb2(_grpc)?\.pyi?$/,
  /_(grpc_)?pb\.(js|d\.ts)$/,
  /(^|\/)zz_generated\.[^/]*$/,
  /\.generated\.[^/.]+$/,
  /\.g\.(dart|cs|i\.cs)$/,
  /\.(freezed|gr|config)\.dart$/,
  /\.designer\.(cs|vb)$/i,
  /\.feature\.cs$/i,
  /\.(js|mjs|cjs|css)\.map$/,
  /(^|\/)\.pnp\.(c?js|loader\.mjs)$/,
  /\.zep\.(c|h|php)$/,
  /(^|\/)\.idea\//,
  /\.(nib|xcworkspacedata|xcuserstate)$/,
];

export function isLockFile(baseName: string): boolean {
  return LOCK_FILES.has(baseName);
}

export function isGeneratedByName(filePath: string, baseName: string): boolean {
  return isLockFile(baseName) || GENERATED_PATHS.some((pattern) => pattern.test(filePath));
}

/** Test code and its data: test directories and the test file conventions of each ecosystem. */
const TEST_PATHS: readonly RegExp[] = [
  /(^|\/)(test|tests|__tests__|__mocks__|spec|specs|testdata|e2e)\//,
  /_test\.(go|py|rb|rs|exs|dart|cc|cpp|c)$/,
  /_unittest\.(cc|cpp)$/,
  /(^|\/)test_[^/]+\.py$/,
  /(^|\/)conftest\.py$/,
  /\.(test|spec)\.[^/.]+$/,
  /[^/]Tests?\.(java|kt|scala|groovy|cs|fs|vb|php|swift|m)$/,
  /[^/]IT\.(java|kt)$/,
  /[^/]Spec\.(scala|groovy|kt)$/,
  /_spec\.rb$/,
];

export function isTestPath(filePath: string): boolean {
  return TEST_PATHS.some((pattern) => pattern.test(filePath));
}

/** Documentation directories; `doc/` only at the root, where it cannot be a code package's name. */
const DOCS_PATHS: readonly RegExp[] = [/(^|\/)(docs|documentation)\//i, /^doc\//i, /^man\//];

/** The project's own prose files, whatever their extension (`LICENSE`, `CHANGELOG.md`, `AUTHORS`). */
const DOCS_NAMES =
  /^(README|CHANGELOG|CHANGES|HISTORY|NEWS|AUTHORS|CONTRIBUTORS|CONTRIBUTING|LICEN[CS]E|COPYING|NOTICE|CODE_OF_CONDUCT|SECURITY|SUPPORT|MAINTAINERS|CITATION|UPGRADING|MIGRATION)([._-][^/]*)?$/i;

const DOCS_EXTENSIONS = /\.(md|mdx|markdown|rst|adoc|asciidoc|rdoc|org|textile|pod)$/i;

export function isDocsPath(filePath: string, baseName: string): boolean {
  return DOCS_NAMES.test(baseName) || DOCS_EXTENSIONS.test(baseName) || DOCS_PATHS.some((pattern) => pattern.test(filePath));
}

/** Configuration by extension; data formats linguist types as `data` land here too (see classifyFile). */
const CONFIG_EXTENSIONS = /\.(json|jsonc|json5|ya?ml|toml|ini|cfg|conf|config|properties|env|editorconfig|plist|xcconfig|csproj|fsproj|vbproj|sln|props|targets|cmake|mk|gradle|gradle\.kts|nix|tf|tfvars|hcl)$/i;

/** Build, container and CI files by name. */
const CONFIG_NAMES =
  /^(Dockerfile|Containerfile|Makefile|GNUmakefile|makefile|CMakeLists\.txt|Jenkinsfile|Vagrantfile|Procfile|Gemfile|Podfile|Brewfile|Pipfile|Rakefile|Justfile|justfile|Taskfile|BUILD|BUILD\.bazel|WORKSPACE|WORKSPACE\.bazel|MODULE\.bazel|go\.mod|go\.work|pom\.xml|setup\.py|setup\.cfg|manage\.py|requirements[^/]*\.txt|constraints\.txt)$/;

const CONFIG_PATHS: readonly RegExp[] = [
  /(^|\/)\.[^/]+\//, // tool directories: .github/, .vscode/, .circleci/, .husky/
  /(^|\/)Dockerfile\.[^/]+$/i,
  /\.(dockerfile|containerfile)$/i,
  /(^|\/)[^/]+\.config\.(js|cjs|mjs|ts|cts|mts)$/, // vite.config.ts, jest.config.js
  /(^|\/)(azure-pipelines|bitbucket-pipelines|appveyor|cloudbuild|docker-compose|compose)[^/]*$/,
];

export function isConfigPath(filePath: string, baseName: string): boolean {
  return (
    baseName.startsWith('.') ||
    CONFIG_NAMES.test(baseName) ||
    CONFIG_EXTENSIONS.test(baseName) ||
    CONFIG_PATHS.some((pattern) => pattern.test(filePath))
  );
}
