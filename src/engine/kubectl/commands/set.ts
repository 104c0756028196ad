/** `kubectl set image`: change container images of a pod or of a workload's pod template. */
import type { Container, KubeObject, PodSpec } from '../../api/types';
import type { CommandResult, KubectlContext, ParsedArgs } from '../command';
import { fail } from '../command';
import { registerCommand } from '../registry';
import { slashName } from '../resources';
import { Terminal } from '../terminal';
import { findObjects } from './target';
import { SELECTOR_FLAG, apiError, write } from './util';

/** The pod spec inside an object: the pod's own, or its template's. */
function podSpecOf(o: KubeObject): PodSpec | undefined {
  if (o.kind === 'Pod') return (o as { spec?: PodSpec }).spec;
  return (o as { spec?: { template?: { spec?: PodSpec } } }).spec?.template?.spec;
}

function withPodSpec(o: KubeObject, spec: PodSpec): KubeObject {
  if (o.kind === 'Pod') return { ...o, spec } as KubeObject;
  const s = (o as { spec: { template: { spec?: PodSpec } } }).spec;
  return { ...o, spec: { ...s, template: { ...s.template, spec } } } as KubeObject;
}

function run(args: ParsedArgs, ctx: KubectlContext): CommandResult {
  const resources = args.positional.filter((a) => !a.includes('='));
  const images = args.positional.filter((a) => a.includes('='));
  if (images.length === 0) return fail('error: at least one image update is required');
  const found = findObjects(args, ctx, resources, { allowSelector: true });
  if (typeof found === 'string') return fail(found);
  const term = new Terminal();
  let code = 0;
  for (const f of found) {
    const o = f.object;
    if (!o) {
      term.err(f.error ?? '');
      code = 1;
      continue;
    }
    const spec = podSpecOf(o);
    if (!spec) {
      term.err(
        `error: ${slashName(f.type.kind, o.metadata?.name ?? '')} has no pod template: set image works on pods and workloads`,
      );
      code = 1;
      continue;
    }
    let containers: Container[] = [...spec.containers];
    let initContainers = spec.initContainers ? [...spec.initContainers] : undefined;
    let missing: string | undefined;
    for (const pair of images) {
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const image = pair.slice(eq + 1);
      let hit = false;
      const apply = (c: Container) => {
        if (name !== '*' && c.name !== name) return c;
        hit = true;
        return { ...c, image };
      };
      containers = containers.map(apply);
      initContainers = initContainers?.map(apply);
      if (!hit) missing ??= name;
    }
    if (missing !== undefined) {
      term.err(`error: unable to find container named "${missing}"`);
      code = 1;
      continue;
    }
    const next = withPodSpec(o, { ...spec, containers, ...(initContainers ? { initContainers } : {}) });
    // kubectl sends a patch; an empty patch (images already set) prints nothing.
    if (JSON.stringify(podSpecOf(next)) === JSON.stringify(spec)) continue;
    try {
      write(ctx, () => ctx.sim.api.update(f.type.kind, next as never));
      term.out(`${slashName(f.type.kind, o.metadata?.name ?? '')} image updated`);
    } catch (e) {
      term.err(apiError(e, f.type.kind, o.metadata?.name ?? ''));
      code = 1;
    }
  }
  return term.result(code);
}

registerCommand({
  path: ['set', 'image'],
  summary: 'Update the image of a pod template',
  usage:
    'kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  flags: [
    SELECTOR_FLAG,
    {
      name: 'all',
      type: 'bool',
      default: false,
      usage: 'Select all resources in the namespace of the specified resource types',
    },
  ],
  run,
});
