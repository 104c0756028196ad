/** What each part of the control plane does, in plain words, for the inspector's control-plane entries. */
import type { PartId } from '../../graph/model';
import { explainStrings } from '../../../strings/explain';
import type { Explanation } from './common';

const S = explainStrings.controlPlane;

/** Typed by PartId, so a part added to the graph without words here fails to compile. */
const PARTS: Readonly<
  Record<PartId, { readonly name: string; readonly what: string; readonly loop: string }>
> = S.parts;

export function explainPart(id: string): Explanation | null {
  const p = PARTS[id as PartId];
  if (!p) return null;
  return {
    kind: S.kind,
    name: p.name,
    headline: p.what,
    tone: 'info',
    sections: [{ type: 'text', heading: S.heading, lines: [p.loop] }],
  };
}
