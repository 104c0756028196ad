/**
 * The selected object's details: the inspector (inspector/Inspector.tsx) when it is built in, otherwise a
 * plain stand-in with the object's name, a few status facts and its stored form.
 */
import type { KubeObject, Pod } from '../../engine';
import { podStatusWord } from '../../engine';
import { useApp } from '../../state/react';
import { nodeCondition } from '../../state/selectors';
import { S } from '../../strings';
import { InspectorSlot } from './slots';

function facts(o: KubeObject): [string, string][] {
  const out: [string, string][] = [['Kind', o.kind ?? '']];
  if (o.metadata?.namespace) out.push(['Namespace', o.metadata.namespace]);
  if (o.kind === 'Pod') {
    const p = o as Pod;
    out.push(['Status', podStatusWord(p)], ['Node', p.spec?.nodeName ?? '<none>']);
  }
  if (o.kind === 'Node') out.push(['Ready', nodeCondition(o)]);
  return out;
}

export function ObjectDetails() {
  const mirror = useApp((s) => s.mirror);
  const key = useApp((s) => s.selectedKey);
  const openYaml = useApp((s) => s.openLiveObject);
  if (InspectorSlot) return <InspectorSlot mirror={mirror} selectedKey={key} onOpenYaml={openYaml} />;
  if (!key) return <p className="empty">{S.nothingSelected}</p>;
  const o = mirror.objects.get(key);
  if (!o) return <p className="empty">{S.selectedGone}</p>;
  return (
    <div className="object-details">
      <h3>{o.metadata?.name}</h3>
      <dl>
        {facts(o).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <pre tabIndex={0} className="object-json">
        {JSON.stringify(o, null, 2)}
      </pre>
    </div>
  );
}
