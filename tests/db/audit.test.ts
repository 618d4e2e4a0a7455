import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralise } from '../../main/core/roles/audit-csv';
import { openCore } from '../helpers/services';

describe('audit:list', () => {
  it('pages the log newest first by beforeId', async () => {
    const clock = { now: new Date('2026-03-01T08:00:00Z') };
    const core = openCore(() => clock.now);
    for (let i = 0; i < 7; i += 1) {
      clock.now = new Date(clock.now.getTime() + 60_000);
      core.services.audit.record({ action: `test.step`, target: `t${i}`, details: { i }, role: 'organiser' });
    }
    const first = await core.call('audit:list', { limit: 3 });
    expect(first.map((r) => r.target)).toEqual(['t6', 't5', 't4']);
    expect(first[0]).toMatchObject({ action: 'test.step', role: 'organiser', details: { i: 6 }, kioskId: core.services.settings.kioskId(), at: '2026-03-01T08:07:00.000Z' });
    const second = await core.call('audit:list', { limit: 3, beforeId: first.at(-1)!.id });
    expect(second.map((r) => r.target)).toEqual(['t3', 't2', 't1']);
    const last = await core.call('audit:list', { limit: 3, beforeId: second.at(-1)!.id });
    expect(last.map((r) => r.target)).toEqual(['t0']);
    expect(await core.call('audit:list', { beforeId: last[0]!.id })).toEqual([]);
    expect((await core.fail('audit:list', { limit: 0 })).code).toBe('invalid_input');
  });
});

describe('audit:export', () => {
  it('is a CSV with a BOM that csv-parse reads back, formulas neutralised, and is itself logged', async () => {
    const clock = { now: new Date('2026-03-01T08:00:00Z') };
    const core = openCore(() => clock.now);
    core.services.audit.record({ action: 'checkin.undo', target: '=HYPERLINK("http://evil")', details: { reason: '+1 wrong, "really"; twice' } });
    core.services.audit.record({ action: 'import', target: 'ev-1', details: { fileName: 'Inscrits été.csv', imported: 12 }, role: 'organiser' });
    const { fileName, data } = await core.call('audit:export', {});
    expect(fileName).toMatch(/^journal-.+-2026-03-01\.csv$/);
    expect([...data.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(Buffer.from(data).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.action)).toEqual(['checkin.undo', 'import']);
    // An entry without a role takes the mode in force: no PIN is set, so this kiosk is open (organiser).
    expect(rows[0]).toMatchObject({ role: 'organiser', target: `'=HYPERLINK("http://evil")` });
    expect(JSON.parse(rows[0]!.details!)).toEqual({ reason: '+1 wrong, "really"; twice' });
    expect(JSON.parse(rows[1]!.details!)).toEqual({ fileName: 'Inscrits été.csv', imported: 12 });
    expect(Object.keys(rows[0]!)).toEqual(['id', 'at', 'kiosk_id', 'role', 'action', 'target', 'details']);
    const logged = await core.call('audit:list', { limit: 1 });
    expect(logged[0]).toMatchObject({ action: 'audit.export', role: 'organiser', details: { rows: 2 } });
  });

  it('neutralises every formula start', () => {
    for (const cell of ['=1+1', '+33 1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(cell)).toBe(`'${cell}`);
    for (const cell of ['Awa', '1-2', 'a=b', '']) expect(neutralise(cell)).toBe(cell);
  });
});
