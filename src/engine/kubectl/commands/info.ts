/** `kubectl api-resources` and `kubectl version`: what the simulated API server serves. */
import { fail, ok } from '../command';
import { formatTable } from '../printers/table';
import { registerCommand } from '../registry';
import { METRICS_RESOURCES, RESOURCE_TYPES } from '../resources';
import { bool, str } from './util';

import { KUBERNETES_VERSION } from '../version';

registerCommand({
  path: ['api-resources'],
  summary: 'Print the supported API resources on the server',
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    {
      name: 'output',
      short: 'o',
      type: 'string',
      default: '',
      usage: 'Output format. One of: (wide, name).',
    },
    {
      name: 'namespaced',
      type: 'bool',
      default: true,
      usage: 'If false, non-namespaced resources will be returned.',
    },
    {
      name: 'api-group',
      type: 'string',
      default: '',
      usage: 'Limit to resources in the specified API group.',
    },
    {
      name: 'no-headers',
      type: 'bool',
      default: false,
      usage: "When using the default output format, don't print headers.",
    },
  ],
  run(args) {
    const output = str(args, 'output');
    if (output !== '' && output !== 'wide' && output !== 'name') {
      return fail(`error: --output ${output} is not available`);
    }
    const group = str(args, 'api-group');
    const namespacedGiven = args.given?.has('namespaced') ?? false;
    const listed = [
      ...RESOURCE_TYPES.map((t) => ({ ...t, shortNames: t.shortNames as readonly string[] })),
      ...METRICS_RESOURCES.map((m) => ({ ...m, shortNames: [] as readonly string[] })),
    ];
    const types = listed
      .filter((t) => !group || t.group === group)
      .filter((t) => !namespacedGiven || t.namespaced === args.flags.namespaced)
      .sort((a, b) => (a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.plural < b.plural ? -1 : 1));
    if (output === 'name')
      return ok(types.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural)).join('\n'));
    const rows = types.map((t) => [
      t.plural,
      t.shortNames.join(','),
      t.group ? `${t.group}/${t.version}` : t.version,
      String(t.namespaced),
      t.kind,
    ]);
    const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
    return ok(formatTable(bool(args, 'no-headers') ? rows : [header, ...rows]));
  },
});

registerCommand({
  path: ['version'],
  summary: 'Print the client and server version information',
  usage: 'kubectl version [flags] [options]',
  flags: [
    {
      name: 'client',
      type: 'bool',
      default: false,
      usage: 'If true, shows client version only (no server required).',
    },
  ],
  run(args) {
    const lines = [`Client Version: ${KUBERNETES_VERSION}`, 'Kustomize Version: v5.7.1'];
    if (!bool(args, 'client')) lines.push(`Server Version: ${KUBERNETES_VERSION}`);
    return ok(lines.join('\n'));
  },
});
