/**
 * Arrivals per 15 minutes, on the venue's clock. Slots are counted in UTC (unix time / 900):
 * every time zone in use is a whole number of quarter hours from UTC, so a UTC quarter is a
 * local quarter too, and only the few slots of a day are converted, never each arrival.
 */
import { localMinute, parseScanTime } from '../checkin/day';

const slotSeconds = 900;

/** "YYYY-MM-DDTHH:MM" of a slot's start at the venue (no offset: the venue's clock, as the screen shows it). */
export function slotStart(slot: number, timeZone: string): string {
  return localMinute(new Date(slot * slotSeconds * 1000), timeZone);
}

/**
 * Counted slots of `day` as a continuous series from the first arrival's quarter to the last
 * one's, empty quarters included (a chart shows the lull, not a gap). Only quarters of that
 * local day: a check-in filed under a day it does not fall on (a device with a wrong clock)
 * cannot stretch the chart over weeks.
 */
export function slotSeries(counts: ReadonlyMap<number, number>, day: string, timeZone: string): { start: string; count: number }[] {
  const dayStart = Math.floor(parseScanTime(`${day}T00:00:00`, timeZone).getTime() / 1000 / slotSeconds);
  const dayEnd = Math.floor(parseScanTime(`${nextDay(day)}T00:00:00`, timeZone).getTime() / 1000 / slotSeconds);
  const slots = [...counts.keys()].filter((slot) => (counts.get(slot) ?? 0) > 0 && slot >= dayStart && slot < dayEnd);
  if (slots.length === 0) return [];
  const first = Math.min(...slots);
  const last = Math.max(...slots);
  const series: { start: string; count: number }[] = [];
  for (let slot = first; slot <= last; slot++) series.push({ start: slotStart(slot, timeZone), count: counts.get(slot) ?? 0 });
  return series;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
