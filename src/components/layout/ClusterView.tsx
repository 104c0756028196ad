/** The main area: the animated cluster graph when it is built in, the plain cluster list otherwise. */
import { useCallback } from 'react';
import type { Fault } from '../../engine';
import { useApp } from '../../state/react';
import { ClusterList } from './ClusterList';
import { ClusterGraphSlot } from './slots';

export function ClusterView() {
  const mirror = useApp((s) => s.mirror);
  const selected = useApp((s) => s.selectedKey);
  const activity = useApp((s) => s.activity);
  const select = useApp((s) => s.select);
  const injectFault = useApp((s) => s.injectFault);
  const onFault = useCallback((f: Fault) => void injectFault({ type: 'fault', fault: f }), [injectFault]);
  if (ClusterGraphSlot)
    return (
      <ClusterGraphSlot
        mirror={mirror}
        selected={selected}
        onSelect={select}
        onFault={onFault}
        activity={activity}
      />
    );
  return <ClusterList mirror={mirror} {...(selected ? { selected } : {})} onSelect={select} />;
}
