/**
 * A first, plain view of the simulated cluster: nodes with their pods, refreshed from the engine worker.
 * The animated graph, editor and fault tools replace it in the app issue; the accessible names already
 * follow contract 3 of the architecture (Node <name> <condition>, Pod <name> <STATUS> ready/not ready).
 */
import { useEffect, useRef, useState } from 'react';
import type { EngineClient } from '../worker/client';
import { startEngine } from '../worker/client';
import type { FromWorker } from '../worker/protocol';

type Frame = Extract<FromWorker, { type: 'frame' }>;

function formatTime(t: number): string {
  const m = Math.floor(t / 60);
  const s = Math.floor(t % 60);
  return `${m}m${String(s).padStart(2, '0')}s`;
}

export function App() {
  const [frame, setFrame] = useState<Frame | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [playing, setPlaying] = useState(true);
  const engine = useRef<EngineClient | null>(null);

  useEffect(() => {
    const client = startEngine((m) => {
      if (m.type === 'frame') setFrame(m);
      else setError(m.message);
    });
    engine.current = client;
    client.send({ type: 'start', speed: 4 });
    return () => client.dispose();
  }, []);

  const toggle = () => {
    engine.current?.send(playing ? { type: 'pause' } : { type: 'start', speed: 4 });
    setPlaying(!playing);
  };

  return (
    <main className="app">
      <header>
        <h1>Setpoint</h1>
        <p>A simulated Kubernetes cluster. Desired state in, reconciliation loop at work.</p>
        <div className="controls">
          <button type="button" onClick={toggle}>
            {playing ? 'Pause' : 'Play'}
          </button>
          <span aria-live="off" className="clock">
            Simulated time {frame ? formatTime(frame.t) : '0m00s'}
          </span>
        </div>
      </header>
      {error && (
        <div role="alert" className="error">
          {error}
        </div>
      )}
      {!frame && !error && <p>Starting the cluster…</p>}
      {frame && (
        <section className="nodes" aria-label="Worker nodes">
          {frame.nodes.map((n) => (
            <article
              key={n.name}
              className="node"
              aria-label={`Node ${n.name} ${n.ready === 'True' ? 'Ready' : n.ready === 'Unknown' ? 'Unknown' : 'NotReady'}`}
            >
              <h2>
                {n.name}{' '}
                <small>{n.ready === 'True' ? 'Ready' : n.ready === 'Unknown' ? 'Unknown' : 'NotReady'}</small>
              </h2>
              <ul>
                {frame.pods
                  .filter((p) => p.node === n.name)
                  .map((p) => (
                    <li
                      key={p.name}
                      aria-label={`Pod ${p.name} ${p.status} ${p.ready ? 'ready' : 'not ready'}`}
                      className={`pod ${p.ready ? 'ready' : ''}`}
                    >
                      {p.name} <span>{p.status}</span>
                      {p.restarts > 0 && <span> ({p.restarts} restarts)</span>}
                    </li>
                  ))}
              </ul>
            </article>
          ))}
          <article className="node pending" aria-label="Pods waiting for a node">
            <h2>Pending</h2>
            <ul>
              {frame.pods
                .filter((p) => p.node === null)
                .map((p) => (
                  <li key={p.name} aria-label={`Pod ${p.name} ${p.status} not ready`} className="pod">
                    {p.name} <span>{p.status}</span>
                  </li>
                ))}
            </ul>
          </article>
        </section>
      )}
    </main>
  );
}
