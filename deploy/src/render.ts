import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const OVERLAYS = ['development', 'production'] as const;
export type Overlay = (typeof OVERLAYS)[number];

const OVERLAY_DIR = join(__dirname, '../kubernetes/overlays');

/** The overlay's manifests as YAML, rendered offline by the Kustomize built into kubectl. */
export function renderYaml(overlay: Overlay): string {
  return execFileSync('kubectl', ['kustomize', join(OVERLAY_DIR, overlay)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A Kubernetes object as rendered: only the fields every one has are typed. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

export const render = (overlay: Overlay): Manifest[] =>
  parseAllDocuments(renderYaml(overlay)).map((document) => document.toJS() as Manifest);

export const isOverlay = (name: string | undefined): name is Overlay =>
  (OVERLAYS as readonly string[]).includes(name ?? '');
