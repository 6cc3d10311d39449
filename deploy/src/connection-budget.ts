import { loadConfig, plannedConnections } from '@spn/service-kit';
import type { Manifest } from './render';

/** PostgreSQL's own defaults, where an overlay does not set the parameter. */
const POSTGRES_DEFAULTS: Readonly<Record<string, number>> = {
  max_connections: 100,
  superuser_reserved_connections: 3,
};
/** Kubernetes's default `maxSurge` of a Deployment's rolling update. */
const DEFAULT_MAX_SURGE = '25%';

/** One service's share of the server at its most. */
export interface ServiceConnections {
  readonly service: string;
  /** Its autoscaler's maximum, plus the pods a rolling update adds on top. */
  readonly pods: number;
  /** One pod's most connections: its pools and LISTEN connections (`plannedConnections`). */
  readonly perPod: number;
}

export interface ConnectionBudget {
  readonly maxConnections: number;
  readonly superuserReservedConnections: number;
  readonly services: readonly ServiceConnections[];
  /** Every pod of every service at its most. */
  readonly total: number;
}

const find = (manifests: readonly Manifest[], kind: string, name: string): Manifest | undefined =>
  manifests.find((object) => object.kind === kind && object.metadata.name === name);

/**
 * The platform's PostgreSQL's setting as the overlay runs it: the CloudNativePG Cluster's parameter,
 * or the `-c name=value` argument of a plain PostgreSQL container, else PostgreSQL's default.
 */
export function postgresSetting(manifests: readonly Manifest[], name: string): number {
  const cluster = find(manifests, 'Cluster', 'spn-postgres') as
    { spec?: { postgresql?: { parameters?: Record<string, string> } } } | undefined;
  const parameter = cluster?.spec?.postgresql?.parameters?.[name];
  if (parameter !== undefined) return Number(parameter);
  const statefulSet = find(manifests, 'StatefulSet', 'postgres') as
    { spec: { template: { spec: { containers: { args?: string[] }[] } } } } | undefined;
  for (const container of statefulSet?.spec.template.spec.containers ?? [])
    for (const argument of container.args ?? []) {
      const [key, value] = argument.split('=');
      if (key === name && value !== undefined) return Number(value);
    }
  const fallback = POSTGRES_DEFAULTS[name];
  if (fallback === undefined) throw new Error(`no default known for ${name}`);
  return fallback;
}

/** The most pods of a Deployment: its autoscaler's maximum (or its replicas), and a rollout's surge. */
export function mostPods(manifests: readonly Manifest[], deployment: string): number {
  const found = find(manifests, 'Deployment', deployment) as
    | {
        spec: {
          replicas?: number;
          strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string } };
        };
      }
    | undefined;
  if (!found) throw new Error(`no Deployment ${deployment}`);
  const autoscaler = manifests.find(
    (object) =>
      object.kind === 'HorizontalPodAutoscaler' &&
      (object['spec'] as { scaleTargetRef?: { kind: string; name: string } }).scaleTargetRef?.name ===
        deployment,
  ) as { spec: { maxReplicas: number } } | undefined;
  const replicas = Math.max(found.spec.replicas ?? 1, autoscaler?.spec.maxReplicas ?? 0);
  if (found.spec.strategy?.type === 'Recreate') return replicas;
  const surge = found.spec.strategy?.rollingUpdate?.maxSurge ?? DEFAULT_MAX_SURGE;
  // A percentage is rounded up (Kubernetes does so for maxSurge).
  const extra =
    typeof surge === 'number' ? surge : Math.ceil((replicas * Number(surge.replace('%', ''))) / 100);
  return replicas + extra;
}

/**
 * Every service's pods at their most, times each pod's most connections as its own configuration
 * computes them from the environment the manifests give it (`environmentOf`), against the server's
 * `max_connections`.
 */
export function connectionBudget(
  manifests: readonly Manifest[],
  services: readonly string[],
  environmentOf: (service: string) => Record<string, string>,
): ConnectionBudget {
  const perService = services.map((service) => {
    const planned = plannedConnections(loadConfig(environmentOf(service)));
    // The read models on a server of their own would need a budget of their own.
    if (planned.length !== 1) throw new Error(`${service}: its pools are not on one server`);
    return { service, pods: mostPods(manifests, service), perPod: planned[0]?.maximum ?? 0 };
  });
  return {
    maxConnections: postgresSetting(manifests, 'max_connections'),
    superuserReservedConnections: postgresSetting(manifests, 'superuser_reserved_connections'),
    services: perService,
    total: perService.reduce((sum, { pods, perPod }) => sum + pods * perPod, 0),
  };
}
