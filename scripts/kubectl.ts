/**
 * `npm run kubectl -- <args>`: the pinned real kubectl (v1.34.5) the tests use, fetched on first use
 * (src/serve/pinnedKubectl.ts), for a machine without one: `npm run kubectl -- --kubeconfig setpoint.kubeconfig get pods`.
 */
import { spawnSync } from 'node:child_process';
import { pinnedKubectl } from '../src/serve/pinnedKubectl';

const binary = await pinnedKubectl();
const r = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
process.exit(r.status ?? 1);
