/**
 * Seeded random numbers (sfc32). The generator's state is plain data that lives in the simulation state,
 * so a snapshot restores it and a replay draws exactly the same names and jitter.
 */
export type RngState = readonly [number, number, number, number];

export function seedRng(seed: number): RngState {
  // splitmix32 spreads a small seed over the four words; the warm-up discards the weak first outputs.
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let state: RngState = [next(), next(), next(), next()];
  for (let i = 0; i < 12; i++) state = sfc32(state)[1];
  return state;
}

/** One step: a uint32 and the next state. */
export function sfc32(state: RngState): [number, RngState] {
  let [a, b, c, d] = state;
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) >>> 0;
  return [t, [a >>> 0, b >>> 0, c, d]];
}

/** A mutable cursor over an RngState, for code that draws several numbers in one step. */
export class Rng {
  constructor(private state: RngState) {}

  get snapshot(): RngState {
    return this.state;
  }

  restore(state: RngState): void {
    this.state = state;
  }

  uint32(): number {
    const [v, next] = sfc32(this.state);
    this.state = next;
    return v;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 2 ** 32;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Kubernetes' `utilrand.String`: characters that cannot spell words, as in pod names "web-7d9f8-x2k4q". */
  suffix(length = 5): string {
    let out = '';
    for (let i = 0; i < length; i++) out += NAME_ALPHABET[this.int(NAME_ALPHABET.length)];
    return out;
  }

  /** An RFC 4122 version-4 UUID, drawn from the seeded stream. */
  uuid(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    const a = hex(this.uint32());
    const b = hex(this.uint32());
    const c = hex(this.uint32());
    const d = hex(this.uint32());
    const variant = ((parseInt(c[0] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

/** The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels and no confusable characters. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Kubernetes' SafeEncodeString: map each character of a string onto NAME_ALPHABET. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}
