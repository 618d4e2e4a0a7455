/**
 * Times in the venue's time zone. Exports turn hundreds of thousands of instants into wall
 * clock times and Intl's formatToParts is slow, so the zone's offset is looked up once per
 * quarter hour of UTC (every zone changes its offset on a quarter-hour boundary) and cached:
 * an event spans a few days, a few hundred entries at most.
 */
const quarter = 15 * 60_000;

export class VenueClock {
  private readonly parts: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** The instant shifted so that its UTC fields read the venue's wall clock (what XLSX dates hold). */
  wallClock(iso: string): Date | null {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return null;
    return new Date(ms + this.offset(ms));
  }

  /** "2023-09-18 09:14" at the venue; '' for no time. */
  format(iso: string): string {
    const wall = this.wallClock(iso);
    if (!wall) return '';
    return wall.toISOString().slice(0, 16).replace('T', ' ');
  }

  private offset(ms: number): number {
    const bucket = Math.floor(ms / quarter);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      const at = bucket * quarter;
      const p = Object.fromEntries(this.parts.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
      offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - at;
      this.offsets.set(bucket, offset);
    }
    return offset;
  }
}
