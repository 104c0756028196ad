/**
 * Why a Deployment looks the way it does: the rollout arithmetic (maxSurge and maxUnavailable turned into
 * pod counts, as ResolveFenceposts does), its ReplicaSets old and new, where a rollout waits and why, and
 * the progress deadline.
 */
import type { Deployment, Pod, ReplicaSet } from '../../../engine';
import { resolveFenceposts } from '../../../engine';
import type { ClusterMirror } from '../../../state/mirror';
import { podStatusWord, simTime } from '../../graph/model';
import { explainStrings } from '../../../strings/explain';
import type { Countdown, Explanation, Section, Tone } from './common';
import { conditionsTable, countdown, storyOf } from './common';

const S = explainStrings.deployment;

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
    return exact === value
      ? S.percentExact(field, spec, replicas, value)
      : S.percentRounded(field, spec, replicas, num(exact), value);
  }
  return S.fixed(field, spec);
}

/**
 * The rollout arithmetic in sentences, e.g. for 10 replicas and the 25 %/25 % defaults:
 * "13 pods at most = 10 + maxSurge 3." and "At least 8 must stay available = 10 - maxUnavailable 2."
 */
export function rolloutArithmetic(d: Deployment): string[] {
  const replicas = d.spec?.replicas ?? 1;
  if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'Recreate') {
    return [S.recreate];
  }
  const ru = d.spec?.strategy?.rollingUpdate;
  const surgeSpec = ru?.maxSurge ?? '25%';
  const unavailableSpec = ru?.maxUnavailable ?? '25%';
  const { surge, unavailable: raw } = resolveFenceposts(surgeSpec, unavailableSpec, replicas);
  const unavailable = replicas === 0 ? 0 : Math.min(raw, replicas);
  const lines: string[] = [
    S.limits(
      part('maxSurge', surgeSpec, replicas, surge),
      part('maxUnavailable', unavailableSpec, replicas, raw),
    ),
  ];
  if (surge === 0 && raw === 1 && !(unavailableSpec === 1 || unavailableSpec === '1')) {
    const rounded = typeof unavailableSpec === 'string' && unavailableSpec.endsWith('%');
    if (rounded) lines.push(S.bothZero);
  }
  lines.push(S.atMost(replicas, surge));
  lines.push(S.atLeast(replicas, unavailable));
  if (unavailable === 0) lines.push(S.surgeOnly(surge));
  else if (surge === 0) lines.push(S.unavailableOnly(unavailable));
  else lines.push(S.surgeAndUnavailable(surge, replicas, unavailable));
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
  return S.statusCounts([...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
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
    S.wants(
      replicas,
      st.readyReplicas ?? 0,
      st.updatedReplicas ?? 0,
      revisionOf(d),
      st.availableReplicas ?? 0,
    ),
  );
  if (newRS && newPods.length) lines.push(S.newReplicaSet(newName, statusCounts(newPods)));
  for (const r of activeOld) {
    const pods = podsOf(mirror, r);
    lines.push(
      S.oldReplicaSet(
        r.metadata?.name ?? '',
        revisionOf(r),
        r.spec?.replicas ?? 0,
        pods.length ? statusCounts(pods) : '',
      ),
    );
  }
  if (d.spec?.paused) return { headline: S.paused(name), tone: 'info', lines };
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    lines.push(S.noRollback(name));
    return {
      headline: S.stalled(d.spec?.progressDeadlineSeconds ?? 600, newName),
      tone: 'problem',
      lines,
    };
  }
  const complete =
    (st.updatedReplicas ?? 0) === replicas &&
    (st.replicas ?? 0) === replicas &&
    (st.availableReplicas ?? 0) === replicas;
  if (complete) return { headline: S.converged(replicas, revisionOf(d)), tone: 'ok', lines };
  if (activeOld.length > 0 && newRS && newAvailable < newSpec) {
    const total = [newRS, ...oldRSs].reduce((n, r) => n + (r.spec?.replicas ?? 0), 0);
    const ru = d.spec?.strategy?.rollingUpdate;
    const { surge } = resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', replicas);
    const full = total >= replicas + surge;
    lines.push(S.oldGoWhenNewAvailable(full ? { pods: total, limit: replicas + surge } : null));
    return { headline: S.waitingForNew(newName, newSpec, newAvailable), tone: 'progress', lines };
  }
  if (activeOld.length > 0) return { headline: S.rollingOut(revisionOf(d)), tone: 'progress', lines };
  return { headline: S.closingGap(st.readyReplicas ?? 0, replicas), tone: 'progress', lines };
}

/** The progress deadline: when ProgressDeadlineExceeded will be set if nothing progresses. */
export function deadlineCountdown(mirror: ClusterMirror, d: Deployment): Countdown | null {
  const p = d.status?.conditions?.find((c) => c.type === 'Progressing');
  const deadline = d.spec?.progressDeadlineSeconds ?? 600;
  if (!p || p.status !== 'True' || p.reason === 'NewReplicaSetAvailable') return null;
  const last = simTime(p.lastUpdateTime ?? p.lastTransitionTime);
  if (!Number.isFinite(last)) return null;
  return countdown(S.progressDeadline, last + deadline, mirror.t, S.progressDeadlineDetail(deadline));
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
    { type: 'text', heading: explainStrings.headings.whereItStands, lines: state.lines },
    { type: 'text', heading: S.headings.rolloutArithmetic, lines: rolloutArithmetic(d) },
  ];
  const deadline = deadlineCountdown(mirror, d);
  if (deadline) sections.push({ type: 'countdowns', heading: S.headings.deadline, items: [deadline] });
  sections.push({
    type: 'table',
    heading: S.headings.replicaSets,
    columns: S.replicaSetColumns,
    rows: [newRS, ...oldRSs]
      .filter((r): r is ReplicaSet => r !== undefined)
      .map((r) => [
        r.metadata?.name ?? '',
        String(revisionOf(r)),
        r === newRS ? S.roleNew : S.roleOld,
        String(r.spec?.replicas ?? 0),
        String(r.status?.replicas ?? 0),
        String(r.status?.readyReplicas ?? 0),
        String(r.status?.availableReplicas ?? 0),
        (r.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(', '),
      ]),
  });
  sections.push(conditionsTable(d.status?.conditions));
  sections.push({ type: 'story', heading: explainStrings.headings.events, items: storyOf(mirror, d) });
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
  const R = explainStrings.replicaSet;
  const lines = [
    R.keeps(desired, revisionOf(rs), owner),
    R.now(current, ready, rs.status?.availableReplicas ?? 0),
  ];
  if (pods.length) lines.push(R.itsPods(statusCounts(pods)));
  const gap = desired !== current || ready !== desired;
  return {
    kind: 'ReplicaSet',
    name,
    headline: gap
      ? R.closingGap(current, desired, ready)
      : desired === 0
        ? R.scaledToZero
        : R.allReady(desired),
    tone: gap ? 'progress' : 'ok',
    sections: [
      { type: 'text', heading: explainStrings.headings.whereItStands, lines },
      conditionsTable(rs.status?.conditions),
      { type: 'story', heading: explainStrings.headings.events, items: storyOf(mirror, rs) },
    ],
  };
}
