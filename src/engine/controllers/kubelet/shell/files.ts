/**
 * A container's file system as the simulated runtime sees it: the image's few well-known files, the
 * container's writable layer (lost when the container restarts), and the pod's volumes mounted at their
 * paths (emptyDir shared by the pod's containers and kept across restarts; configMap and secret volumes
 * read-only, one file per key; the service account token). Files are plain strings.
 */
import { decodeBase64, utf8String } from '../../../api/base64';
import type { Store } from '../../../api/store';
import type { Container, Pod } from '../../../api/types';

/** The container's writable layer: path -> content, or null for a base file it deleted. */
export type Layer = Readonly<Record<string, string | null>>;
/** The pod's emptyDir volumes: volume name -> (path inside the volume -> content). */
export type Volumes = Readonly<Record<string, Readonly<Record<string, string>>>>;

const BASE_DIRS = ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/var'];
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

interface Mount {
  readonly path: string;
  readonly volume: string;
  readonly kind: 'emptyDir' | 'readonly';
  readonly readOnly: boolean;
  /** Files of a read-only volume (configMap, secret, service account). */
  readonly files?: Readonly<Record<string, string>>;
}

export function normalizePath(path: string, cwd = '/'): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (!p || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

function volumeFiles(store: Store, pod: Pod, name: string): Mount['files'] | 'emptyDir' | undefined {
  const v = pod.spec?.volumes?.find((x) => x.name === name);
  const ns = pod.metadata?.namespace ?? 'default';
  if (!v) return undefined;
  if (v.emptyDir) return 'emptyDir';
  if (v.configMap) {
    const cm = store.get('ConfigMap', ns, v.configMap.name ?? '');
    const data = cm?.data ?? {};
    const items = v.configMap.items;
    if (!items) return data;
    return Object.fromEntries(
      items.filter((i) => data[i.key] !== undefined).map((i) => [i.path, data[i.key] ?? '']),
    );
  }
  if (v.secret) {
    const s = store.get('Secret', ns, v.secret.secretName ?? '');
    const decoded = Object.fromEntries(
      Object.entries(s?.data ?? {}).map(([k, b]) => {
        const r = decodeBase64(b);
        return [k, 'bytes' in r ? utf8String(r.bytes) : b];
      }),
    );
    const items = v.secret.items;
    if (!items) return decoded;
    return Object.fromEntries(
      items.filter((i) => decoded[i.key] !== undefined).map((i) => [i.path, decoded[i.key] ?? '']),
    );
  }
  return {};
}

/** A read/write view over one container's files for one interpreter step; `layer`/`volumes` hold the result. */
export class FileSystem {
  layer: Record<string, string | null>;
  volumes: Record<string, Record<string, string>>;
  private readonly mounts: Mount[] = [];
  private readonly base: Record<string, string>;
  /** A write went somewhere (so the caller stores the new layer or volumes). */
  changed = false;

  constructor(
    store: Store,
    pod: Pod,
    container: Container,
    layer: Layer | undefined,
    volumes: Volumes | undefined,
    baseFiles: Readonly<Record<string, string>>,
  ) {
    this.layer = { ...(layer ?? {}) };
    this.volumes = Object.fromEntries(Object.entries(volumes ?? {}).map(([k, v]) => [k, { ...v }]));
    this.base = {
      '/etc/hostname': `${pod.metadata?.name ?? ''}\n`,
      '/etc/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n${pod.status?.podIP ?? ''}\t${pod.metadata?.name ?? ''}\n`,
      '/etc/resolv.conf': `search ${pod.metadata?.namespace ?? 'default'}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
      ...baseFiles,
    };
    if (pod.spec?.automountServiceAccountToken !== false) {
      this.mounts.push({
        path: SA_DIR,
        volume: 'kube-api-access',
        kind: 'readonly',
        readOnly: true,
        files: {
          namespace: pod.metadata?.namespace ?? 'default',
          token: 'eyJhbGciOiJSUzI1NiJ9.simulated',
          'ca.crt': '',
        },
      });
    }
    for (const m of container.volumeMounts ?? []) {
      const files = volumeFiles(store, pod, m.name);
      if (files === undefined) continue;
      const path = normalizePath(m.mountPath);
      if (files === 'emptyDir') {
        this.mounts.push({ path, volume: m.name, kind: 'emptyDir', readOnly: m.readOnly === true });
      } else this.mounts.push({ path, volume: m.name, kind: 'readonly', readOnly: true, files });
    }
    // The deepest mount wins.
    this.mounts.sort((a, b) => b.path.length - a.path.length);
  }

  private mountOf(path: string): { m: Mount; rel: string } | undefined {
    for (const m of this.mounts) {
      if (path === m.path) return { m, rel: '' };
      if (path.startsWith(`${m.path}/`)) return { m, rel: path.slice(m.path.length + 1) };
    }
    return undefined;
  }

  read(path: string): string | undefined {
    const at = this.mountOf(path);
    if (at) {
      if (at.m.kind === 'emptyDir') return this.volumes[at.m.volume]?.[at.rel];
      return at.m.files?.[at.rel];
    }
    if (path in this.layer) return this.layer[path] ?? undefined;
    return this.base[path];
  }

  isDir(path: string): boolean {
    if (path === '/') return true;
    const at = this.mountOf(path);
    if (at) {
      if (at.rel === '') return true;
      const files = at.m.kind === 'emptyDir' ? (this.volumes[at.m.volume] ?? {}) : (at.m.files ?? {});
      return Object.keys(files).some((f) => f.startsWith(`${at.rel}/`));
    }
    if (BASE_DIRS.includes(path) || this.mounts.some((m) => m.path.startsWith(`${path}/`))) return true;
    if (this.layer[`${path}/`] !== undefined && this.layer[`${path}/`] !== null) return true;
    const prefix = `${path}/`;
    return [...Object.keys(this.base), ...Object.keys(this.layer)].some(
      (f) => f.startsWith(prefix) && this.read(f) !== undefined,
    );
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined || this.isDir(path);
  }

  /** Write a file; an error text for a read-only volume or a missing directory. */
  write(path: string, content: string, append = false): string | undefined {
    const at = this.mountOf(path);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (at) {
      if (at.m.readOnly || at.m.kind !== 'emptyDir') return 'Read-only file system';
      const vol = (this.volumes[at.m.volume] ??= {});
      vol[at.rel] = (append ? (vol[at.rel] ?? '') : '') + content;
    } else {
      if (!this.isDir(parent)) return 'No such file or directory';
      this.layer[path] = (append ? (this.read(path) ?? '') : '') + content;
    }
    this.changed = true;
    return undefined;
  }

  mkdir(path: string): void {
    if (this.isDir(path)) return;
    const at = this.mountOf(path);
    if (at && at.m.kind === 'emptyDir') (this.volumes[at.m.volume] ??= {})[`${at.rel}/.dir`] = '';
    else this.layer[`${path}/`] = '';
    this.changed = true;
  }

  /** Remove a file; false if there was none (or it is read-only). */
  remove(path: string): boolean {
    const at = this.mountOf(path);
    if (at) {
      const vol = this.volumes[at.m.volume];
      if (at.m.kind !== 'emptyDir' || !vol || vol[at.rel] === undefined) return false;
      delete vol[at.rel];
    } else {
      if (this.read(path) === undefined) return false;
      if (path in this.base) this.layer[path] = null;
      else delete this.layer[path];
    }
    this.changed = true;
    return true;
  }

  /** Names directly inside a directory, sorted. */
  list(dir: string): string[] {
    const names = new Set<string>();
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const add = (full: string) => {
      if (!full.startsWith(prefix)) return;
      const rest = full.slice(prefix.length);
      const name = rest.split('/')[0];
      if (name && name !== '.dir') names.add(name);
    };
    for (const d of BASE_DIRS) add(d);
    for (const f of Object.keys(this.base)) if (this.read(f) !== undefined) add(f);
    for (const f of Object.keys(this.layer)) if (this.layer[f] !== null) add(f.replace(/\/$/, ''));
    for (const m of this.mounts) {
      add(m.path);
      const files = m.kind === 'emptyDir' ? (this.volumes[m.volume] ?? {}) : (m.files ?? {});
      for (const f of Object.keys(files)) add(`${m.path}/${f}`);
    }
    return [...names].sort();
  }
}
