import { RELEASE, type Manifest } from './helm-runner.js';

/** Typed views of the rendered objects: only the fields the chart tests read. */

export interface Probe {
  readonly httpGet?: { readonly path: string; readonly port: string | number };
  readonly exec?: { readonly command: readonly string[] };
}

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly ports?: ReadonlyArray<{ readonly name: string; readonly containerPort: number }>;
  readonly envFrom?: ReadonlyArray<{ readonly configMapRef?: { readonly name: string }; readonly secretRef?: { readonly name: string } }>;
  readonly env?: ReadonlyArray<{ readonly name: string; readonly valueFrom?: { readonly secretKeyRef?: { readonly name: string; readonly key: string } } }>;
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
  readonly resources?: { readonly requests?: Record<string, string>; readonly limits?: Record<string, string> };
  readonly securityContext?: {
    readonly allowPrivilegeEscalation?: boolean;
    readonly readOnlyRootFilesystem?: boolean;
    readonly capabilities?: { readonly drop?: readonly string[] };
  };
  readonly volumeMounts?: ReadonlyArray<{ readonly name: string; readonly mountPath: string }>;
}

export interface PodSpec {
  readonly containers: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly securityContext?: { readonly runAsNonRoot?: boolean; readonly runAsUser?: number };
  readonly volumes?: ReadonlyArray<{ readonly name: string; readonly persistentVolumeClaim?: { readonly claimName: string } }>;
}

export function kinds(manifests: readonly Manifest[]): string[] {
  return manifests.map((manifest) => manifest.kind);
}

/** The one object of a kind and name suffix (`api`, `worker`, …), failing clearly when it is missing. */
export function one(manifests: readonly Manifest[], kind: string, component?: string): Manifest {
  const name = component === undefined ? undefined : `${RELEASE}-repolens-${component}`;
  const found = manifests.filter((manifest) => manifest.kind === kind && (name === undefined || manifest.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name ?? ''}, found ${found.length}`);
  return found[0] as Manifest;
}

export function maybe(manifests: readonly Manifest[], kind: string, component: string): Manifest | undefined {
  return manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === `${RELEASE}-repolens-${component}`);
}

/** The pod template of a Deployment or StatefulSet. */
export function podSpec(workload: Manifest): PodSpec {
  const template = workload.spec?.['template'] as { spec: PodSpec } | undefined;
  if (template === undefined) throw new Error(`${workload.kind} ${workload.metadata.name} has no pod template`);
  return template.spec;
}

export function mainContainer(workload: Manifest): Container {
  const container = podSpec(workload).containers[0];
  if (container === undefined) throw new Error(`${workload.metadata.name} has no container`);
  return container;
}

export function workloads(manifests: readonly Manifest[]): Manifest[] {
  return manifests.filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'StatefulSet');
}

/** A Secret's data, base64-decoded. */
export function secretValues(secret: Manifest): Record<string, string> {
  return Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
}

export function configMapValues(manifests: readonly Manifest[]): string[] {
  return manifests.filter((manifest) => manifest.kind === 'ConfigMap').flatMap((map) => Object.values(map.data ?? {}));
}
