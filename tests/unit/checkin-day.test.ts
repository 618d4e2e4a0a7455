import { describe, expect, it } from 'vitest';
import { localDay, parseScanTime } from '../../main/core/checkin/day';
import { cleanScannedCode, storableCode } from '../../main/core/checkin/checkin';

describe('check-in day', () => {
  it('is the date at the venue, not in UTC', () => {
    expect(localDay(new Date('2023-09-18T22:30:00Z'), 'Europe/Paris')).toBe('2023-09-19');
    expect(localDay(new Date('2023-09-18T21:30:00Z'), 'Europe/Paris')).toBe('2023-09-18');
    expect(localDay(new Date('2023-09-18T03:00:00Z'), 'America/Montreal')).toBe('2023-09-17');
    expect(localDay(new Date('2023-09-18T12:00:00Z'), 'Pacific/Kiritimati')).toBe('2023-09-19');
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(localDay(new Date('2023-09-18T23:30:00Z'), 'Mars/Olympus_Mons')).toBe('2023-09-18');
  });

  it('reads a time without an offset as the venue local time, across clock changes', () => {
    expect(parseScanTime('2023-09-18T09:14', 'Europe/Paris').toISOString()).toBe('2023-09-18T07:14:00.000Z');
    expect(parseScanTime('2026-01-10T09:00:00', 'Europe/Paris').toISOString()).toBe('2026-01-10T08:00:00.000Z');
    expect(parseScanTime('2026-03-29T04:00', 'Europe/Paris').toISOString()).toBe('2026-03-29T02:00:00.000Z');
    expect(parseScanTime('2026-10-25T12:00', 'Europe/Paris').toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });

  it('keeps an explicit offset', () => {
    expect(parseScanTime('2023-09-18T09:14:00+02:00', 'America/Montreal').toISOString()).toBe('2023-09-18T07:14:00.000Z');
    expect(parseScanTime('2023-09-18T07:14:00Z', 'Europe/Paris').toISOString()).toBe('2023-09-18T07:14:00.000Z');
  });
});

describe('scanned text', () => {
  it('loses what keyboard-wedge scanners and phones add around the code', () => {
    expect(cleanScannedCode('  WZ-123\r\n')).toBe('WZ-123');
    expect(cleanScannedCode('\u0002AC1:ABC\u0003\t')).toBe('AC1:ABC');
    expect(cleanScannedCode('\u001d')).toBe('');
    expect(cleanScannedCode('A B')).toBe('A B');
  });

  it('is stored short and without control characters', () => {
    expect(storableCode('x'.repeat(4096))).toHaveLength(200);
    expect(storableCode('a\u0000b\nc')).toBe('a\ufffdb\ufffdc');
    expect(storableCode('WZ-123')).toBe('WZ-123');
  });
});
