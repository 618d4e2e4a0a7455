/**
 * The "Bad input" list: each gives a clear error naming the file, row or column,
 * and leaves the database exactly as it was (or, for bad rows, imports the rest).
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../main/core/attendees/import';
import { createServices } from '../../main/core/services';
import { dispatch } from '../../main/core/dispatch';
import { maxImportBytes } from '../../main/core/contract';
import { generateRegistrationCsv } from '../fixtures/import/generate';
import { allAttendees, byName, encodeCsv, fixedNow, fixture, openKiosk, snapshot, type TestKiosk } from '../fixtures/import/helpers';

let kiosk: TestKiosk;
beforeEach(() => {
  kiosk = openKiosk();
  // Something already there, which a failed import must leave alone.
  kiosk.attendees.insert({ eventId: kiosk.eventId, firstName: 'Déjà', lastName: 'Là', ticketCodes: ['OLD-1'] });
});
afterEach(() => kiosk.close());

const run = (fileName: string, data: Uint8Array, mapping?: Record<string, never>) =>
  runImport(kiosk.db, { fileName, data, eventId: kiosk.eventId, mapping }, fixedNow);

async function refused(fileName: string, data: Uint8Array, code: string): Promise<{ message: string; params: Record<string, unknown> }> {
  const before = snapshot(kiosk.db);
  const error = await run(fileName, data).then(
    () => {
      throw new Error(`expected ${code}`);
    },
    (e: unknown) => e as { code: string; message: string; params: Record<string, unknown> },
  );
  expect(error.code).toBe(code);
  expect(error.message).toContain(fileName);
  expect(error.params.file).toBe(fileName);
  expect(snapshot(kiosk.db)).toBe(before);
  return error;
}

describe('fatal input: a clear error, nothing written', () => {
  it('empty file', async () => {
    await refused('vide.csv', new Uint8Array(0), 'import.empty_file');
    await refused('blanc.csv', new TextEncoder().encode('\uFEFF\r\n\r\n'), 'import.empty_file');
    await expect(previewImport({ fileName: 'vide.csv', data: new Uint8Array(0) })).rejects.toMatchObject({ code: 'import.empty_file' });
  });

  it('binary file', async () => {
    const png = new Uint8Array(fs.readFileSync(new URL('../../package.json', import.meta.url)).length).map((_, i) => (i * 31) % 256);
    png.set([0x89, 0x50, 0x4e, 0x47], 0);
    await refused('photo.png', png, 'import.binary_file');
    const nul = new TextEncoder().encode('Nom;Prénom\nDupont;Marie\n\0\0\0\0\x01\x02\x03');
    await refused('inscrits.csv', nul, 'import.binary_file');
  });

  it('unknown encoding', async () => {
    const koi8 = new Uint8Array(iconv.encode('Фамилия;Имя;Город\nКоваленко;Дмитро;Київ\nШевченко;Тарас;Харків\nБондаренко;Олена;Одеса\n', 'koi8-r'));
    await refused('kyiv.csv', koi8, 'import.unknown_encoding');
    const big5 = new Uint8Array(iconv.encode('姓名;單位\n王芳;台北市政府\n李偉;高雄市政府\n陳美玲;台中市政府\n', 'big5'));
    await refused('taipei.csv', big5, 'import.unknown_encoding');
  });

  it('a file larger than the limit', async () => {
    await refused('enorme.csv', new Uint8Array(maxImportBytes + 1), 'import.too_large');
  });

  it('a zip that is not a workbook, a CSV with an unclosed quote', async () => {
    const xlsx = fixture('plain.xlsx').data;
    const unreadable = await refused('tronque.xlsx', xlsx.slice(0, 3000), 'import.unreadable');
    expect(unreadable.message).toContain('XLSX');
    const broken = await refused('casse.csv', new TextEncoder().encode('Nom;Prénom\nDupont;"Marie\nMartin;Paul\n'), 'import.unreadable');
    expect(broken.params.row).toBeGreaterThan(0);
  });

  it('a CSV with no recognisable name column: the preview works, the import asks for a mapping', async () => {
    const data = encodeCsv([
      ['Qui', 'Où', 'Quand'],
      ['Marie Dupont', 'Dijon', '18/09'],
      ['Paul Martin', 'Lyon', '19/09'],
    ]);
    const preview = await previewImport({ fileName: 'liste.csv', data });
    expect(preview.columns).toEqual([
      { column: 'Qui', field: null },
      { column: 'Où', field: null },
      { column: 'Quand', field: null },
    ]);
    expect(preview.rowCount).toBe(2);
    expect(preview.notices?.map((n) => n.code)).toEqual(['notice.unmapped_columns', 'notice.no_name_column']);

    const error = await refused('liste.csv', data, 'import.no_name_column');
    expect(error.message).toContain('Qui, Où, Quand');

    const report = await runImport(kiosk.db, { fileName: 'liste.csv', data, eventId: kiosk.eventId, mapping: { Qui: 'fullName', 'Où': 'organisation' } }, fixedNow);
    expect(report).toMatchObject({ imported: 2, errors: [] });
    expect(byName(kiosk, 'Dupont', 'Marie').organisation).toBe('Dijon');
  });

  it('a mapping naming a column that does not exist', async () => {
    const before = snapshot(kiosk.db);
    await expect(
      runImport(kiosk.db, { ...fixture('helloasso.csv'), eventId: kiosk.eventId, mapping: { 'Nom du participant': 'lastName' } }, fixedNow),
    ).rejects.toMatchObject({ code: 'import.unknown_column', params: { file: 'helloasso.csv', column: 'Nom du participant' } });
    await expect(
      runImport(kiosk.db, { ...fixture('helloasso.csv'), eventId: kiosk.eventId, mapping: { 'Numéro de badge': 'ticketCode' } }, fixedNow),
    ).rejects.toMatchObject({ code: 'import.unknown_column', params: { column: 'Numéro de badge' } });
    expect(snapshot(kiosk.db)).toBe(before);
  });

  it('a database failure half-way: the whole import is rolled back', async () => {
    kiosk.db.exec(`CREATE TEMP TRIGGER boom AFTER INSERT ON ticket_codes WHEN NEW.code = '200154325'
                   BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;`);
    const before = snapshot(kiosk.db);
    await expect(run('helloasso.csv', fixture('helloasso.csv').data)).rejects.toThrow('simulated');
    expect(snapshot(kiosk.db)).toBe(before);
  });

  it('through the services: a failed first import leaves no event behind and the app answers with an error value', async () => {
    const fresh = openKiosk();
    try {
      fresh.db.exec('DELETE FROM events');
      const services = createServices({ db: fresh.db, now: fixedNow });
      const failed = await dispatch(services.handlers, 'import:run', { fileName: 'vide.csv', data: new Uint8Array(0) });
      expect(failed).toMatchObject({ ok: false, code: 'import.empty_file', params: { file: 'vide.csv' } });
      const noName = await dispatch(services.handlers, 'import:run', { fileName: 'liste.csv', data: encodeCsv([['Ville'], ['Dijon']]) });
      expect(noName).toMatchObject({ ok: false, code: 'import.no_name_column' });
      expect(fresh.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });

      const ok = await dispatch(services.handlers, 'import:run', fixture('weezevent.csv'));
      expect(ok).toMatchObject({ ok: true, value: { imported: 5 } });
      expect(fresh.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    } finally {
      fresh.close();
    }
  });
});

describe('bad rows: reported with row and column, skipped, the rest imported', () => {
  it('a row with 10,000 characters in a field is skipped; in an unused column it does not matter', async () => {
    const long = 'Très long texte collé par erreur. '.repeat(300).slice(0, 10_000);
    const data = encodeCsv([
      ['Prénom', 'Nom', 'Organisation', 'Commentaire'],
      ['Marie', 'Dupont', 'Ville de Dijon', ''],
      ['Paul', 'Martin', long, ''],
      ['Zoë', 'Leroy', 'Ville de Lyon', long],
    ]);
    const report = await run('inscrits.csv', data);
    expect(report).toMatchObject({ imported: 2 });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'Organisation', code: 'row.cell_too_long', level: 'error', params: { row: 3, column: 'Organisation', length: 10_000, max: 1000 } }),
    ]);
    expect(report.errors[0]!.reason).toContain('Row 3');
    expect(new Set(allAttendees(kiosk).map((a) => a.lastName))).toEqual(new Set(['Dupont', 'Là', 'Leroy']));
  });

  it('rows without any name are skipped; an invalid e-mail is only a warning', async () => {
    const data = encodeCsv([
      ['Prénom', 'Nom', 'E-mail', 'Organisation'],
      ['', '', 'anonyme@example.org', 'Ville de Metz'],
      ['Paul', 'Martin', 'paul.martin(at)example.org', 'Ville de Lyon'],
      ['', '', '', ''],
    ]);
    const report = await run('inscrits.csv', data);
    expect(report.imported).toBe(1);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, code: 'row.no_name', level: 'error' }),
      expect.objectContaining({ row: 3, column: 'E-mail', code: 'row.invalid_email', level: 'warning' }),
    ]);
    expect(byName(kiosk, 'Martin', 'Paul').email).toBe('paul.martin(at)example.org');
  });

  it('formulas in CSV cells are data: stored as typed', async () => {
    const data = encodeCsv([
      ['Prénom', 'Nom', 'Fonction', 'Organisation', 'Pays'],
      ['Marie', 'Dupont', '=HYPERLINK("http://x","y")', '=1+1', '+33 6 12 34 56 78'],
      ['Paul', '@SUM(A1)', '-2+3', "'=quoted", '=cmd|\' /C calc\'!A0'],
    ]);
    const report = await run('formules.csv', data);
    expect(report).toMatchObject({ imported: 2, errors: [] });
    expect(byName(kiosk, 'Dupont', 'Marie')).toMatchObject({ function: '=HYPERLINK("http://x","y")', organisation: '=1+1', country: '+33 6 12 34 56 78' });
    expect(byName(kiosk, '@SUM(A1)', 'Paul')).toMatchObject({ function: '-2+3', organisation: "'=quoted", country: "=cmd|' /C calc'!A0" });
  });

  it('duplicate or empty column names are told apart; cells beyond the header are noticed, not lost silently', async () => {
    const data = encodeCsv([
      ['Prénom', '', 'Nom', 'Nom'],
      ['Marie', 'x', 'Dupont', 'Dupond'],
      ['Paul', 'y', 'Martin', '', 'surplus'],
    ]);
    const preview = await previewImport({ fileName: 'doublons.csv', data });
    expect(preview.columns.map((c) => c.column)).toEqual(['Prénom', '(B)', 'Nom', 'Nom (2)']);
    expect(preview.notices?.map((n) => n.code)).toEqual(expect.arrayContaining(['notice.duplicate_headers', 'notice.extra_cells']));
    const report = await runImport(kiosk.db, { fileName: 'doublons.csv', data, eventId: kiosk.eventId, mapping: { 'Nom (2)': 'ignore' } }, fixedNow);
    expect(report).toMatchObject({ imported: 2, errors: [] });
    expect(byName(kiosk, 'Dupont', 'Marie').lastName).toBe('Dupont');
  });

  it('a 50 MB export is imported whole', async () => {
    // 50,000 registrations with a long free-text answer each, as HelloAsso forms produce.
    const data = generateRegistrationCsv(50_000, { commentLength: 900, seed: 7 });
    expect(data.byteLength).toBeGreaterThan(50 * 1024 * 1024);
    expect(data.byteLength).toBeLessThan(maxImportBytes);
    const preview = await previewImport({ fileName: 'gros-export.csv', data });
    expect(preview.rowCount).toBe(50_000);
    expect(preview.columns.at(-1)).toEqual({ column: 'Commentaire', field: null });
    const report = await run('gros-export.csv', data);
    expect(report.imported).toBe(50_000);
    expect(report.errors).toEqual([]);
    expect(kiosk.db.prepare('SELECT count(*) AS n FROM attendees').get()).toEqual({ n: 50_001 });
  });
});
