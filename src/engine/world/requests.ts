/**
 * The arithmetic of simulated request traffic, kept pure so that 1,000 requests a second cost as little as
 * 10: counts come from error diffusion (fractional rates carry over to the next second), round-robin
 * shares are computed per endpoint, errors are spread evenly, latency percentiles come from a mixture of
 * per-endpoint distributions, and only a few requests are materialised as samples. No randomness: the same
 * inputs give the same figures.
 */

/** Why a request ended as it did. `ok` is a success; every other outcome is an error. */
export type Outcome =
  /** 200 from the app. */
  | 'ok'
  /** 500: the app answered with an error (the image's errorRate). */
  | 'app-error'
  /** 503 from the app: its process runs but it cannot serve yet (still inside startupSeconds). */
  | 'not-serving'
  /** The endpoint is listed but nothing listens at its address: the process exited or its machine is gone. */
  | 'connection-refused'
  /** The app accepted the connection and never answered (hung): the client gives up after 30 s. */
  | 'timeout'
  /** The Service has no endpoint to send the request to. */
  | 'no-endpoints'
  /** The Service (or an Ingress backend's Service) does not exist. */
  | 'no-service'
  /** The ingress controller has no rule for the request's host and path. */
  | 'no-route';

export const OUTCOMES: readonly Outcome[] = [
  'ok',
  'app-error',
  'not-serving',
  'connection-refused',
  'timeout',
  'no-endpoints',
  'no-service',
  'no-route',
];

/**
 * The HTTP status a client (or ingress-nginx in front of the pods) reports for each outcome: a refused
 * connection is a 502 Bad Gateway, a request that got no answer in time a 504 Gateway Timeout.
 */
export const OUTCOME_CODE: Readonly<Record<Outcome, number>> = {
  ok: 200,
  'app-error': 500,
  'not-serving': 503,
  'connection-refused': 502,
  timeout: 504,
  'no-endpoints': 503,
  'no-service': 503,
  'no-route': 404,
};

/** How a client would describe the outcome (Go's net/http and kube-proxy wording where they have one). */
export function outcomeMessage(o: Outcome, service: string, address?: string): string {
  switch (o) {
    case 'ok':
      return '200 OK';
    case 'app-error':
      return '500 Internal Server Error';
    case 'not-serving':
      return '503 Service Unavailable (the app is still starting)';
    case 'connection-refused':
      return `dial tcp ${address ?? ''}: connect: connection refused`;
    case 'timeout':
      return 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
    case 'no-endpoints':
      return `no endpoints available for service "${service}"`;
    case 'no-service':
      return `services "${service}" not found`;
    case 'no-route':
      return '404 Not Found (no ingress rule matches the host and path)';
  }
}

/** A client's request timeout: a hung app's requests fail after this long. */
export const CLIENT_TIMEOUT_MS = 30_000;
/** Network and app time of a request to an idle app, in milliseconds (the mean of its distribution). */
export const BASE_LATENCY_MS = 5;
/** The fastest any answered request can be. */
export const MIN_LATENCY_MS = 1;
/** A refused connection or an immediate error costs about one round trip. */
export const FAST_FAIL_MS = 1;

/** Requests that arrive in one second at `rate` per second, with the fraction carried to the next. */
export function takeCount(rate: number, carry: number): { n: number; carry: number } {
  const total = Math.max(0, rate) + carry;
  // Guard against 0.9999999 from repeated float additions of rates like 0.1.
  const n = Math.floor(total + 1e-9);
  return { n, carry: Math.max(0, total - n) };
}

/**
 * Round-robin: `n` requests over `e` endpoints starting at index `start`: each gets floor(n/e), and the
 * n mod e endpoints from `start` on get one more. Returns the counts and where the next second starts.
 */
export function roundRobin(n: number, e: number, start: number): { counts: number[]; next: number } {
  if (e <= 0) return { counts: [], next: 0 };
  const s = ((start % e) + e) % e;
  const base = Math.floor(n / e);
  const extra = n - base * e;
  const counts: number[] = [];
  for (let i = 0; i < e; i++) counts.push(base + ((i - s + e) % e < extra ? 1 : 0));
  return { counts, next: (s + n) % e };
}

/** Index of the endpoint that gets request `j` of a second whose round-robin starts at `start`. */
export function endpointOfRequest(j: number, e: number, start: number): number {
  return (((start + j) % e) + e) % e;
}

/**
 * Split `total` into integers proportional to `weights` (largest remainder, ties to the lower index), so
 * that the parts add up exactly.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) / sum) * total);
  const out = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x + 1e-9) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

/** Whether the m-th (0-based) of `n` requests is one of `e` marked ones spread evenly among them. */
export function isSpreadHit(m: number, e: number, n: number): boolean {
  if (e <= 0 || n <= 0) return false;
  if (e >= n) return true;
  return Math.floor(((m + 1) * e) / n) > Math.floor((m * e) / n);
}

/** Which of `n` requests to materialise: at most `k`, evenly spaced, as sorted indices. */
export function sampleIndices(n: number, k: number): number[] {
  const m = Math.min(n, k);
  const out: number[] = [];
  for (let s = 0; s < m; s++) out.push(Math.floor(((s + 0.5) * n) / m));
  return out;
}

/**
 * Mean latency of an app whose CPU is `utilisation` busy (demand over what it may use): a queue in front of
 * one server, mean = base / (1 - u), capped at 98 % busy (beyond, requests wait as long as the cap allows).
 */
export function meanLatencyMs(utilisation: number): number {
  const u = Math.min(Math.max(utilisation, 0), 0.98);
  return BASE_LATENCY_MS / (1 - u);
}

/** Part of a latency mixture: `weight` requests, either all taking `at` ms or exponentially spread. */
export type LatencyPart =
  | { readonly weight: number; readonly at: number }
  | { readonly weight: number; readonly min: number; readonly mean: number };

function cdf(parts: readonly LatencyPart[], x: number): number {
  let sum = 0;
  for (const p of parts) {
    if ('at' in p) {
      if (x >= p.at) sum += p.weight;
    } else if (x > p.min) {
      const spread = Math.max(p.mean - p.min, 1e-6);
      sum += p.weight * (1 - Math.exp(-(x - p.min) / spread));
    }
  }
  return sum;
}

/**
 * The q-quantile (0 < q < 1) of the mixture, in ms rounded to 0.1: bisection on the cumulative
 * count, so the cost is the number of parts times a fixed 50 steps. 0 when there is nothing to measure.
 */
export function latencyQuantile(parts: readonly LatencyPart[], q: number): number {
  const total = parts.reduce((a, p) => a + p.weight, 0);
  if (total <= 0) return 0;
  const target = q * total;
  let lo = 0;
  let hi = 1;
  for (const p of parts) hi = Math.max(hi, 'at' in p ? p.at : p.min + 40 * (p.mean - p.min));
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(parts, mid) >= target) hi = mid;
    else lo = mid;
  }
  return Math.round(hi * 10) / 10;
}
