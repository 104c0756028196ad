/**
 * Development harness (served by `vite` from e2e/harness/graph.html, never part of the build): runs an
 * example scenario on the main thread and draws it with ClusterGraph and Inspector, so the graph can be
 * looked at and screenshot before the app shell wires the worker. Query: ?scenario=node-loss&until=200
 * &play=1&speed=4&select=Node/node-2&nodes=50&pods=1000 (a synthetic large cluster).
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Fault, Kind, KubeObject, Simulation } from '../../../engine';
import { applyInput, loadSimulation } from '../../../engine';
import type { ClusterMirror } from '../../../state/mirror';
import { Inspector } from '../../inspector/Inspector';
import { ClusterGraph } from '../ClusterGraph';

const files = import.meta.glob('../../../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const params = new URLSearchParams(location.search);

function bigScenario(nodes: number, pods: number): string {
  const nodeList = Array.from(
    { length: nodes },
    (_, i) =>
      `    - { name: node-${i + 1}, capacity: { cpu: '64', memory: 256Gi, pods: '110' }, labels: { topology.kubernetes.io/zone: zone-${'abc'[i % 3]} } }`,
  ).join('\n');
  return `apiVersion: setpoint.dev/v1alpha1
kind: Scenario
metadata: { name: big }
spec:
  nodes:
${nodeList}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${pods}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: 'web:1.0', resources: { requests: { cpu: 50m, memory: 64Mi } } }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`;
}

function mirrorOf(sim: Simulation): ClusterMirror {
  const snap = sim.store.snapshot();
  const objects = new Map<string, KubeObject>();
  for (const [kind, m] of snap.objects) for (const [name, o] of m) objects.set(`${kind as Kind}/${name}`, o);
  return { t: sim.now, objects, runtime: new Map(snap.runtime) };
}

const nodesParam = Number(params.get('nodes') ?? 0);
const text = nodesParam
  ? bigScenario(nodesParam, Number(params.get('pods') ?? 200))
  : (files[`../../../../examples/${params.get('scenario') ?? 'self-healing'}.yaml`] ?? '');
const { sim } = loadSimulation(text);
sim.runUntil(Number(params.get('until') ?? 20));

function Harness() {
  const [mirror, setMirror] = useState(() => mirrorOf(sim));
  const [selected, setSelected] = useState<string | null>(params.get('select'));
  useEffect(() => {
    if (params.get('play') !== '1') return;
    const speed = Number(params.get('speed') ?? 2);
    let last = performance.now();
    let id = requestAnimationFrame(function tick(now) {
      sim.runUntil(sim.now + ((now - last) / 1000) * speed);
      last = now;
      setMirror(mirrorOf(sim));
      id = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(id);
  }, []);
  const onFault = (fault: Fault) => {
    applyInput(sim, { type: 'fault', fault });
    setMirror(mirrorOf(sim));
  };
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 380px', height: '100vh', margin: 0 }}>
      <div style={{ height: '100vh' }}>
        <ClusterGraph mirror={mirror} selected={selected} onSelect={setSelected} onFault={onFault} />
      </div>
      <div style={{ height: '100vh', overflow: 'auto', borderLeft: '1px solid #c8cfd9' }}>
        <Inspector mirror={mirror} selectedKey={selected} />
      </div>
    </div>
  );
}

document.body.style.margin = '0';
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
