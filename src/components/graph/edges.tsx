/**
 * The custom edges: owner links (ReplicaSet -> the node holding its pods, with a count), traffic (request
 * dots flowing from a Service to the nodes with ready endpoints; red when requests fail) and replacement
 * links (a gone pod's node -> the node of the pod that replaces it). Dots move with SVG animateMotion, so
 * they cost no React renders; with prefers-reduced-motion they are left out (CSS hides them).
 */
import type { EdgeProps } from '@xyflow/react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import type { OwnerEdge, ReplacementEdge, TrafficEdge } from './toFlow';

export const OwnerEdgeView = memo(function OwnerEdgeView(props: EdgeProps<OwnerEdge>) {
  const [path] = getBezierPath(props);
  const count = props.data?.count ?? 0;
  // The count sits just before the arrow's end, beside the node that holds the pods.
  const labelX = props.targetX - 16;
  const labelY = props.targetY;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        className="edge-owner"
        {...(props.style ? { style: props.style } : {})}
      />
      {count > 0 && (
        <EdgeLabelRenderer>
          <span
            className="edge-count"
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              borderColor: String(props.style?.stroke ?? '#7a8394'),
            }}
          >
            ×{count}
          </span>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const TrafficEdgeView = memo(function TrafficEdgeView(props: EdgeProps<TrafficEdge>) {
  const [path] = getBezierPath(props);
  const rps = props.data?.requestsPerSecond ?? 0;
  const failing = props.data?.failing ?? false;
  // One to four dots, by load; one of them red while requests fail.
  const dots = rps <= 0 ? 0 : Math.min(4, Math.max(1, Math.ceil(rps / 5)));
  const dur = 1.6;
  return (
    <>
      <BaseEdge id={props.id} path={path} className={`edge-traffic${failing ? ' failing' : ''}`} />
      {Array.from({ length: dots }, (_, i) => (
        <circle
          key={i}
          r={5}
          className={`traffic-dot${failing && i === 0 ? ' failed' : ''}`}
          aria-hidden="true"
        >
          <animateMotion
            dur={`${dur}s`}
            // A negative start puts each dot mid-way along at once; a positive delay would park it at the
            // flow's origin (the top-left card) until its turn.
            begin={`-${(i * dur) / dots}s`}
            repeatCount="indefinite"
            path={path}
          />
        </circle>
      ))}
    </>
  );
});

export const ReplacementEdgeView = memo(function ReplacementEdgeView(props: EdgeProps<ReplacementEdge>) {
  const { sourceX, sourceY, targetX, targetY } = props;
  // An arc above both nodes: from the gone pod's node to its replacement's.
  const lift = 46;
  const midX = (sourceX + targetX) / 2;
  const top = Math.min(sourceY, targetY) - lift;
  const path = `M ${sourceX} ${sourceY} Q ${midX} ${top - lift / 2} ${targetX} ${targetY}`;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        className="edge-replacement"
        {...(props.markerEnd ? { markerEnd: props.markerEnd } : {})}
      />
      <EdgeLabelRenderer>
        <span
          className="edge-replacement-label"
          style={{ transform: `translate(-50%, -50%) translate(${midX}px, ${top - 4}px)` }}
        >
          {props.data?.label}
        </span>
      </EdgeLabelRenderer>
    </>
  );
});
