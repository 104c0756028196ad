/**
 * Why a Deployment looks the way it does: the rollout arithmetic (maxSurge and maxUnavailable turned into
 * pod counts, as ResolveFenceposts does), its ReplicaSets old and new, where a rollout waits and why, and
 * the progress deadline.
 */
import { resolveFenceposts } from '../../../engine/controllers/deployment/fenceposts';
import type { Deployment, Pod, ReplicaSet } from '../../../engine/api/types';
import type { ClusterMirror } from '../../../state/mirror';
import { podStatusWord, simTime } from '../../graph/model';
import type { Countdown, Explanation, Section, Tone } from './common';
import { conditionsTable, countdown, plural, storyOf } from './common';

function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function part(
  field: 'maxSurge' | 'maxUnavailable',
  spec: number | string,
  replicas: number,
  value: number,
): string {
  if (typeof spec === 'string' && spec.endsWith('%')) {
    const exact = (Number(spec.slice(0, -1)) * replicas) / 100;
    const how = field === 'maxSurge' ? 'rounded up' : 'rounded down';
    return exact === value
      ? `${field} ${spec} of ${plural(replicas, 'replica')} = ${value}`
      : `${field} ${spec} of ${plural(replicas, 'replica')} = ${num(exact)}, ${how} to ${value}`;
  }
  return `${field} ${spec}`;
}

/**
 * The rollout arithmetic in sentences, e.g. for 10 replicas and the 25 %/25 % defaults:
 * "13 pods at most = 10 + maxSurge 3." and "At least 8 must stay available = 10 - maxUnavailable 2."
 */
export function rolloutArithmetic(d: Deployment): string[] {
  const replicas = d.spec?.replicas ?? 1;
  if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'Recreate') {
    return [
      'Strategy Recreate: every old pod is stopped before any new pod starts, so the app is unavailable for a moment during each rollout.',
    ];
  }
  const ru = d.spec?.strategy?.rollingUpdate;
  const surgeSpec = ru?.maxSurge ?? '25%';
  const unavailableSpec = ru?.maxUnavailable ?? '25%';
  const { surge, unavailable: raw } = resolveFenceposts(surgeSpec, unavailableSpec, replicas);
  const unavailable = replicas === 0 ? 0 : Math.min(raw, replicas);
  const lines = [
    `${part('maxSurge', surgeSpec, replicas, surge)}; ${part('maxUnavailable', unavailableSpec, replicas, raw)}.`,
  ];
  if (surge === 0 && raw === 1 && !(unavailableSpec === 1 || unavailableSpec === '1')) {
    const rounded = typeof unavailableSpec === 'string' && unavailableSpec.endsWith('%');
    if (rounded)
      lines.push('Both came out as 0, so maxUnavailable becomes 1: a rollout must be able to move.');
  }
  lines.push(`${replicas + surge} pods at most = ${replicas} + maxSurge ${surge}.`);
  lines.push(
    `At least ${replicas - unavailable} must stay available = ${replicas} - maxUnavailable ${unavailable}.`,
  );
  if (unavailable === 0) {
    lines.push(
      `So no old pod goes until a new one is available: the rollout adds up to ${plural(surge, 'new pod')}, waits for ${surge === 1 ? 'it' : 'them'} to become available, then removes as many old ones.`,
    );
  } else if (surge === 0) {
    lines.push(
      `So the rollout first removes up to ${plural(unavailable, 'old pod')}, then creates new ones in their place.`,
    );
  } else {
    lines.push(
      `So the rollout may add up to ${plural(surge, 'new pod')} beyond ${replicas} and take down up to ${plural(unavailable, 'old pod')} at a time.`,
    );
  }
  return lines;
}

function revisionOf(o: { metadata?: { annotations?: Record<string, string> } }): number {
  const n = Number(o.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '0');
  return Number.isInteger(n) ? n : 0;
}

/** The Deployment's ReplicaSets, newest revision first, and which one is the new one. */
export function replicaSetsOf(
  mirror: ClusterMirror,
  d: Deployment,
): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
  const uid = d.metadata?.uid;
  const ns = d.metadata?.namespace ?? 'default';
  const all: ReplicaSet[] = [];
  for (const [key, o] of mirror.objects) {
    if (!key.startsWith(`ReplicaSet/${ns}/`)) continue;
    const ref = o.metadata?.ownerReferences?.find((r) => r.controller);
    if (ref?.kind === 'Deployment' && (ref.uid === uid || ref.name === d.metadata?.name))
      all.push(o as ReplicaSet);
  }
  all.sort((a, b) => revisionOf(b) - revisionOf(a));
  const rev = revisionOf(d);
  const newRS = all.find((r) => revisionOf(r) === rev) ?? all[0];
  return { newRS, oldRSs: all.filter((r) => r !== newRS) };
}

