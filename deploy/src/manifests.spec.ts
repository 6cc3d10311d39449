import { ALL_CONTEXT_TOPICS } from '@spn/contracts';
import { RELAY_DEAD_LETTERS } from '@spn/messaging';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { crdProblems, loadCrdValidators } from './crd-schemas';
import { OVERLAYS, render, type Manifest, type Overlay } from './render';

/** The Kubernetes schema of every built-in kind the overlays use (kubernetes-models, from the OpenAPI spec). */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};
/**
 * The operators' kinds (Strimzi, CloudNativePG, Keycloak): npm has no models of them, so each is
 * validated against the OpenAPI schema of its released CRD, vendored in deploy/crds.
 */
const CRDS = loadCrdValidators();

const at = (object: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);

const SERVICES = ['clients', 'care-plans', 'partners', 'quality-safety', 'audit', 'analytics'];
const PLATFORM = [...SERVICES, 'gateway'];

interface Container {
  readonly name: string;
  readonly ports?: readonly { name?: string; containerPort: number }[];
  readonly readinessProbe?: { httpGet?: { path: string; port: string | number } };
  readonly livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readonly resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readonly securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  readonly volumeMounts?: readonly { name: string; mountPath: string; readOnly?: boolean }[];
}
interface PodSpec {
  readonly containers: readonly Container[];
  readonly securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  readonly volumes?: readonly { name: string; emptyDir?: unknown; secret?: unknown; configMap?: unknown }[];
}
interface NetworkPolicyRule {
  readonly from?: readonly {
    podSelector?: { matchLabels?: Record<string, string> };
    namespaceSelector?: unknown;
  }[];
  readonly ports?: readonly { port: string | number }[];
}

const of = (manifests: Manifest[], kind: string, name?: string) =>
  manifests.filter((object) => object.kind === kind && (name === undefined || object.metadata.name === name));
const podSpec = (deployment: Manifest) =>
  (deployment['spec'] as { template: { spec: PodSpec } }).template.spec;

describe.each(OVERLAYS)('the %s overlay', (overlay: Overlay) => {
  const manifests = render(overlay);
  const platform = of(manifests, 'Deployment').filter((deployment) =>
    PLATFORM.includes(deployment.metadata.name),
  );

  it('renders every object valid against its schema', () => {
    const problems: string[] = [];
    for (const object of manifests) {
      const id = `${object.apiVersion}/${object.kind}`;
      const Model = MODELS[id];
      const crd = CRDS.get(id);
      if (Model) {
        try {
          new Model(object as never).validate();
        } catch (error) {
          problems.push(`${id} ${object.metadata.name}: ${String(error)}`);
        }
      } else if (crd) {
        for (const problem of crdProblems(crd, object))
          problems.push(`${id} ${object.metadata.name} ${problem}`);
      } else problems.push(`${id} ${object.metadata.name}: a kind without a schema here`);
    }
    expect(problems).toEqual([]);
  });

  it('catches an invalid object (the validation can fail)', () => {
    const [first] = platform;
    const broken = structuredClone(first) as unknown as { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => {
      new Deployment(broken as never).validate();
    }).toThrow();
  });

  it('runs the gateway and every service, each with a Service, a PodDisruptionBudget and an autoscaler', () => {
    expect(platform.map((deployment) => deployment.metadata.name).sort()).toEqual([...PLATFORM].sort());
    for (const name of PLATFORM) {
      expect(of(manifests, 'Service', name)).toHaveLength(1);
      expect(of(manifests, 'PodDisruptionBudget', name)).toHaveLength(1);
      const [autoscaler] = of(manifests, 'HorizontalPodAutoscaler', name);
      expect(at(autoscaler, 'spec.scaleTargetRef')).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name,
      });
    }
  });

  it.each(PLATFORM)('%s: probes on its health endpoints, resources, non-root and read-only', (name) => {
    const [deployment] = of(manifests, 'Deployment', name);
    const spec = podSpec(deployment!);
    expect(spec.securityContext?.runAsNonRoot).toBe(true);
    expect(spec.securityContext?.runAsUser).toBeGreaterThan(0);
    for (const container of spec.containers) {
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.ports?.map((port) => port.name)).toEqual(['http']);
      for (const kind of ['requests', 'limits'] as const)
        expect(Object.keys(container.resources?.[kind] ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
    }
    // The distributed mode keeps nothing on disk: the one writable place is /tmp (the TypeScript
    // transform cache), of bounded size; every other volume is a secret or a ConfigMap, read-only.
    const writable = (spec.volumes ?? []).filter((volume) => volume.emptyDir !== undefined);
    expect(writable).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '128Mi' } }]);
    const mounts = spec.containers.flatMap((container) => container.volumeMounts ?? []);
    expect(mounts.filter((mount) => mount.name === 'tmp')).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(mounts.filter((mount) => mount.name !== 'tmp' && mount.readOnly !== true)).toEqual([]);
  });

  it('lets in from outside only the gateway; the subgraphs only from the gateway', () => {
    const policies = of(manifests, 'NetworkPolicy');
    const [deny] = policies.filter((policy) => policy.metadata.name === 'default-deny-ingress');
    expect(deny?.['spec']).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    const rulesFor = (labels: Record<string, string>) =>
      policies.flatMap((policy) => {
        const spec = policy['spec'] as {
          podSelector: { matchLabels?: Record<string, string> };
          ingress?: NetworkPolicyRule[];
        };
        const selected = Object.entries(spec.podSelector.matchLabels ?? {}).every(
          ([key, value]) => labels[key] === value,
        );
        return selected ? (spec.ingress ?? []) : [];
      });
    const labelsOf = (name: string) =>
      (
        of(manifests, 'Deployment', name)[0]?.['spec'] as {
          template: { metadata: { labels: Record<string, string> } };
        }
      ).template.metadata.labels;
    // The gateway: from anywhere, its port only.
    expect(rulesFor(labelsOf('gateway'))).toEqual([{ ports: [{ port: 'http' }] }]);
    // A subgraph: from the gateway's pods only.
    for (const name of SERVICES)
      expect(rulesFor(labelsOf(name))).toEqual([
        {
          from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/component': 'gateway' } } }],
          ports: [{ port: 'http' }],
        },
      ]);
    const [ingress] = of(manifests, 'Ingress');
    expect(of(manifests, 'Ingress')).toHaveLength(1);
    expect(at(ingress, 'spec.rules.0.http.paths.0.backend.service.name')).toBe('gateway');
    // PostgreSQL and Kafka: the services (spn/data-access) only; never a rule open to every source.
    const dataAccess = { 'spn/data-access': 'true' };
    for (const name of SERVICES) expect(labelsOf(name)).toMatchObject(dataAccess);
    expect(labelsOf('gateway')).not.toHaveProperty('spn/data-access');
    const storeLabels =
      overlay === 'production'
        ? [{ 'cnpg.io/cluster': 'spn-postgres' }]
        : [{ 'app.kubernetes.io/name': 'postgres' }, { 'app.kubernetes.io/name': 'kafka' }];
    for (const labels of storeLabels) {
      const rules = rulesFor(labels);
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) expect(rule.from?.length).toBeGreaterThan(0);
      expect(rules.flatMap((rule) => rule.from ?? [])).toContainEqual({
        podSelector: { matchLabels: dataAccess },
      });
    }
  });

  it('commits no secret: no Secret object, every referenced one named in the runbook', () => {
    expect(of(manifests, 'Secret')).toEqual([]);
    const text = JSON.stringify(manifests);
    const referenced = new Set(
      [
        ...text.matchAll(
          /"(?:secretName|tlsSecret)":"([a-z0-9-]+)"|"secretKeyRef":\{[^}]*"name":"([a-z0-9-]+)"|"(?:usernameSecret|passwordSecret|accessKeyId|secretAccessKey|passwordSecret)":\{[^}]*"name":"([a-z0-9-]+)"/g,
        ),
      ].map((match) => match[1] ?? match[2] ?? match[3] ?? ''),
    );
    expect(referenced.size).toBeGreaterThan(3);
    const runbook = readFileSync(join(__dirname, '../../docs/operations.md'), 'utf8');
    for (const name of referenced)
      expect({ name, named: runbook.includes(`\`${name}\``) }).toEqual({ name, named: true });
  });
});

