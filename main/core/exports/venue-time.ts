/**
 * Times in the venue's time zone. Exports turn hundreds of thousands of instants into wall
 * clock times and Intl's formatToParts is slow, so the zone's offset is looked up once per
 * quarter hour of UTC (every zone changes its offset on a quarter-hour boundary) and cached:
 * an event spans a few days, a few hundred entries at most.
 */
import { offsetMinutes } from '../checkin/day';

const quarter = 15 * 60_000;

export class VenueClock {
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {}

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
      offset = offsetMinutes(new Date(bucket * quarter), this.timeZone) * 60_000;
      this.offsets.set(bucket, offset);
    }
    return offset;
  }
}