function podsOf(mirror: ClusterMirror, rs: ReplicaSet): Pod[] {
  const out: Pod[] = [];
  const ns = rs.metadata?.namespace ?? 'default';
  for (const [key, o] of mirror.objects) {
    if (!key.startsWith(`Pod/${ns}/`)) continue;
    const ref = o.metadata?.ownerReferences?.find((r) => r.controller);
    if (ref?.kind === 'ReplicaSet' && ref.name === rs.metadata?.name && !o.metadata?.deletionTimestamp)
      out.push(o as Pod);
  }
  return out;
}

function statusCounts(pods: readonly Pod[]): string {
  const counts = new Map<string, number>();
  for (const p of pods) {
    const s = podStatusWord(p);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

/** Where the rollout stands and, when it waits, what it waits for. */
export function rolloutState(
  mirror: ClusterMirror,
  d: Deployment,
): { headline: string; tone: Tone; lines: string[] } {
  const name = d.metadata?.name ?? '';
  const replicas = d.spec?.replicas ?? 1;
  const st = d.status ?? {};
  const { newRS, oldRSs } = replicaSetsOf(mirror, d);
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  const activeOld = oldRSs.filter((r) => (r.spec?.replicas ?? 0) > 0 || (r.status?.replicas ?? 0) > 0);
  const lines: string[] = [];
  const newName = newRS?.metadata?.name ?? '';
  const newPods = newRS ? podsOf(mirror, newRS) : [];
  const newSpec = newRS?.spec?.replicas ?? 0;
  const newAvailable = newRS?.status?.availableReplicas ?? 0;
  lines.push(
    `Wants ${plural(replicas, 'pod')}: ${st.readyReplicas ?? 0} ready, ${st.updatedReplicas ?? 0} up to date (revision ${revisionOf(d)}), ${st.availableReplicas ?? 0} available.`,
  );
  if (newRS && newPods.length) lines.push(`New ReplicaSet ${newName}: ${statusCounts(newPods)}.`);
  for (const r of activeOld) {
    const pods = podsOf(mirror, r);
    lines.push(
      `Old ReplicaSet ${r.metadata?.name ?? ''} (revision ${revisionOf(r)}): ${r.spec?.replicas ?? 0} wanted${pods.length ? `, ${statusCounts(pods)}` : ''}.`,
    );
  }
  if (d.spec?.paused) {
    return {
      headline: `Paused: the Deployment controller only scales ${name}, it does not roll out changes.`,
      tone: 'info',
      lines,
    };
  }
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    lines.push(
      `Kubernetes does not roll back by itself: the rollout keeps waiting. Roll back with kubectl rollout undo deployment/${name}, or fix the template.`,
    );
    return {
      headline: `Stalled: no progress for ${d.spec?.progressDeadlineSeconds ?? 600}s, so the rollout is marked ProgressDeadlineExceeded. New pods of ${newName} are not becoming available.`,
      tone: 'problem',
      lines,
    };
  }
  const complete =
    (st.updatedReplicas ?? 0) === replicas &&
    (st.replicas ?? 0) === replicas &&
    (st.availableReplicas ?? 0) === replicas;
  if (complete) {
    return {
      headline: `Converged: all ${plural(replicas, 'pod')} run revision ${revisionOf(d)} and are available.`,
      tone: 'ok',
      lines,
    };
  }
  if (activeOld.length > 0 && newRS && newAvailable < newSpec) {
    const total = [newRS, ...oldRSs].reduce((n, r) => n + (r.spec?.replicas ?? 0), 0);
    const ru = d.spec?.strategy?.rollingUpdate;
    const { surge } = resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', replicas);
    const full = total >= replicas + surge;
    lines.push(
      `Old pods go only when new ones become available${full ? `, and ${plural(total, 'pod')} already fill the limit of ${replicas + surge}, so no more new pods can start` : ''}.`,
    );
    return {
      headline: `Rolling out, waiting for new pods: ${newName} has ${plural(newSpec, 'pod')} wanted, ${newAvailable} available.`,
      tone: 'progress',
      lines,
    };
  }
  if (activeOld.length > 0) {
    return {
      headline: `Rolling out: replacing old pods with revision ${revisionOf(d)}, a few at a time.`,
      tone: 'progress',
      lines,
    };
  }
  return {
    headline: `Closing the gap: ${st.readyReplicas ?? 0} of ${replicas} ready; the ReplicaSet controller and the scheduler are working on the rest.`,
    tone: 'progress',
    lines,
  };
}

/** The progress deadline: when ProgressDeadlineExceeded will be set if nothing progresses. */
export function deadlineCountdown(mirror: ClusterMirror, d: Deployment): Countdown | null {
  const p = d.status?.conditions?.find((c) => c.type === 'Progressing');
  const deadline = d.spec?.progressDeadlineSeconds ?? 600;
  if (!p || p.status !== 'True' || p.reason === 'NewReplicaSetAvailable') return null;
  const last = simTime(p.lastUpdateTime ?? p.lastTransitionTime);
  if (!Number.isFinite(last)) return null;
  return countdown(
    'Progress deadline',
    last + deadline,
    mirror.t,
    `If no pod becomes available or ready for ${deadline}s, Kubernetes marks the rollout ProgressDeadlineExceeded. It does not roll back.`,
  );
}

export function explainDeployment(
  mirror: ClusterMirror,
  namespace: string,
  name: string,
): Explanation | null {
  const d = mirror.objects.get(`Deployment/${namespace}/${name}`) as Deployment | undefined;
  if (!d) return null;
  const state = rolloutState(mirror, d);
  const { newRS, oldRSs } = replicaSetsOf(mirror, d);
  const sections: Section[] = [
    { type: 'text', heading: 'Where it stands', lines: state.lines },
    { type: 'text', heading: 'Rollout arithmetic', lines: rolloutArithmetic(d) },
  ];
  const deadline = deadlineCountdown(mirror, d);
  if (deadline) sections.push({ type: 'countdowns', heading: 'Deadline', items: [deadline] });
  sections.push({
    type: 'table',
    heading: 'ReplicaSets',
    columns: ['Name', 'Revision', 'Role', 'Desired', 'Current', 'Ready', 'Available', 'Image'],
    rows: [newRS, ...oldRSs]
      .filter((r): r is ReplicaSet => r !== undefined)
      .map((r) => [
        r.metadata?.name ?? '',
        String(revisionOf(r)),
        r === newRS ? 'new' : 'old',
        String(r.spec?.replicas ?? 0),
        String(r.status?.replicas ?? 0),
        String(r.status?.readyReplicas ?? 0),
        String(r.status?.availableReplicas ?? 0),
        (r.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(', '),
      ]),
  });
  sections.push(conditionsTable('Conditions', d.status?.conditions));
  sections.push({ type: 'story', heading: 'Events', items: storyOf(mirror, d) });
  return { kind: 'Deployment', name, headline: state.headline, tone: state.tone, sections };
}

export function explainReplicaSet(
  mirror: ClusterMirror,
  namespace: string,
  name: string,
): Explanation | null {
  const rs = mirror.objects.get(`ReplicaSet/${namespace}/${name}`) as ReplicaSet | undefined;
  if (!rs) return null;
  const desired = rs.spec?.replicas ?? 1;
  const current = rs.status?.replicas ?? 0;
  const ready = rs.status?.readyReplicas ?? 0;
  const owner = rs.metadata?.ownerReferences?.find((o) => o.controller);
  const pods = podsOf(mirror, rs);
  const lines = [
    `Keeps ${plural(desired, 'identical pod')} running (revision ${revisionOf(rs)}${owner ? ` of ${owner.kind} ${owner.name}` : ''}).`,
    `Now ${current} current, ${ready} ready, ${rs.status?.availableReplicas ?? 0} available.`,
  ];
  if (pods.length) lines.push(`Its pods: ${statusCounts(pods)}.`);
  const gap = desired !== current || ready !== desired;
  return {
    kind: 'ReplicaSet',
    name,
    headline: gap
      ? `Closing the gap: ${current} of ${desired} pods exist, ${ready} ready. A missing pod is created at once; an extra one is deleted.`
      : desired === 0
        ? 'Scaled to 0: kept as rollout history, so a rollback can reuse it.'
        : `All ${plural(desired, 'pod')} exist and are ready.`,
    tone: gap ? 'progress' : 'ok',
    sections: [
      { type: 'text', heading: 'Where it stands', lines },
      conditionsTable('Conditions', rs.status?.conditions),
      { type: 'story', heading: 'Events', items: storyOf(mirror, rs) },
    ],
  };
}
