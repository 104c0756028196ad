/**
 * The rollout arithmetic of a Deployment (ResolveFenceposts in deployment_util.go, on top of apimachinery's
 * GetScaledValueFromIntOrPercent): a file of its own, with no imports, so that the inspector's "why" panel
 * can show the same numbers without pulling the controller's helpers into the page.
 */

/** GetScaledValueFromIntOrPercent: an int as is, "N%" of `total` rounded up or down. NaN when malformed. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) return Number.NaN;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** Surge rounds up, unavailable rounds down; when both end at 0, unavailable becomes 1. */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  // Rounding down can reach 0 even though validation forbids two literal zeros; surge may be blocked by quota.
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
