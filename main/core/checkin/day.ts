/**
 * The check-in day is the date at the venue, not on the kiosk's clock or in UTC: a scan at
 * 00:30 in Paris belongs to that Paris day. Formatters are cached (building one costs more
 * than a whole check-in).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      // An event saved with a zone this runtime does not know: UTC beats refusing every scan.
      found = formatter('UTC');
    }
    formatters.set(timeZone, found);
  }
  return found;
}

function parts(at: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

const two = (n: number | undefined) => String(n).padStart(2, '0');

function dayOf(p: Record<string, number>): string {
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}`;
}

/** YYYY-MM-DD of `at` in the time zone. */
export function localDay(at: Date, timeZone: string): string {
  return dayOf(parts(at, timeZone));
}

/** "YYYY-MM-DDTHH:MM" of `at` in the time zone: the venue's wall clock, without an offset. */
export function localMinute(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${dayOf(p)}T${two(p.hour)}:${two(p.minute)}`;
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(at: Date, timeZone: string): number {
  const p = parts(at, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * An ISO datetime as an instant; without an offset ("2026-09-18T09:14") it is the venue's
 * local time.
 */
export function parseScanTime(text: string, timeZone: string): Date {
  if (hasOffset.test(text)) return new Date(text);
  const naive = new Date(`${text}Z`);
  // Two passes settle the offset even on the day the clocks change.
  let instant = new Date(naive.getTime() - offsetMinutes(naive, timeZone) * 60000);
  instant = new Date(naive.getTime() - offsetMinutes(instant, timeZone) * 60000);
  return instant;
}
