/**
 * How the dashboard arranges the core's figures for display: pure functions (no React), so
 * they are tested on their own (tests/unit/dashboard-figures.test.ts).
 */
import type { Dashboard, RoomAttendance, Tally, TallyRow } from '../../../main/core/dashboard/types';
import { slotLabel } from './format';

export interface Slot {
  label: string;
  count: number;
}

export interface TallyLine extends Tally {
  key: string;
  label: string;
  /** A line that sums others (the countries past the top ones), set apart. */
  rest?: boolean;
}

function minutesOf(label: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(label);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * The quarters between the first and the last arrival, quiet ones included, so the bars keep
 * their place in time (the core may list only the quarters that had arrivals).
 */
export function continuousSlots(slots: Dashboard['arrivalsPer15'], language: string): Slot[] {
  const labelled = slots.map((slot) => ({ label: slotLabel(slot.start, language), count: slot.count }));
  const minutes = labelled.map((slot) => minutesOf(slot.label));
  if (labelled.length === 0 || minutes.some((value) => value === null)) return labelled;
  const counts = new Map<number, number>();
  minutes.forEach((value, index) => counts.set(value!, (counts.get(value!) ?? 0) + labelled[index]!.count));
  const first = Math.min(...counts.keys());
  const last = Math.max(...counts.keys());
  const filled: Slot[] = [];
  for (let at = first - (first % 15); at <= last; at += 15) {
    const label = `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`;
    filled.push({ label, count: counts.get(at) ?? 0 });
  }
  return filled;
}

/** Countries listed by name before the rest are summed into one line. */
export const topCountries = 10;

/** Most expected first, then most arrived, then by name: the big delegations lead. */
export function byWeight(language: string) {
  return (a: TallyRow, b: TallyRow) => b.expected - a.expected || b.arrived - a.arrived || a.key.localeCompare(b.key, language);
}

/** The top countries by name, the others summed into one line ("12 autres pays"). */
export function countryLines(rows: TallyRow[], language: string, unnamed: string, rest: (count: number) => string): TallyLine[] {
  const sorted = [...rows].sort(byWeight(language));
  const lines: TallyLine[] = sorted.slice(0, topCountries).map((row) => ({ ...row, label: row.key || unnamed }));
  const others = sorted.slice(topCountries);
  if (others.length > 0) {
    lines.push({
      key: '(rest)',
      label: rest(others.length),
      arrived: others.reduce((sum, row) => sum + row.arrived, 0),
      expected: others.reduce((sum, row) => sum + row.expected, 0),
      rest: true,
    });
  }
  return lines;
}

/** From 90 % of its capacity a room is nearly full: the desk should start sending people elsewhere. */
const nearlyFull = 0.9;

export function roomTone(room: RoomAttendance): 'normal' | 'high' | 'full' {
  if (room.capacity === null || room.capacity <= 0) return 'normal';
  if (room.attended >= room.capacity) return 'full';
  return room.attended >= room.capacity * nearlyFull ? 'high' : 'normal';
}

