/** Files that say how a project is built, checked, run or shipped, as three disjoint roles. */

export type ProjectFileRole = 'ci' | 'docker' | 'config';

// Continuous integration: workflows and pipeline definitions of the common services.
const CI_FILE_NAMES = new Set([
  '.gitlab-ci.yml', '.gitlab-ci.yaml', '.travis.yml', 'azure-pipelines.yml', 'azure-pipelines.yaml', 'bitbucket-pipelines.yml',
  '.drone.yml', '.drone.yaml', 'appveyor.yml', '.appveyor.yml', 'cloudbuild.yaml', 'cloudbuild.yml', 'buildspec.yml', '.cirrus.yml',
  'bitrise.yml', 'codemagic.yaml', '.woodpecker.yml', 'wercker.yml', '.buildkite.yml', 'buildkite.yml',
]);
const CI_PATHS: readonly RegExp[] = [
  /^\.(github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/,
  /^\.github\/actions\/.+\/action\.ya?ml$/,
  /^\.circleci\/config\.ya?ml$/,
  /^\.buildkite\/[^/]+\.(ya?ml|json|sh)$/,
  /^\.gitlab\/ci\/.+\.ya?ml$/,
  /^\.azure-pipelines\/.+\.ya?ml$/,
  /^\.woodpecker\/[^/]+\.ya?ml$/,
  /^\.semaphore\/[^/]+\.ya?ml$/,
  /^\.teamcity\/.+\.kts$/,
  /(^|\/)jenkinsfile([.-][^/]*)?$/i,
];

// Container images and their orchestration, anywhere in the tree.
const DOCKER_FILE_NAMES: readonly RegExp[] = [
  /^dockerfile([.-].+)?$/, /^.+\.dockerfile$/, /^containerfile([.-].+)?$/,
  /^(docker-)?compose([.-].+)?\.ya?ml$/, /^\.dockerignore$/, /^docker-bake(\..+)?\.(hcl|json)$/,
];

const CONFIG_FILE_NAMES = new Set([
  'makefile', 'gnumakefile', 'justfile', 'taskfile.yml', 'taskfile.yaml', 'procfile', 'vagrantfile', 'earthfile', 'tiltfile',
  '.editorconfig', '.gitattributes', '.nvmrc', '.node-version', '.python-version', '.ruby-version', '.tool-versions', '.envrc',
  '.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml', 'lerna.json', 'nx.json', 'turbo.json', 'rush.json', 'angular.json',
  'nest-cli.json', 'nodemon.json', '.browserslistrc', '.swcrc', 'biome.json', 'biome.jsonc', 'deno.json', 'deno.jsonc', 'bunfig.toml',
  '.prettierignore', '.eslintignore', 'lefthook.yml', '.lintstagedrc', '.commitlintrc', '.mocharc.yml', '.mocharc.json', '.nycrc',
  'netlify.toml', 'vercel.json', 'fly.toml', 'app.yaml', 'render.yaml', 'chart.yaml', 'skaffold.yaml', 'kustomization.yaml',
  'setup.cfg', 'setup.py', 'tox.ini', 'pytest.ini', 'mypy.ini', '.flake8', '.pylintrc', 'pylintrc', 'noxfile.py', 'ruff.toml',
  '.ruff.toml', '.coveragerc', 'mkdocs.yml', '.readthedocs.yaml', '.readthedocs.yml', '.pre-commit-config.yaml', '.rubocop.yml',
  'rustfmt.toml', '.rustfmt.toml', 'clippy.toml', 'deny.toml', '.golangci.yml', '.golangci.yaml', '.goreleaser.yml',
  '.goreleaser.yaml', 'cmakelists.txt', 'cmakepresets.json', 'meson.build', 'build.gradle', 'build.gradle.kts', 'settings.gradle',
  'settings.gradle.kts', 'gradle.properties', 'pom.xml', 'directory.build.props', 'directory.packages.props', 'global.json',
  'nuget.config', '.clang-format', '.clang-tidy', 'flake.nix', 'shell.nix', 'default.nix', 'renovate.json', '.renovaterc',
  '.renovaterc.json', '.env.example', '.env.sample', 'codecov.yml', '.codecov.yml', 'sonar-project.properties', 'phpunit.xml',
  'phpunit.xml.dist', 'phpstan.neon', '.php-cs-fixer.php', '.php-cs-fixer.dist.php', 'rector.php',
]);

const CONFIG_FILE_PATTERNS: readonly RegExp[] = [
  /^tsconfig(\..+)?\.json$/, /^jsconfig(\..+)?\.json$/,
  /^\.eslintrc(\..+)?$/, /^eslint\.config\.[cm]?[jt]s$/,
  /^\.prettierrc(\..+)?$/, /^prettier\.config\.[cm]?[jt]s$/, /^\.stylelintrc(\..+)?$/, /^\.babelrc(\..+)?$/,
  /^\.lintstagedrc(\..+)?$/, /^\.commitlintrc(\..+)?$/, /^\.mocharc(\..+)?$/,
  /^(babel|vite|vitest|jest|webpack|rollup|esbuild|tsup|next|nuxt|svelte|astro|tailwind|postcss|playwright|cypress|karma|metro|vue|remix|gatsby|docusaurus|commitlint|lint-staged|stylelint|unocss|rspack|rsbuild|turbopack|drizzle|knip)\.config\.([cm]?[jt]s|json|mjs)$/,
  /^vitest\.workspace\.[cm]?[jt]s$/,
];

// Configuration that lives in a known directory.
const CONFIG_PATHS: readonly RegExp[] = [
  /^\.github\/(dependabot|codeql|labeler|release|stale|release-drafter)\.ya?ml$/,
  /^\.devcontainer\/[^/]+$/,
  /^\.vscode\/(settings|extensions|launch|tasks)\.json$/,
  /^\.husky\/[^/_][^/]*$/,
  /^\.cargo\/config(\.toml)?$/,
  /^\.mvn\/(wrapper\/maven-wrapper\.properties|maven\.config|jvm\.config)$/,
  /^gradle\/(libs\.versions\.toml|wrapper\/gradle-wrapper\.properties)$/,
];

/** Whether a file (path relative to the root, `/`-separated) is CI, Docker or other configuration, or none. */
export function projectFileRole(filePath: string): ProjectFileRole | null {
  const fileName = filePath.slice(filePath.lastIndexOf('/') + 1).toLowerCase();
  if (CI_FILE_NAMES.has(fileName) || CI_PATHS.some((pattern) => pattern.test(filePath))) return 'ci';
  if (DOCKER_FILE_NAMES.some((pattern) => pattern.test(fileName))) return 'docker';
  if (CONFIG_PATHS.some((pattern) => pattern.test(filePath))) return 'config';
  if (CONFIG_FILE_NAMES.has(fileName) || CONFIG_FILE_PATTERNS.some((pattern) => pattern.test(fileName))) return 'config';
  return null;
}
