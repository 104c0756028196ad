/**
 * The kubectl language over the simulated cluster. Importing this module registers every command; use
 * `runKubectl` from here. A new command module registers itself with `registerCommand` and is imported
 * below.
 */
import './printers/workloads';
import './printers/network';
import './printers/cluster';
import './printers/config';
import './commands/get';
import './commands/info';
import './commands/apply';
import './commands/create';
import './commands/expose';
import './commands/scale';
import './commands/set';
import './commands/rollout';
import './commands/delete';
import './commands/node';
import './commands/label';
import './commands/describe';
import './commands/explain';
import './commands/logs';
import './commands/top';

export { runKubectl } from './run';
export { registerCommand, commands } from './registry';
export { registerTable } from './printers/columns';
export type { Command, CommandResult, KubectlContext } from './command';
export { terminalText } from './command';
