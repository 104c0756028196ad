/** Digits of pi for the `pi` Job example (Machin's formula on BigInt), as bignum's bpi(N) prints them. */

function arctanInv(x: bigint, unity: bigint): bigint {
  let sum = unity / x;
  let term = sum;
  const x2 = x * x;
  for (let n = 3n, sign = -1n; term !== 0n; n += 2n, sign = -sign) {
    term /= x2;
    sum += (sign * term) / n;
  }
  return sum;
}

const cache = new Map<number, string>();

/** Pi to `n` significant digits, rounded in the last one: "3.14159" for 6. */
export function piDigits(n: number): string {
  if (n < 1) return '0';
  const hit = cache.get(n);
  if (hit) return hit;
  const guard = 10n;
  const unity = 10n ** (BigInt(n) + guard);
  const pi = 4n * (4n * arctanInv(5n, unity) - arctanInv(239n, unity));
  // pi x 10^(n+guard) has n+guard+1 digits: keep n of them, rounded.
  const rounded = (pi / 10n ** guard + 5n) / 10n;
  const s = rounded.toString();
  const out = n === 1 ? s : `${s[0] ?? ''}.${s.slice(1, n)}`;
  cache.set(n, out);
  return out;
}
