/**
 * `npm run serve -- <scenario.yaml> [--port 6443] [--speed 1] [--kubeconfig FILE] [--paused]
 *  [--address 127.0.0.1] [--allow-origin ORIGIN]`
 *
 * Runs a scenario in simulated time paced to the wall clock and serves the Kubernetes API from it, so the
 * real kubectl (or any client) can drive the simulated cluster. Prints a kubeconfig on stdout (and writes
 * it with --kubeconfig); everything else goes to stderr. Lines typed at the terminal control time and
 * faults (type "help"). Exit 2 on bad arguments or a bad scenario, as the runner does.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { ScenarioError } from '../engine';
import { readScenarioFile, ScenarioFileError } from '../cli/scenarioFile';
import { ScenarioLoadError, ServedCluster } from './cluster';
import { CONSOLE_HELP, CONTROL_PREFIX, control, parseConsoleLine } from './control';
import { kubeconfig } from './kubeconfig';
import { parseServeArgs, ServeUsageError, USAGE } from './args';
import type { ServeArgs } from './args';
import { serve } from './server';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  let args: ServeArgs;
  let text: string;
  try {
    args = parseServeArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    text = readScenarioFile(args.file);
  } catch (e) {
    if (e instanceof ServeUsageError || e instanceof ScenarioFileError) {
      say(`serve: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof ScenarioError) {
      say(e.format(argv.find((a) => !a.startsWith('-')) ?? '<scenario>'));
      return 2;
    }
    throw e;
  }
  let cluster: ServedCluster;
  try {
    cluster = new ServedCluster({ text, name: basename(args.file), speed: args.speed, paused: args.paused });
  } catch (e) {
    if (e instanceof ScenarioLoadError) {
      say(new ScenarioError(e.diagnostics).format(args.file));
      return 2;
    }
    throw e;
  }
  let running;
  try {
    running = await serve(cluster, { port: args.port, host: args.address, allowOrigins: args.allowOrigins });
  } catch (e) {
    const code = (e as { code?: string }).code;
    say(
      code === 'EADDRINUSE'
        ? `serve: port ${args.port} is in use on ${args.address}; choose another with --port`
        : `serve: cannot listen on ${args.address}:${args.port} (${code ?? (e as Error).message})`,
    );
    return 1;
  }
  const config = kubeconfig(running.url);
  process.stdout.write(config);
  if (args.kubeconfig) writeFileSync(args.kubeconfig, config, { mode: 0o600 });
  const use = args.kubeconfig ? `--kubeconfig ${args.kubeconfig}` : '--kubeconfig <the file above>';
  say(
    `serve: scenario ${args.file} at ${running.url} (speed ${args.speed}x${args.paused ? ', paused' : ''})`,
  );
  if (!LOOPBACK.has(args.address)) {
    say(`serve: listening on ${args.address}: anyone who can reach it can change this simulated cluster`);
  }
  say(`serve: try kubectl ${use} get pods -w`);
  say(`serve: control endpoint ${running.url}${CONTROL_PREFIX}/status; type "help" for commands`);
  if (process.stdin.isTTY || !process.stdin.readableEnded) {
    const rl = createInterface({ input: process.stdin, terminal: false });
    rl.on('line', (line) => {
      if (line.trim() === 'help') return say(CONSOLE_HELP);
      const action = parseConsoleLine(line);
      if (!action) return;
      if ('error' in action) return say(action.error);
      const r = control(cluster, action);
      const s = r.status;
      if (r.message) say(r.message);
      say(
        `t=${s.t}s ${s.playing ? 'playing' : 'paused'} at ${s.speed}x, resourceVersion ${s.resourceVersion}`,
      );
    });
  }
  await new Promise<void>((done) => {
    const stop = () => {
      say('serve: stopping');
      void running.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    say(`serve: internal error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
