import { describe, expect, it } from 'vitest';
import type { KubeObject, Simulation } from '../../engine';
import { loadSimulation } from '../../engine';
import { manifestsOf } from '../../worker/scenarioText';
import { lineDiff, overlay, planApply, unifiedDiff } from './diff';

const examples = import.meta.glob('../../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function mirrorOf(sim: Simulation): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  for (const [kind, m] of sim.store.snapshot().objects)
    for (const [name, o] of m) out.set(`${kind}/${name}`, o);
  return out;
}

function started(file: string, until = 30) {
  const text = examples[`../../../examples/${file}`] ?? '';
  const { sim } = loadSimulation(text);
  sim.runUntil(until);
  return { sim, manifests: manifestsOf(text) };
}

describe('unified diff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb', 'a\nb', 'x', 'y')).toBe('');
  });

  it('prints hunks with three lines of context, like diff -u', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n');
    const after = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10'].join('\n');
    expect(unifiedDiff(before, after, 'LIVE/x', 'MERGED/x')).toBe(
      ['--- LIVE/x', '+++ MERGED/x', '@@ -2,7 +2,7 @@', '2', '3', '4', '-5', '+five', '6', '7', '8']
        .map((l, i) => (i > 2 && !/^[-+]/.test(l) ? ` ${l}` : l))
        .join('\n'),
    );
  });

  it('splits far-apart changes into separate hunks and counts from zero for a new file', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = [...a];
    b[1] = 'x';
    b[18] = 'y';
    const d = unifiedDiff(a.join('\n'), b.join('\n'), 'a', 'b');
    expect(d.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
    expect(unifiedDiff('', 'a\nb', '/dev/null', 'b').split('\n')[2]).toBe('@@ -0,0 +1,2 @@');
  });

  it('finds a minimal line script', () => {
    const ops = lineDiff(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e']);
    expect(ops.map((o) => `${o.type}${o.text}`)).toEqual([' a', '-b', ' c', ' d', '+e']);
  });
});

describe('overlay', () => {
  it('keeps defaults the YAML leaves out, takes lists at the YAML length, merges named elements', () => {
    const live = {
      replicas: 3,
      strategy: { type: 'RollingUpdate' },
      containers: [
        { name: 'a', image: 'a:1', imagePullPolicy: 'IfNotPresent' },
        { name: 'b', image: 'b:1' },
      ],
      selector: { matchLabels: { app: 'x', old: 'y' } },
    };
    const applied = {
      replicas: 5,
      containers: [{ name: 'a', image: 'a:2' }],
      selector: { matchLabels: { app: 'x' } },
    };
    expect(overlay(live, applied)).toEqual({
      replicas: 5,
      strategy: { type: 'RollingUpdate' },
      containers: [{ name: 'a', image: 'a:2', imagePullPolicy: 'IfNotPresent' }],
      selector: { matchLabels: { app: 'x' } },
    });
  });

  it('treats a quantity written as a number like the same quantity as a string', () => {
    expect(overlay({ cpu: '1' }, { cpu: 1 })).toEqual({ cpu: '1' });
  });
});

describe('planApply against a running cluster', () => {
  const files = Object.keys(examples).map((f) => f.replace('../../../examples/', ''));

  it.each(files)('%s: the scenario’s own manifests change nothing once applied', (file) => {
    const { sim, manifests } = started(file);
    const plan = planApply(manifests, mirrorOf(sim));
    expect(plan.problems).toEqual([]);
    // Anything the scenario's timeline already changed may differ; everything else is unchanged.
    const changed = plan.changes.filter((c) => c.action !== 'unchanged');
    for (const c of changed) expect(c.diff, `${file}: ${c.name}`).not.toBe('');
    expect(changed.map((c) => `${c.name}\n${c.diff}`)).toEqual([]);
  });

  it('shows a replica change as one changed line and a new object as created', () => {
    const { sim, manifests } = started('self-healing.yaml');
    const edited = manifests.replace(/replicas: 3/, 'replicas: 5');
    const extra = `${edited}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: "1"}\n`;
    const plan = planApply(extra, mirrorOf(sim));
    const shop = plan.changes.find((c) => c.name === 'deployment.apps/shop');
    expect(shop?.action).toBe('change');
    expect(shop?.diff).toContain('-  replicas: 3\n+  replicas: 5');
    expect([shop?.added, shop?.removed]).toEqual([1, 1]);
    const cm = plan.changes.find((c) => c.name === 'configmap/extra');
    expect(cm).toMatchObject({ action: 'create', key: 'ConfigMap/default/extra', namespace: 'default' });
    expect(cm?.diff).toContain('+kind: ConfigMap');
  });

  it('shows a removed label as a removal, and keeps system annotations', () => {
    const live = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        namespace: 'default',
        uid: 'u-1',
        resourceVersion: '7',
        labels: { app: 'shop', tier: 'web' },
        annotations: { 'kubernetes.io/description': 'kept' },
      },
      data: { a: '1' },
    } as unknown as KubeObject;
    const plan = planApply(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {app: shop}}\ndata: {a: "1"}\n',
      new Map([['ConfigMap/default/c', live]]),
    );
    expect(plan.changes[0]).toMatchObject({ action: 'change', added: 0, removed: 1 });
    expect(plan.changes[0]?.diff).toContain('-    tier: web');
    expect(plan.changes[0]?.diff).not.toContain('uid');
  });

  it('reports documents it cannot read, with positions', () => {
    const plan = planApply('apiVersion: v1\nkind: Widget\nmetadata: {name: a}\n---\nfoo: [\n', new Map());
    expect(plan.problems[0]?.line).toBe(1);
    expect(plan.problems[1]?.line).toBeGreaterThanOrEqual(5);
    expect(plan.problems[0]?.message).toContain('Widget');
  });
});
