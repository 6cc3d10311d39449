import type { Manifest } from './render';

interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly configMapKeyRef?: { name: string; key: string; optional?: boolean };
    readonly secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}
interface Container {
  readonly name: string;
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly { configMapRef?: { name: string } }[];
}

/**
 * The environment Kubernetes gives a Deployment's container: its ConfigMaps (envFrom, then env), its
 * secrets' values from `secrets` (`<secret>/<key>`, what the region creates), and `$(NAME)` expanded
 * from the variables before it, as the kubelet does. A missing ConfigMap or required secret throws:
 * the pod would not start.
 */
export function containerEnvironment(
  manifests: readonly Manifest[],
  deployment: string,
  secrets: Readonly<Record<string, string>>,
): Record<string, string> {
  const found = manifests.find(
    (object) => object.kind === 'Deployment' && object.metadata.name === deployment,
  );
  if (!found) throw new Error(`no Deployment ${deployment}`);
  const [container] = (found['spec'] as { template: { spec: { containers: Container[] } } }).template.spec
    .containers;
  if (!container) throw new Error(`${deployment} has no container`);
  const configMap = (name: string): Record<string, string> => {
    const map = manifests.find((object) => object.kind === 'ConfigMap' && object.metadata.name === name);
    if (!map) throw new Error(`${deployment}: no ConfigMap ${name}`);
    return (map['data'] ?? {}) as Record<string, string>;
  };
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? [])
    if (source.configMapRef) Object.assign(env, configMap(source.configMapRef.name));
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    let value: string | undefined;
    if (variable.value !== undefined)
      value = variable.value.replace(
        /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
        (whole, name: string) => env[name] ?? whole,
      );
    else if (from?.configMapKeyRef) value = configMap(from.configMapKeyRef.name)[from.configMapKeyRef.key];
    else if (from?.secretKeyRef) value = secrets[`${from.secretKeyRef.name}/${from.secretKeyRef.key}`];
    const optional = from?.configMapKeyRef?.optional ?? from?.secretKeyRef?.optional ?? false;
    if (value === undefined && !optional) throw new Error(`${deployment}: nothing gives ${variable.name}`);
    if (value !== undefined) env[variable.name] = value;
  }
  return env;
}
