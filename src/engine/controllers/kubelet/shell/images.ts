/**
 * What a container runs: its argv composed from `command`/`args` and the image's ENTRYPOINT/CMD exactly as
 * Kubernetes does (command replaces ENTRYPOINT and drops CMD; args alone replace CMD; `$(VAR)` expanded
 * from the container's environment), the defaults of common images, and whether the simulated runtime can
 * interpret that argv (a shell script or a known command) or must treat it as the image's own program.
 */
import type { Container } from '../../../api/types';
import { expandEnv } from '../config';
import { knownCommand, baseName } from './commands';
import type { Program } from './parse';
import { ParseError, parseCached, programOf } from './parse';

/** An image's configuration as its Dockerfile sets it, and which tools it ships. */
export interface ImageDefaults {
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly flavour: 'busybox' | 'gnu';
  /** Files the image has (paths -> content) beyond the ones every container gets. */
  readonly files?: Readonly<Record<string, string>>;
  /** HTTP paths of the image's own program: 200 until `failAfterSeconds`, then `status`. */
  readonly http?: Readonly<Record<string, { readonly failAfterSeconds: number; readonly status: number }>>;
}

const NGINX_INDEX =
  '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n';

/** Repository (last path part, without registry, tag or digest) -> defaults. */
const KNOWN: Readonly<Record<string, ImageDefaults>> = {
  busybox: { entrypoint: [], cmd: ['sh'], flavour: 'busybox' },
  alpine: { entrypoint: [], cmd: ['/bin/sh'], flavour: 'busybox' },
  debian: { entrypoint: [], cmd: ['bash'], flavour: 'gnu' },
  ubuntu: { entrypoint: [], cmd: ['/bin/bash'], flavour: 'gnu' },
  centos: { entrypoint: [], cmd: ['/bin/bash'], flavour: 'gnu' },
  fedora: { entrypoint: [], cmd: ['/bin/bash'], flavour: 'gnu' },
  perl: { entrypoint: [], cmd: ['perl', '-de0'], flavour: 'gnu' },
  python: { entrypoint: [], cmd: ['python3'], flavour: 'gnu' },
  nginx: {
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    flavour: 'gnu',
    files: { '/usr/share/nginx/html/index.html': NGINX_INDEX, '/usr/share/nginx/html/50x.html': '' },
  },
  httpd: {
    entrypoint: [],
    cmd: ['httpd-foreground'],
    flavour: 'gnu',
    files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
  },
  agnhost: { entrypoint: ['/agnhost'], cmd: ['pause'], flavour: 'gnu' },
  pause: { entrypoint: ['/pause'], cmd: [], flavour: 'gnu' },
};

/** The repository's last part: "registry.k8s.io/e2e-test-images/agnhost:2.40" -> "agnhost". */
export function repositoryName(image: string): string {
  const noDigest = image.split('@')[0] ?? '';
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon >= 0 ? last.slice(0, colon) : last;
}

export function imageDefaults(image: string): ImageDefaults | undefined {
  return KNOWN[repositoryName(image)];
}

/** Kubernetes' composition of the process's argv, with `$(VAR)` references expanded. */
export function containerArgv(
  c: Container,
  defaults: ImageDefaults | undefined,
  env: ReadonlyMap<string, string>,
): string[] {
  const expand = (xs: readonly string[]) => xs.map((x) => expandEnv(x, env));
  if (c.command) return [...expand(c.command), ...expand(c.args ?? [])];
  const entry = defaults?.entrypoint ?? [];
  return [...entry, ...(c.args ? expand(c.args) : (defaults?.cmd ?? []))];
}

/** How the runtime runs a container's argv. */
export type Launch =
  /** The image's own program: answers after startupSeconds, follows the image behaviour keys. */
  | { readonly k: 'app'; readonly note?: string | undefined; readonly http?: ImageDefaults['http'] }
  /** A script or command the runtime interprets; `args` are $0, $1, ... */
  | {
      readonly k: 'script';
      readonly program: Program;
      readonly args: readonly string[];
      /** The composed argv, kept with the run so the same script resumes after every pause. */
      readonly argv: readonly string[];
    };

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

/** An interactive shell or REPL with no terminal reads end-of-file and exits 0 at once. */
const EXITS_AT_ONCE: Program = programOf(['true']);

/**
 * Decide how `argv` runs. The image's default program (no command, no args) of an unknown image is the
 * app itself; a shell with `-c` is interpreted; a known command runs as one; anything else is an unknown
 * program that runs until stopped, with a note saying so.
 */
export function launch(
  argv: readonly string[],
  defaults: ImageDefaults | undefined,
  usesImageDefault: boolean,
): Launch {
  if (!defaults && usesImageDefault) return { k: 'app' };
  let a = argv;
  // Entrypoint wrappers that end by exec'ing their arguments.
  if (a[0] === '/docker-entrypoint.sh' || a[0] === 'docker-entrypoint.sh') a = a.slice(1);
  if (repositoryName(a[0] ?? '') === 'agnhost' || a[0] === '/agnhost') {
    if (a[1] === 'liveness') {
      return { k: 'app', http: { '/healthz': { failAfterSeconds: 10, status: 500 } } };
    }
    return { k: 'app' };
  }
  const name = baseName(a[0] ?? '');
  if (SHELLS.has(name)) {
    const c = a.indexOf('-c');
    if (c < 0) {
      // `sh`, `bash -l`: nothing to read from stdin. A script file cannot be read.
      if (a.slice(1).some((x) => !x.startsWith('-'))) return unknownProgram(a);
      return { k: 'script', program: EXITS_AT_ONCE, args: [name], argv };
    }
    const script = a[c + 1] ?? '';
    const parsed = parseCached(script);
    if (parsed instanceof ParseError) {
      return {
        k: 'app',
        note: `the script uses shell features the simulated runtime does not interpret (${parsed.message}): it runs until stopped`,
      };
    }
    return { k: 'script', program: parsed, args: a.slice(c + 2).length ? a.slice(c + 2) : [name], argv };
  }
  if ((name === 'python' || name === 'python3') && a.length === 1)
    return { k: 'script', program: EXITS_AT_ONCE, args: [name], argv };
  if (name === 'perl' && a.length === 2 && a[1] === '-de0')
    return { k: 'script', program: EXITS_AT_ONCE, args: [name], argv };
  if (
    name &&
    knownCommand(name) &&
    !['nginx', 'nginx-debug', 'httpd-foreground', 'httpd', 'pause'].includes(name)
  ) {
    return { k: 'script', program: programOf(a), args: [name], argv };
  }
  if (
    !name ||
    ['nginx', 'nginx-debug', 'httpd-foreground', 'httpd', 'pause', '/pause'].includes(name) ||
    a[0] === '/pause'
  ) {
    return { k: 'app' };
  }
  return unknownProgram(a);
}

function unknownProgram(argv: readonly string[]): Launch {
  return {
    k: 'app',
    note: `"${argv.join(' ')}" is not a command the simulated runtime can interpret: it runs until stopped and answers as its image behaves`,
  };
}
