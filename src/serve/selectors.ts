/**
 * List and watch filters: label selectors (labels.Parse's grammar, through the engine's parser) and field
 * selectors limited to the fields each kind's registry supports, as the API server checks them ("field
 * label not supported: ..." for any other).
 */
import type { FieldRequirement, Kind, KubeObject, Requirement } from '../engine';
import { fieldsMatch, labelsMatch, parseFieldSelector, parseLabelSelector } from '../engine';
import { badRequest } from './status';

/** Fields every kind supports, and the extra ones each registry adds (pkg/registry/.../strategy.go). */
const COMMON = ['metadata.name', 'metadata.namespace'];
const EXTRA: Partial<Record<Kind, readonly string[]>> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

export interface Filter {
  readonly labels: readonly Requirement[];
  readonly fields: readonly FieldRequirement[];
}

export function parseFilter(kind: Kind, labelSelector: string | null, fieldSelector: string | null): Filter {
  const labels = parseLabelSelector(labelSelector ?? '');
  if ('error' in labels) throw badRequest(labels.error.replace(/^error: /, ''));
  const fields = parseFieldSelector(fieldSelector ?? '');
  if ('error' in fields) throw badRequest(fields.error.replace(/^error: /, ''));
  const allowed = [...COMMON, ...(EXTRA[kind] ?? [])];
  for (const r of fields.requirements) {
    if (!allowed.includes(r.field)) throw badRequest(`field label not supported: ${r.field}`);
  }
  return { labels: labels.requirements, fields: fields.requirements };
}

/** An Event's `source` field is its source.component, as the event registry's field set has it. */
function fieldView(o: KubeObject): unknown {
  if (o.kind !== 'Event') return o;
  const source = (o as { source?: { component?: string } }).source?.component ?? '';
  return { ...o, source };
}

export function matches(filter: Filter, o: KubeObject | undefined): boolean {
  if (!o) return false;
  return labelsMatch(filter.labels, o.metadata?.labels) && fieldsMatch(filter.fields, fieldView(o));
}
