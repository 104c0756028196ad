/**
 * The discrete-event clock's queue: a binary min-heap of timers ordered by time, then by insertion order,
 * so that timers due at the same instant fire in the order they were set (determinism).
 * Timers are plain data (which controller to wake, with which key), never closures, so they snapshot.
 */
export interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly controller: string;
  readonly key: string;
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class TimerQueue {
  private heap: Timer[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  add(at: number, controller: string, key: string): void {
    const t: Timer = { at, seq: this.seq++, controller, key };
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i] as Timer, h[p] as Timer)) break;
      [h[i], h[p]] = [h[p] as Timer, h[i] as Timer];
      i = p;
    }
  }

  peek(): Timer | undefined {
    return this.heap[0];
  }

  pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l] as Timer, h[m] as Timer)) m = l;
        if (r < h.length && before(h[r] as Timer, h[m] as Timer)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Timer, h[i] as Timer];
        i = m;
      }
    }
    return top;
  }

  snapshot(): { heap: readonly Timer[]; seq: number } {
    return { heap: this.heap.slice(), seq: this.seq };
  }

  restore(s: { heap: readonly Timer[]; seq: number }): void {
    this.heap = s.heap.slice();
    this.seq = s.seq;
  }
}
