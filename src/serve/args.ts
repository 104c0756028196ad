/** The serve command's arguments (src/serve/main.ts): parsed and checked, with messages for mistakes. */
import { MAX_SPEED, MIN_SPEED } from '../worker/protocol';

export const USAGE =
  'usage: npm run serve -- <scenario.yaml> [--port 6443] [--speed 1] [--kubeconfig FILE] [--paused] [--address 127.0.0.1] [--allow-origin ORIGIN]';

/** A bad command line: the message says what is wrong. */
export class ServeUsageError extends Error {}

export interface ServeArgs {
  readonly file: string;
  readonly port: number;
  readonly speed: number;
  readonly kubeconfig?: string;
  readonly paused: boolean;
  readonly address: string;
  readonly allowOrigins: readonly string[];
  readonly help: boolean;
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let file: string | undefined;
  let port = 6443;
  let speed = 1;
  let config: string | undefined;
  let paused = false;
  let address = '127.0.0.1';
  const allowOrigins: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new ServeUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535)
          throw new ServeUsageError(`--port needs a port number (0 to 65535), not "${v}"`);
        port = Number(v);
        break;
      }
      case '--speed': {
        const v = value();
        const n = Number(v);
        if (!Number.isFinite(n) || n < MIN_SPEED || n > MAX_SPEED) {
          throw new ServeUsageError(`--speed needs a number from ${MIN_SPEED} to ${MAX_SPEED}, not "${v}"`);
        }
        speed = n;
        break;
      }
      case '--kubeconfig':
        config = value();
        break;
      case '--paused':
        paused = true;
        break;
      case '--address':
        address = value();
        break;
      case '--allow-origin': {
        const v = value();
        try {
          allowOrigins.push(new URL(v).origin);
        } catch {
          throw new ServeUsageError(`--allow-origin needs an origin such as https://example.org, not "${v}"`);
        }
        break;
      }
      case '-h':
      case '--help':
        help = true;
        break;
      default:
        if (raw.startsWith('-')) throw new ServeUsageError(`unknown flag ${flag}`);
        if (file !== undefined)
          throw new ServeUsageError(`one scenario file at a time (got "${file}" and "${raw}")`);
        file = raw;
    }
  }
  if (!help && file === undefined) throw new ServeUsageError('missing the scenario file');
  return {
    file: file ?? '',
    port,
    speed,
    ...(config !== undefined ? { kubeconfig: config } : {}),
    paused,
    address,
    allowOrigins,
    help,
  };
}
