/**
 * Applying manifests, atomically, unlike `kubectl apply -f` with several documents: every document is
 * parsed, decoded strictly and dry-run through the API server first, and only when all pass is anything
 * written. A learner's half-applied file is a confusing state to teach from.
 */
import type { ApiServer } from '../api/apiserver';
import { ApiError, kubectlMessage } from '../api/errors';
import type { Kind, KubeObject } from '../api/types';
import { KIND_INFO } from '../api/types';
import type { ApplyResult, Diagnostic, Position } from '../base/diagnostics';
import { ScenarioError } from '../base/diagnostics';
import type { CheckedManifest } from './check';
import { apiErrorDiagnostic, checkManifest, namespaceOf, resourceName } from './check';
import { diagnosticAt, parseYaml } from './parse';

function failed(diagnostics: readonly Diagnostic[]): ApplyResult {
  return {
    ok: false,
    message: diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'),
    exitCode: 1,
    diagnostics,
  };
}

/** Parse, check and apply a YAML string of manifests (atomic). */
export function applyManifests(
  api: ApiServer,
  text: string,
  mapPosition?: (p: Position) => Position,
): ApplyResult {
  let docs;
  try {
    docs = parseYaml(text, mapPosition);
  } catch (e) {
    if (e instanceof ScenarioError) return failed(e.diagnostics);
    throw e;
  }
  if (docs.length === 0) return { ok: false, message: 'error: no objects passed to apply', exitCode: 1 };
  const errors: Diagnostic[] = [];
  const manifests: CheckedManifest[] = [];
  for (const d of docs) {
    const r = checkManifest(d, api);
    errors.push(...r.errors);
    if (r.manifest) manifests.push(r.manifest);
  }
  if (errors.length) return failed(errors);
  return applyChecked(api, manifests);
}

/** Canonical JSON (sorted keys) for comparing objects whatever order their fields were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Annotations written by controllers and tools, which an apply keeps (a real apply's three-way merge would). */
const SYSTEM_ANNOTATION_PREFIXES = ['deployment.kubernetes.io/', 'kubectl.kubernetes.io/', 'kubernetes.io/'];
/** Spec fields the server fills in and an applied manifest usually leaves out (kept unless given). */
const SERVER_SPEC_FIELDS: Partial<Record<Kind, readonly string[]>> = {
  Pod: ['nodeName'],
  Service: ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'],
};

/** The object an apply writes over `existing`: its labels, annotations and spec, keeping status. */
function mergeForApply(kind: Kind, existing: KubeObject, applied: KubeObject): KubeObject {
  const meta = applied.metadata ?? {};
  const kept = Object.entries(existing.metadata?.annotations ?? {}).filter(([k]) =>
    SYSTEM_ANNOTATION_PREFIXES.some((p) => k.startsWith(p)),
  );
  const annotations = { ...Object.fromEntries(kept), ...meta.annotations };
  const {
    resourceVersion: _rv,
    labels: _labels,
    annotations: _annotations,
    ...existingMeta
  } = existing.metadata ?? {};
  const metadata = {
    ...existingMeta,
    ...(meta.labels && Object.keys(meta.labels).length ? { labels: meta.labels } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
  const {
    metadata: _m,
    status: _s,
    apiVersion: _a,
    kind: _k,
    ...body
  } = applied as unknown as Record<string, unknown>;
  const serverFields = SERVER_SPEC_FIELDS[kind];
  const existingSpec = (existing as { spec?: Record<string, unknown> }).spec;
  if (serverFields && existingSpec) {
    const appliedSpec = (body.spec ?? {}) as Record<string, unknown>;
    const keep = Object.fromEntries(
      serverFields
        .filter((f) => existingSpec[f] !== undefined && appliedSpec[f] === undefined)
        .map((f) => [f, existingSpec[f]]),
    );
    body.spec = { ...keep, ...appliedSpec };
  }
  return {
    apiVersion: KIND_INFO[kind].apiVersion,
    kind,
    metadata,
    ...body,
    ...((existing as { status?: unknown }).status !== undefined
      ? { status: (existing as { status?: unknown }).status }
      : {}),
  } as KubeObject;
}

function sameDesiredState(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const {
      metadata,
      status: _s,
      apiVersion: _a,
      kind: _k,
      ...body
    } = o as unknown as Record<string, unknown>;
    const m = metadata as KubeObject['metadata'];
    return canonical({ labels: m?.labels ?? {}, annotations: m?.annotations ?? {}, body });
  };
  return strip(a) === strip(b);
}

interface PlannedWrite {
  readonly kind: Kind;
  readonly name: string;
  readonly action: 'create' | 'update' | 'unchanged';
  readonly object: KubeObject;
}

/**
 * Dry-run every checked manifest against the current store, then write them all. Namespaces go first so
 * that objects in a namespace created by the same apply find it.
 */
export function applyChecked(api: ApiServer, manifests: readonly CheckedManifest[]): ApplyResult {
  const ordered = [
    ...manifests.filter((m) => m.kind === 'Namespace'),
    ...manifests.filter((m) => m.kind !== 'Namespace'),
  ];
  const newNamespaces = new Set(
    ordered.filter((m) => m.kind === 'Namespace').map((m) => m.object.metadata?.name ?? ''),
  );
  const errors: Diagnostic[] = [];
  const plan: PlannedWrite[] = [];
  for (const m of ordered) {
    const ns = namespaceOf(m.kind, m.object);
    const name = m.object.metadata?.name ?? '';
    if (ns !== undefined && !api.get('Namespace', undefined, ns) && !newNamespaces.has(ns)) {
      errors.push(diagnosticAt(m.doc, ['metadata', 'namespace'], `namespaces "${ns}" not found`));
      continue;
    }
    const withNs = (
      ns !== undefined ? { ...m.object, metadata: { ...m.object.metadata, namespace: ns } } : m.object
    ) as KubeObject;
    const existing = api.get(m.kind, ns, name);
    if (!existing) {
      plan.push({ kind: m.kind, name, action: 'create', object: withNs });
      continue;
    }
    const next = mergeForApply(m.kind, existing, withNs);
    try {
      const prepared = api.prepare(m.kind, next as never, existing as never);
      plan.push({
        kind: m.kind,
        name,
        action: sameDesiredState(prepared, existing) ? 'unchanged' : 'update',
        object: next,
      });
    } catch (e) {
      if (e instanceof ApiError) errors.push(apiErrorDiagnostic(m.doc, e));
      else throw e;
    }
  }
  if (errors.length) return failed(errors);
  const lines: string[] = [];
  for (const w of plan) {
    try {
      if (w.action === 'create') {
        api.create(w.kind, w.object as never);
        lines.push(`${resourceName(w.kind, w.name)} created`);
      } else if (w.action === 'update') {
        api.update(w.kind, w.object as never);
        lines.push(`${resourceName(w.kind, w.name)} configured`);
      } else lines.push(`${resourceName(w.kind, w.name)} unchanged`);
    } catch (e) {
      // Only reachable if two documents name the same object; the dry run covered everything else.
      if (!(e instanceof ApiError)) throw e;
      lines.push(kubectlMessage(e, w.kind, w.name));
      return { ok: false, message: lines.join('\n'), exitCode: 1 };
    }
  }
  return { ok: true, message: lines.join('\n'), exitCode: 0 };
}
