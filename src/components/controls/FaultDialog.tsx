/**
 * The target picker of one fault: a modal dialog (Escape closes it, focus returns to the toolbar) with a
 * list of targets from the mirror and, for some faults, a number. Sends the fault as an input.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Deployment, Fault, Input } from '../../engine';
import { useApp } from '../../state/react';
import { badRolloutManifest, faultTargets } from '../../state/selectors';
import { S } from '../../strings';

export type TargetKind = 'pod' | 'node' | 'deployment' | 'service' | 'none';

export interface FaultAction {
  /** A fault type, or BadRollout (an apply of a broken image). */
  readonly id: Fault['type'] | 'BadRollout';
  readonly target: TargetKind;
}

export const FAULT_ACTIONS: readonly FaultAction[] = [
  { id: 'PodCrash', target: 'pod' },
  { id: 'PodDelete', target: 'pod' },
  { id: 'AppHang', target: 'pod' },
  { id: 'NodeFailure', target: 'node' },
  { id: 'NodeRecovery', target: 'node' },
  { id: 'NodeDrain', target: 'node' },
  { id: 'BadRollout', target: 'deployment' },
  { id: 'TrafficChange', target: 'service' },
  { id: 'ControlPlaneOutage', target: 'none' },
];

interface Props {
  readonly action: FaultAction;
  onClose(): void;
}

export function FaultDialog({ action, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const mirror = useApp((s) => s.mirror);
  const injectFault = useApp((s) => s.injectFault);
  // Targets are read once, when the dialog opens: a list that reorders under the cursor is unusable.
  const [targets] = useState(() => faultTargets(mirror));
  const options = useMemo(() => {
    switch (action.target) {
      case 'pod':
        return targets.pods.map((p) => ({
          value: `${p.namespace}/${p.name}`,
          label: `${p.name} (${p.status})`,
        }));
      case 'node': {
        const nodes = targets.nodes.map((n) => ({
          value: n.name,
          label: `${n.name} (${n.down ? `${n.condition}, machine off` : n.condition})`,
          down: n.down,
        }));
        // Recovering a node that is up does nothing: offer the failed machines first.
        if (action.id === 'NodeRecovery') nodes.sort((a, b) => Number(b.down) - Number(a.down));
        return nodes;
      }
      case 'deployment':
        return targets.deployments.map((d) => ({
          value: `${d.namespace}/${d.name}`,
          label: `${d.name} (${d.image})`,
        }));
      case 'service':
        return targets.services.map((s) => ({
          value: `${s.namespace}/${s.name}`,
          label: s.rps === null ? s.name : `${s.name} (${s.rps} req/s)`,
        }));
      default:
        return [];
    }
  }, [action, targets]);
  const [value, setValue] = useState(options[0]?.value ?? '');
  const [rps, setRps] = useState(() => {
    const current = targets.services[0]?.rps;
    return String(current ? current * 5 : 100);
  });
  const [duration, setDuration] = useState('60');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
    return () => d?.close?.();
  }, []);

  const input = (): Input | undefined => {
    const [ns = 'default', name = ''] = value.includes('/') ? value.split('/') : ['default', value];
    switch (action.id) {
      case 'PodCrash':
      case 'PodDelete':
      case 'AppHang':
        return name ? { type: 'fault', fault: { type: action.id, pod: name, namespace: ns } } : undefined;
      case 'NodeFailure':
      case 'NodeRecovery':
      case 'NodeDrain':
        return value ? { type: 'fault', fault: { type: action.id, node: value } } : undefined;
      case 'TrafficChange':
        return name
          ? {
              type: 'fault',
              fault: {
                type: 'TrafficChange',
                service: name,
                namespace: ns,
                requestsPerSecond: Math.max(0, Number(rps) || 0),
              },
            }
          : undefined;
      case 'ControlPlaneOutage':
        return {
          type: 'fault',
          fault: { type: 'ControlPlaneOutage', durationSeconds: Math.max(1, Number(duration) || 60) },
        };
      case 'BadRollout': {
        const d = mirror.objects.get(`Deployment/${ns}/${name}`) as Deployment | undefined;
        return d ? { type: 'apply', manifests: badRolloutManifest(d) } : undefined;
      }
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const i = input();
    if (!i) return;
    setBusy(true);
    await injectFault(i);
    setBusy(false);
    onClose();
  };

  const title = S.inputLabel[action.id] ?? action.id;
  const needsTarget = action.target !== 'none';
  return (
    <dialog
      ref={ref}
      className="fault-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-help`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{needsTarget ? S.faultPickerTitle(title) : title}</h2>
        <p id={`${id}-help`} className="help">
          {S.faultHelp[action.id]}
        </p>
        {needsTarget && options.length === 0 && <p className="warning">{S.faultNoTargets}</p>}
        {needsTarget && options.length > 0 && (
          <label className="field">
            <span>{S.faultTarget[action.target as Exclude<TargetKind, 'none'>]}</span>
            <select value={value} onChange={(e) => setValue(e.currentTarget.value)} autoFocus>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {action.id === 'TrafficChange' && (
          <label className="field">
            <span>{S.faultRequestsPerSecond}</span>
            <input
              type="number"
              min={0}
              max={100000}
              value={rps}
              onChange={(e) => setRps(e.currentTarget.value)}
            />
          </label>
        )}
        {action.id === 'ControlPlaneOutage' && (
          <label className="field">
            <span>{S.faultDuration}</span>
            <input
              type="number"
              min={1}
              max={3600}
              value={duration}
              autoFocus
              onChange={(e) => setDuration(e.currentTarget.value)}
            />
          </label>
        )}
        <div className="dialog-buttons">
          <button type="submit" className="primary danger" disabled={busy || (needsTarget && !value)}>
            {S.faultInject}
          </button>
          <button type="button" onClick={() => onClose()}>
            {S.faultCancel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
