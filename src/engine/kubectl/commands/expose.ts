/** `kubectl expose`: a Service for a deployment, replica set, pod or service, from its selector and ports. */
import type { ContainerPort } from 'kubernetes-types/core/v1';
import type { PodTemplateSpec, Service } from '../../api/types';
import type { CommandResult, KubectlContext, ParsedArgs } from '../command';
import { fail } from '../command';
import { registerCommand } from '../registry';
import { createAndPrint } from './create';
import { findOne } from './target';
import { DRY_RUN_FLAG, OUTPUT_FLAG, namespaceOf, str } from './util';

interface Source {
  readonly selector: Record<string, string>;
  readonly ports: readonly ContainerPort[];
}

function fromTemplate(t: PodTemplateSpec | undefined): ContainerPort[] {
  return (t?.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
}

function portNumber(s: string): number | undefined {
  return /^\d+$/.test(s) ? Number(s) : undefined;
}

function run(args: ParsedArgs, ctx: KubectlContext): CommandResult {
  const target = findOne(args, ctx, args.positional);
  if (typeof target === 'string') return fail(target);
  const o = target.object;
  const kind = target.type.kind;
  let source: Source;
  switch (o.kind) {
    case 'Deployment':
    case 'ReplicaSet': {
      const spec = (
        o as {
          spec?: {
            selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
            template?: PodTemplateSpec;
          };
        }
      ).spec;
      if (spec?.selector?.matchExpressions?.length) {
        return fail(
          `error: couldn't retrieve selectors via --selector flag or introspection: ${kind} "${o.metadata?.name ?? ''}" has a selector with matchExpressions, which a Service selector cannot express`,
        );
      }
      source = { selector: spec?.selector?.matchLabels ?? {}, ports: fromTemplate(spec?.template) };
      break;
    }
    case 'Pod': {
      const pod = o as { metadata?: { labels?: Record<string, string> }; spec?: PodTemplateSpec['spec'] };
      source = {
        selector: pod.metadata?.labels ?? {},
        ports: fromTemplate({ spec: pod.spec ?? { containers: [] } }),
      };
      break;
    }
    case 'Service': {
      const svc = o as Service;
      source = {
        selector: svc.spec?.selector ?? {},
        ports: (svc.spec?.ports ?? []).map((p) => ({
          containerPort: p.port,
          ...(p.protocol ? { protocol: p.protocol } : {}),
        })),
      };
      break;
    }
    default:
      return fail(`error: cannot expose a ${kind}`);
  }
  if (Object.keys(source.selector).length === 0) {
    return fail("error: couldn't retrieve selectors via --selector flag or introspection");
  }
  const portFlag = str(args, 'port');
  const protocol = str(args, 'protocol');
  const targetPort = str(args, 'target-port');
  let ports: NonNullable<NonNullable<Service['spec']>['ports']>;
  if (portFlag) {
    const port = portNumber(portFlag);
    if (port === undefined) return fail(`error: invalid port "${portFlag}"`);
    const tp = targetPort ? (portNumber(targetPort) ?? targetPort) : port;
    ports = [{ port, protocol: protocol || 'TCP', targetPort: tp }];
  } else {
    if (source.ports.length === 0) return fail("error: couldn't find port via --port flag or introspection");
    ports = source.ports.map((p, i) => ({
      ...(source.ports.length > 1 ? { name: `port-${i + 1}` } : {}),
      port: p.containerPort,
      protocol: protocol || p.protocol || 'TCP',
      targetPort: targetPort ? (portNumber(targetPort) ?? targetPort) : p.containerPort,
    }));
  }
  const type = str(args, 'type');
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      creationTimestamp: null,
      ...(o.metadata?.labels ? { labels: o.metadata.labels } : {}),
      name: str(args, 'name') || (o.metadata?.name ?? ''),
      ...(args.given?.has('namespace')
        ? { namespace: namespaceOf(args) }
        : { namespace: o.metadata?.namespace ?? 'default' }),
    },
    spec: { ports, selector: source.selector, ...(type ? { type } : {}) },
    status: { loadBalancer: {} },
  } as unknown as Service;
  const r = createAndPrint(args, ctx, 'Service', svc);
  if (r.exitCode !== 0 || str(args, 'output')) return r;
  return { ...r, stdout: r.stdout.replace(/ created/, ' exposed') };
}

registerCommand({
  path: ['expose'],
  summary:
    'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  usage:
    'kubectl expose (TYPE NAME | TYPE/NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--type=type] [options]',
  flags: [
    {
      name: 'port',
      type: 'string',
      default: '',
      usage:
        'The port that the service should serve on. Copied from the resource being exposed, if unspecified',
    },
    {
      name: 'target-port',
      type: 'string',
      default: '',
      usage:
        'Name or number for the port on the container that the service should direct traffic to. Optional.',
    },
    {
      name: 'protocol',
      type: 'string',
      default: '',
      usage: 'The network protocol for the service to be created. Default is TCP.',
    },
    {
      name: 'type',
      type: 'string',
      default: '',
      usage:
        "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
    },
    { name: 'name', type: 'string', default: '', usage: 'The name for the newly created object.' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run,
});
