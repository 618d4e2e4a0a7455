import { describe, expect, it } from 'vitest';
import { attendanceRows, countAttendanceRows } from '../../main/core/exports/attendance';
import { exportDesk, withCheckins } from './export-fixture';

const names = (rows: Iterable<{ lastName: string }>) => [...rows].map((row) => row.lastName);

describe('attendance rows', () => {
  it('lists everyone expected, sorted by last name with accents ignored, with their first arrival per day', async () => {
    const d = await exportDesk();
    await withCheckins(d);
    const rows = [...attendanceRows(d.db, d.eventId)];
    // Cancelled and never arrived: not expected. Accents and case do not separate Éluard from Elbaz.
    expect(names(rows)).toEqual(['Diop', 'Elbaz', 'Éluard', 'Kowalski', 'Martin', 'Nguyễn', 'الزهراء', '张']);
    expect(countAttendanceRows(d.db, d.eventId)).toBe(rows.length);
    const emile = rows.find((row) => row.id === d.people.emile)!;
    expect(emile).toMatchObject({
      honorific: 'M.',
      firstName: 'Émile',
      organisation: 'Région Bretagne',
      registeredSessions: ['Atelier climat', 'Atelier sport & JOP 2024'],
      workshopsAttended: ['Atelier climat', 'Atelier sport & JOP 2024'],
      walkin: false,
      badgePrinted: false,
    });
    expect(emile.firstCheckins).toEqual([
      { day: '2023-09-18', at: '2023-09-18T08:00:00.000Z', kioskName: 'Accueil 1', method: 'search' },
      { day: '2023-09-19', at: '2023-09-19T07:10:00.000Z', kioskName: 'Accueil 1', method: 'search' },
    ]);
    expect(emile.sessionEntries.map((entry) => [entry.checkpointId, entry.day, entry.at])).toEqual([
      ['atelier-climat', '2023-09-19', '2023-09-19T09:00:00.000Z'],
      ['atelier-sport', '2023-09-19', '2023-09-19T13:00:00.000Z'],
    ]);
    // Only a print the printer accepted counts; the undone check-in does not count as an arrival.
    expect(rows.find((row) => row.id === d.people.awa)!.badgePrinted).toBe(true);
    expect(rows.find((row) => row.id === d.people.lan)!.badgePrinted).toBe(false);
    expect(rows.find((row) => row.id === d.people.eloise)!.firstCheckins).toEqual([]);
    expect(rows.find((row) => row.id === d.people.walkin)!.walkin).toBe(true);
  });

  it('filters by day, by checkpoint, and adds the absent on request', async () => {
    const d = await exportDesk();
    await withCheckins(d);
    expect(names(attendanceRows(d.db, d.eventId, { day: '2023-09-18' }))).toEqual(['Diop', 'Éluard', 'Martin', 'Nguyễn', 'الزهراء']);
    expect(names(attendanceRows(d.db, d.eventId, { day: '2023-09-19' }))).toEqual(['Diop', 'Éluard', '张']);
    expect(names(attendanceRows(d.db, d.eventId, { checkpointId: 'atelier-sport' }))).toEqual(['Éluard', '张']);
    // Registered for the climate workshop but never entered it: Lan and Jan.
    expect(names(attendanceRows(d.db, d.eventId, { checkpointId: 'atelier-climat', includeAbsent: true }))).toEqual([
      'Éluard',
      'Kowalski',
      'Nguyễn',
    ]);
    expect(names(attendanceRows(d.db, d.eventId, { includeAbsent: false }))).toEqual(['Diop', 'Éluard', 'Martin', 'Nguyễn', 'الزهراء', '张']);
    expect(countAttendanceRows(d.db, d.eventId, { day: '2023-09-19' })).toBe(3);
  });

  it('yields the expected list, with no arrivals, for an event nobody has reached yet', async () => {
    const d = await exportDesk();
    const rows = [...attendanceRows(d.db, d.eventId)];
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row.firstCheckins.length === 0 && row.workshopsAttended.length === 0)).toBe(true);
    expect([...attendanceRows(d.db, d.eventId, { day: '2023-09-18' })]).toEqual([]);
  });
});
