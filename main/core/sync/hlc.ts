/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, with the
 * node id as the last tie-break. Edits of the same field on two kiosks resolve to the later
 * clock; a kiosk whose clock runs 10 minutes behind still orders its edit after one it has
 * already seen, because receiving a clock moves ours past it.
 *
 * Serialised as a fixed-width string so that string order is clock order:
 * `<ms, 15 digits>-<counter, 6 digits>-<node>`.
 */
export interface Hlc {
  ms: number;
  counter: number;
  node: string;
}

export function formatHlc({ ms, counter, node }: Hlc): string {
  return `${String(ms).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${node}`;
}

export function parseHlc(text: string): Hlc | null {
  const match = /^(\d{15})-(\d{6})-(.+)$/.exec(text);
  if (!match) return null;
  return { ms: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

/** The clock of one node: `tick()` for a local event, `receive(remote)` when a remote clock is seen. */
export class HybridClock {
  private last: Hlc;

  constructor(
    private readonly node: string,
    private readonly wall: () => number = () => Date.now(),
    restored?: string | null,
  ) {
    this.last = (restored ? parseHlc(restored) : null) ?? { ms: 0, counter: 0, node };
  }

  tick(): string {
    const now = this.wall();
    this.last = now > this.last.ms ? { ms: now, counter: 0, node: this.node } : { ms: this.last.ms, counter: this.last.counter + 1, node: this.node };
    return formatHlc(this.last);
  }

  receive(remote: string): void {
    const r = parseHlc(remote);
    if (!r) return;
    const now = this.wall();
    const ms = Math.max(now, this.last.ms, r.ms);
    const counter = ms === this.last.ms && ms === r.ms ? Math.max(this.last.counter, r.counter) + 1 : ms === this.last.ms ? this.last.counter + 1 : ms === r.ms ? r.counter + 1 : 0;
    this.last = { ms, counter, node: this.node };
  }

  /** The latest clock, to persist (settings 'sync.hlc') so a restart never goes back in time. */
  current(): string {
    return formatHlc(this.last);
  }
}