it('production: Kafka admits the services only, through the policy Strimzi writes from its peers', () => {
  const [kafka] = of(render('production'), 'Kafka');
  expect(at(kafka, 'spec.kafka.listeners')).toEqual([
    expect.objectContaining({
      type: 'internal',
      networkPolicyPeers: [{ podSelector: { matchLabels: { 'spn/data-access': 'true' } } }],
    }),
  ]);
});

it('production: a KafkaTopic for every topic the services publish to, and no other', () => {
  // The services create their topics where they may (development); Strimzi's topic operator owns them in
  // production, so one missing here is a topic the relay cannot publish to.
  const names = of(render('production'), 'KafkaTopic').map((topic) => at(topic, 'spec.topicName'));
  expect(names.sort()).toEqual([...ALL_CONTEXT_TOPICS, RELAY_DEAD_LETTERS].sort());
});

it("production: the operators' schemas refuse a wrong value and a field they do not name", () => {
  const [topic] = of(render('production'), 'KafkaTopic');
  const validator = CRDS.get('kafka.strimzi.io/v1/KafkaTopic')!;
  expect(crdProblems(validator, topic)).toEqual([]);
  const wrong = structuredClone(topic) as unknown as { spec: Record<string, unknown> };
  wrong.spec['partitions'] = 'six';
  expect(crdProblems(validator, wrong)).toContainEqual(expect.stringMatching(/^#\/spec\/partitions: /));
  const unknown = structuredClone(topic) as unknown as { spec: Record<string, unknown> };
  unknown.spec['partition'] = 6;
  expect(crdProblems(validator, unknown)).toContainEqual(expect.stringContaining('"partition"'));
});

it("the runbook's point-in-time restore is a Cluster CloudNativePG accepts, from the production backups", () => {
  const runbook = readFileSync(join(__dirname, '../../docs/operations.md'), 'utf8');
  const [, block] =
    /```yaml\n(apiVersion: postgresql\.cnpg\.io\/v1\nkind: Cluster\n[\s\S]*?)```/.exec(runbook) ?? [];
  const restore = parse(block ?? '') as Manifest;
  expect(crdProblems(CRDS.get('postgresql.cnpg.io/v1/Cluster')!, restore)).toEqual([]);
  const [cluster] = of(render('production'), 'Cluster', 'spn-postgres');
  const source = at(restore, 'spec.externalClusters.0.barmanObjectStore') as Record<string, unknown>;
  const backup = at(cluster, 'spec.backup.barmanObjectStore') as Record<string, unknown>;
  expect(source['destinationPath']).toBe(backup['destinationPath']);
  expect(source['s3Credentials']).toEqual(backup['s3Credentials']);
  expect(at(restore, 'spec.bootstrap.recovery.recoveryTarget.targetTime')).toEqual(expect.any(String));
});
