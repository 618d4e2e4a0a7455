/** Figures of the dashboard in the interface language (1 234 in French, 1,234 in English). */
export interface Formatters {
  number(value: number): string;
  /** `part` of `whole` as a whole percentage; '–' when there is no whole to be a part of. */
  percent(part: number, whole: number): string;
  /** HH:MM:SS of an instant, in the desk's time zone. */
  clock(iso: string): string;
}

export function formatters(language: string): Formatters {
  const numbers = new Intl.NumberFormat(language);
  const percents = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const clock = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return {
    number: (value) => numbers.format(value),
    percent: (part, whole) => (whole > 0 ? percents.format(part / whole) : '–'),
    clock: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : clock.format(date);
    },
  };
}

/** A share for a bar's width, kept within 0–100 % (a room over capacity fills its bar, no more). */
export function share(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.max(0, Math.min(1, part / whole));
}

/**
 * The clock time a 15-minute slot starts at. The core gives the venue's local time
 * ("2023-09-19T09:15", or "09:15"): its HH:MM is read as written, so a desk in another time
 * zone shows the venue's clock. Only an instant with an offset is converted to the desk's time.
 */
export function slotLabel(start: string, language: string): string {
  const local = /^(?:\d{4}-\d{2}-\d{2}[T ])?(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(start);
  if (local) return local[1]!;
  const date = new Date(start);
  return Number.isNaN(date.getTime()) ? start : new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** A day as organisers name it: its label when it has one, and its date in the interface language. */
export function dayDate(date: string, language: string): string {
  // Noon UTC: the same calendar day in every time zone the desk may be in.
  const value = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(value.getTime())
    ? date
    : new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(value);
}
