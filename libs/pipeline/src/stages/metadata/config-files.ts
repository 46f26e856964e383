/** Files that configure how a project is built, checked, run or shipped. */

const CONFIG_FILE_NAMES = new Set([
  'makefile', 'gnumakefile', 'justfile', 'taskfile.yml', 'taskfile.yaml', 'procfile', 'jenkinsfile',
  '.editorconfig', '.gitattributes', '.nvmrc', '.node-version', '.python-version', '.ruby-version', '.tool-versions',
  '.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml', 'lerna.json', 'nx.json', 'turbo.json', 'rush.json',
  '.babelrc', '.browserslistrc', '.swcrc', 'biome.json', 'biome.jsonc', 'deno.json', 'deno.jsonc', 'bunfig.toml',
  '.gitlab-ci.yml', '.travis.yml', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', 'cloudbuild.yaml', 'appveyor.yml',
  'netlify.toml', 'vercel.json', 'fly.toml', 'app.yaml', 'render.yaml', 'chart.yaml', 'skaffold.yaml', 'tiltfile',
  'setup.cfg', 'setup.py', 'tox.ini', 'pytest.ini', 'mypy.ini', '.flake8', '.pylintrc', 'noxfile.py', 'ruff.toml', '.ruff.toml',
  '.pre-commit-config.yaml', '.rubocop.yml', 'rustfmt.toml', '.rustfmt.toml', 'clippy.toml', '.golangci.yml', '.golangci.yaml',
  'cmakelists.txt', 'meson.build', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'pom.xml',
  'renovate.json', '.renovaterc', '.env.example', '.dockerignore', 'codecov.yml', '.codecov.yml', 'sonar-project.properties',
]);

const CONFIG_FILE_PATTERNS: readonly RegExp[] = [
  /^tsconfig(\..+)?\.json$/, /^jsconfig(\..+)?\.json$/,
  /^\.eslintrc(\..+)?$/, /^eslint\.config\.[cm]?[jt]s$/,
  /^\.prettierrc(\..+)?$/, /^prettier\.config\.[cm]?[jt]s$/, /^\.stylelintrc(\..+)?$/,
  /^(babel|vite|vitest|jest|webpack|rollup|esbuild|tsup|next|nuxt|svelte|astro|tailwind|postcss|playwright|cypress|karma|metro)\.config\.[cm]?[jt]s$/,
  /^dockerfile(\..+)?$/, /^.+\.dockerfile$/, /^containerfile$/,
  /^(docker-)?compose(\..+)?\.ya?ml$/,
];

// Configuration that lives in a known directory: CI workflows and similar.
const CONFIG_DIRECTORY_PATTERNS: readonly RegExp[] = [
  /^\.github\/workflows\/[^/]+\.ya?ml$/,
  /^\.github\/(dependabot|codeql|labeler)\.ya?ml$/,
  /^\.circleci\/config\.ya?ml$/,
  /^\.buildkite\/[^/]+\.ya?ml$/,
  /^\.devcontainer\/[^/]+$/,
  /^\.vscode\/(settings|extensions|launch|tasks)\.json$/,
];

export function isConfigFile(filePath: string): boolean {
  if (CONFIG_DIRECTORY_PATTERNS.some((pattern) => pattern.test(filePath))) return true;
  const fileName = filePath.slice(filePath.lastIndexOf('/') + 1).toLowerCase();
  return CONFIG_FILE_NAMES.has(fileName) || CONFIG_FILE_PATTERNS.some((pattern) => pattern.test(fileName));
}
