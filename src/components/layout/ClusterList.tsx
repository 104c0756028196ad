/**
 * A plain, accessible view of the cluster: each node with its pods. The stand-in for the animated graph
 * (graph/ClusterGraph.tsx) while it does not exist; names follow contract 3 (`Node <name> <condition>`,
 * `Pod <name> <STATUS> ready|not ready`). Pods are buttons that select the pod for the details panel.
 */
import { memo, useMemo } from 'react';
import type { ClusterMirror } from '../../state/mirror';
import type { PodRow } from '../../state/selectors';
import { nodesWithPods } from '../../state/selectors';
import { S } from '../../strings';

interface Props {
  mirror: ClusterMirror;
  selected?: string;
  onSelect(key: string): void;
}

function statusClass(p: PodRow): string {
  if (p.terminating) return 'terminating';
  if (p.ready) return 'ready';
  if (/BackOff|Err|Error|OOMKilled|Unknown/.test(p.status)) return 'failing';
  return 'waiting';
}

const PodItem = memo(function PodItem(props: {
  pod: PodRow;
  selected: boolean;
  onSelect(key: string): void;
}) {
  const p = props.pod;
  return (
    <li>
      <button
        type="button"
        className={`pod ${statusClass(p)} ${props.selected ? 'selected' : ''}`}
        aria-label={`Pod ${p.name} ${p.status} ${p.ready ? 'ready' : 'not ready'}`}
        aria-pressed={props.selected}
        onClick={() => props.onSelect(p.key)}
      >
        <span className="pod-name">{p.name}</span>
        <span className="pod-status">{p.status}</span>
        {p.restarts > 0 && <span className="pod-restarts">{S.restarts(p.restarts)}</span>}
      </button>
    </li>
  );
});

export function ClusterList({ mirror, selected, onSelect }: Props) {
  const { nodes, unscheduled } = useMemo(() => nodesWithPods(mirror), [mirror]);
  return (
    <div className="cluster-list">
      <ul className="node-grid" aria-label={S.nodesList}>
        {nodes.map((n) => (
          <li
            key={n.key}
            className={`node-card ${n.condition.toLowerCase()} ${selected === n.key ? 'selected' : ''}`}
          >
            <section aria-label={`Node ${n.name} ${n.condition}`}>
              <button
                type="button"
                className="node-title"
                aria-pressed={selected === n.key}
                onClick={() => onSelect(n.key)}
              >
                <span className="node-name">{n.name}</span>
                <span className={`condition ${n.condition.toLowerCase()}`}>{n.condition}</span>
                {n.unschedulable && <span className="badge">SchedulingDisabled</span>}
              </button>
              {n.pods.length === 0 ? (
                <p className="empty">{S.noPods}</p>
              ) : (
                <ul className="pods">
                  {n.pods.map((p) => (
                    <PodItem key={p.key} pod={p} selected={selected === p.key} onSelect={onSelect} />
                  ))}
                </ul>
              )}
            </section>
          </li>
        ))}
        {unscheduled.length > 0 && (
          <li className="node-card pending">
            <section aria-label={S.unscheduled}>
              <h3 className="node-title static">{S.unscheduled}</h3>
              <ul className="pods">
                {unscheduled.map((p) => (
                  <PodItem key={p.key} pod={p} selected={selected === p.key} onSelect={onSelect} />
                ))}
              </ul>
            </section>
          </li>
        )}
      </ul>
    </div>
  );
}
