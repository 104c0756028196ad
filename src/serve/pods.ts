/**
 * The pod subresources beyond status: log (the engine's synthetic container logs, with follow streaming
 * new lines as simulated time passes), eviction (the engine's ApiServer.evict, where disruption budgets
 * will be checked), and attach, exec and portforward, which a simulation cannot offer and says so.
 */
import type { LogLine, Pod } from '../engine';
import { ApiError, readContainerLog, withTimestamp } from '../engine';
import { shiftTimestamp } from './clock';
import { decodeBody, readBody, sendJson } from './http';
import type { ApiRequest } from './request';
import { badRequest, failure, fromApiError, methodNotAllowed, notFound, success } from './status';
import { unavailable } from './rest';

const POD_REF = { group: '', resource: 'pods' };

function podOf(r: ApiRequest, name: string): Pod {
  const pod = r.cluster.sim.store.get('Pod', r.path.namespace ?? 'default', name);
  if (!pod) throw notFound(POD_REF, name);
  return pod;
}

function containerOf(pod: Pod, asked: string | null): string {
  if (asked) return asked;
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  if (containers.length === 1) return containers[0] as string;
  const init = (pod.spec?.initContainers ?? []).map((c) => c.name);
  const name = pod.metadata?.name ?? '';
  throw badRequest(
    `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${init.length ? ` or one of the init containers: [${init.join(' ')}]` : ''}`,
  );
}

function whole(r: ApiRequest, key: string): number | undefined {
  const v = r.query.get(key);
  if (v === null) return undefined;
  if (!/^\d+$/.test(v)) throw badRequest(`${key}: Invalid value: "${v}": must be a whole number`);
  return Number(v);
}

/** GET pods/<name>/log: text/plain, streamed while `follow` and the container keeps running. */
export function serveLog(r: ApiRequest, name: string): void {
  if (r.method !== 'GET') throw methodNotAllowed();
  const pod = podOf(r, name);
  const container = containerOf(pod, r.query.get('container'));
  const previous = r.query.get('previous') === 'true';
  const follow = r.query.get('follow') === 'true' && !previous;
  const timestamps = r.query.get('timestamps') === 'true';
  const tail = whole(r, 'tailLines');
  const sinceSeconds = whole(r, 'sinceSeconds');
  const limit = whole(r, 'limitBytes');
  const first = readContainerLog(r.cluster.sim, pod, container, previous);
  if ('message' in first) throw failure(first.code, first.reason, first.message);
  const { cluster, res } = r;
  const since = sinceSeconds !== undefined ? cluster.sim.now - sinceSeconds : -Infinity;
  let lines = first.lines.filter((l) => l.t >= since);
  if (tail !== undefined) lines = lines.slice(Math.max(0, lines.length - tail));
  let written = 0;
  const text = (l: LogLine) => {
    if (!timestamps) return `${l.text}\n`;
    const stamped = withTimestamp(l);
    const space = stamped.indexOf(' ');
    return `${shiftTimestamp(stamped.slice(0, space), cluster.clockShift())}${stamped.slice(space)}\n`;
  };
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  const out = (ls: readonly LogLine[]): boolean => {
    for (const l of ls) {
      let s = text(l);
      if (limit !== undefined) {
        if (written >= limit) return false;
        s = Buffer.from(s)
          .subarray(0, limit - written)
          .toString('utf8');
      }
      written += Buffer.byteLength(s);
      res.write(s);
    }
    return limit === undefined || written < limit;
  };
  let more = out(lines);
  if (!follow || !first.live || !more) {
    res.end();
    return;
  }
  let last = first.lines[first.lines.length - 1]?.t ?? -Infinity;
  const check = () => {
    const current = cluster.sim.store.get('Pod', pod.metadata?.namespace ?? 'default', name);
    const next =
      current && current.metadata?.uid === pod.metadata?.uid
        ? readContainerLog(cluster.sim, current, container, false)
        : undefined;
    if (!next || 'message' in next) return finish();
    more = out(next.lines.filter((l) => l.t > last));
    last = next.lines[next.lines.length - 1]?.t ?? last;
    if (!next.live || !more) finish();
  };
  const offTick = cluster.onTick(check);
  const offClose = cluster.onClose(() => finish());
  const finish = () => {
    offTick();
    offClose();
    if (!res.writableEnded) res.end();
  };
  r.req.on('close', finish);
}

/** POST pods/<name>/eviction: a policy/v1 Eviction; 201 with a success Status once the pod is being deleted. */
export async function evict(r: ApiRequest, name: string): Promise<void> {
  if (r.method !== 'POST') throw methodNotAllowed();
  const body = decodeBody(await readBody(r.req), r.req.headers['content-type']) as {
    metadata?: { name?: string };
    deleteOptions?: { gracePeriodSeconds?: number };
  } | null;
  if (body?.metadata?.name !== undefined && body.metadata.name !== name) {
    throw badRequest('name in URL does not match name in Eviction object');
  }
  podOf(r, name);
  if (!r.cluster.sim.api.available) throw unavailable();
  const grace = body?.deleteOptions?.gracePeriodSeconds;
  try {
    r.cluster.act(r.actor, () =>
      r.cluster.sim.api.evict(
        r.path.namespace ?? 'default',
        name,
        typeof grace === 'number' ? { gracePeriodSeconds: grace } : {},
      ),
    );
  } catch (e) {
    if (e instanceof ApiError) throw fromApiError(e, POD_REF, name, 'Pod');
    throw e;
  }
  sendJson(r.res, 201, success(201));
}

/** attach, exec, portforward: there are no processes or sockets behind a simulated pod. */
export function notSimulated(subresource: string, name: string): never {
  const what: Record<string, string> = {
    exec: 'run commands in its containers (kubectl exec)',
    attach: 'attach to its containers (kubectl attach)',
    portforward: 'forward ports to it (kubectl port-forward)',
  };
  throw failure(
    400,
    'BadRequest',
    `pod "${name}" is simulated by Setpoint: there are no container processes to ${what[subresource] ?? subresource}; use kubectl logs, describe and get to look inside`,
  );
}
