import { describe, expect, it } from 'vitest';
import type { RoomAttendance } from '../../main/core/dashboard/types';
import { continuousSlots, countryLines, roomTone, topCountries } from '../../renderer/components/dashboard/figures';
import { dayDate, formatters, share, slotLabel } from '../../renderer/components/dashboard/format';

describe('dashboard figures', () => {
  it('reads a slot as the venue clock wrote it; only an instant with an offset is converted', () => {
    expect(slotLabel('2023-09-19T09:15', 'fr')).toBe('09:15');
    expect(slotLabel('2023-09-19T09:15:00', 'en')).toBe('09:15');
    expect(slotLabel('09:30', 'fr')).toBe('09:30');
    expect(slotLabel('not a time', 'fr')).toBe('not a time');
  });

  it('fills the quiet quarters between the first and last arrival', () => {
    const slots = continuousSlots(
      [
        { start: '2023-09-19T08:45', count: 3 },
        { start: '2023-09-19T09:30', count: 1 },
      ],
      'fr',
    );
    expect(slots).toEqual([
      { label: '08:45', count: 3 },
      { label: '09:00', count: 0 },
      { label: '09:15', count: 0 },
      { label: '09:30', count: 1 },
    ]);
    expect(continuousSlots([], 'fr')).toEqual([]);
  });

  it('names the top countries and sums the rest into one line', () => {
    const rows = Array.from({ length: topCountries + 3 }, (_, i) => ({ key: `Pays ${String(i).padStart(2, '0')}`, arrived: i, expected: 100 - i }));
    rows.push({ key: '', arrived: 1, expected: 200 });
    const lines = countryLines(rows, 'fr', 'Non renseigné', (count) => `${count} autres pays`);
    expect(lines).toHaveLength(topCountries + 1);
    expect(lines[0]).toMatchObject({ label: 'Non renseigné', expected: 200 });
    expect(lines[1]).toMatchObject({ key: 'Pays 00', expected: 100 });
    const rest = lines.at(-1)!;
    expect(rest).toMatchObject({ rest: true, label: '4 autres pays' });
    // Pays 09…12 are the four past the top ten (the unnamed line took a place).
    expect(rest.arrived).toBe(9 + 10 + 11 + 12);
    expect(rest.expected).toBe(91 + 90 + 89 + 88);
    expect(countryLines([], 'fr', '', () => '')).toEqual([]);
  });

  it('says when a room is nearly full and full (over capacity included)', () => {
    const room = (attended: number, capacity: number | null): RoomAttendance => ({
      checkpointId: 'w',
      name: 'Atelier',
      room: '',
      day: null,
      startsAt: null,
      capacity,
      attended,
      registered: 0,
    });
    expect(roomTone(room(10, 40))).toBe('normal');
    expect(roomTone(room(36, 40))).toBe('high');
    expect(roomTone(room(40, 40))).toBe('full');
    expect(roomTone(room(45, 40))).toBe('full');
    expect(roomTone(room(45, null))).toBe('normal');
    expect(share(45, 40)).toBe(1);
    expect(share(1, 0)).toBe(0);
  });

  it('formats numbers and percentages in the interface language', () => {
    const fr = formatters('fr');
    const en = formatters('en');
    // French groups thousands with a narrow no-break space and puts a space before %.
    expect(fr.number(1234)).toBe('1\u202f234');
    expect(en.number(1234)).toBe('1,234');
    expect(fr.percent(1, 2)).toBe('50\u00a0%');
    expect(en.percent(1, 2)).toBe('50%');
    expect(fr.percent(1, 0)).toBe('–');
    expect(dayDate('2023-09-19', 'fr')).toBe('mar. 19 sept.');
    expect(dayDate('2023-09-19', 'en')).toBe('Tue, Sep 19');
  });
});
