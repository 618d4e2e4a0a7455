import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportDesk, withCheckins } from './export-fixture';

const bom = [0xef, 0xbb, 0xbf];

function read(data: Uint8Array, delimiter: ',' | ';'): string[][] {
  return parse(Buffer.from(data), { bom: true, delimiter, relax_column_count: false }) as string[][];
}

describe('the attendance CSV', () => {
  it('is UTF-8 with a BOM, French headers, one line per expected attendee, times at the venue', async () => {
    const d = await exportDesk();
    await withCheckins(d);
    const file = await d.call('export:attendance', { format: 'csv' });
    expect([...file.data.slice(0, 3)]).toEqual(bom);
    expect(file.fileName).toBe('presence-rencontres.csv');
    const [header, ...rows] = read(file.data, ',');
    expect(header).toEqual([
      'Civilité', 'Nom', 'Prénom', 'Fonction', 'Organisation', 'Pays', 'Catégorie', 'Statut', 'Sessions inscrites',
      'Arrivée 18/09/2023', 'Poste 18/09/2023', 'Méthode 18/09/2023',
      'Arrivée 19/09/2023', 'Poste 19/09/2023', 'Méthode 19/09/2023',
      'Ateliers suivis', 'Badge imprimé', 'Sur place (walk-in)',
    ]);
    expect(rows).toHaveLength(8);
    expect(file.rows).toBe(8);
    expect(rows.map((row) => row[1])).toEqual(['Diop', 'Elbaz', 'Éluard', 'Kowalski', 'Martin', 'Nguyễn', 'الزهراء', '张']);
    const emile = rows.find((row) => row[1] === 'Éluard')!;
    expect(emile).toEqual([
      'M.', 'Éluard', 'Émile', '', 'Région Bretagne', 'France', '', 'valide', 'Atelier climat ; Atelier sport & JOP 2024',
      '2023-09-18 10:00', 'Accueil 1', 'recherche', '2023-09-19 09:10', 'Accueil 1', 'recherche',
      'Atelier climat ; Atelier sport & JOP 2024', 'non', 'non',
    ]);
    expect(rows.find((row) => row[1] === 'Diop')!.slice(9, 10).concat(rows.find((row) => row[1] === 'Diop')!.slice(16))).toEqual([
      '2023-09-18 09:14', 'oui', 'non',
    ]);
    expect(rows.find((row) => row[1] === 'Martin')!.at(-1)).toBe('oui');
    expect(rows.find((row) => row[1] === '张')![2]).toBe('伟');
  });

  it("writes ';' for French Excel, quotes what needs it, and speaks English on request", async () => {
    const d = await exportDesk();
    await withCheckins(d);
    const file = await d.call('export:attendance', { format: 'csv', separator: ';', language: 'en', day: '2023-09-19' });
    const text = Buffer.from(file.data).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\ufeffTitle;Last name;First name;Function;Organisation;Country;Category;Status;Registered sessions;Arrival 2023-09-19;Desk 2023-09-19;Method 2023-09-19;Workshops attended;Badge printed;Walk-in',
    );
    // A session list holds ' ; ': the field is quoted, and a reader gets it back whole.
    expect(text).toContain('"Atelier climat ; Atelier sport & JOP 2024"');
    const [, ...rows] = read(file.data, ';');
    expect(rows.map((row) => row[1])).toEqual(['Diop', 'Éluard', '张']);
    expect(file.fileName).toBe('attendance-rencontres-2023-09-19.csv');
  });

  it('lists a workshop’s attendees with --checkpoint', async () => {
    const d = await exportDesk();
    await withCheckins(d);
    const file = await d.call('export:attendance', { format: 'csv', checkpointId: 'atelier-sport' });
    expect(read(file.data, ',').slice(1).map((row) => row[1])).toEqual(['Éluard', '张']);
  });

  it('refuses a day or a checkpoint the event does not have', async () => {
    const d = await exportDesk();
    expect(await d.fail('export:attendance', { format: 'csv', day: '2023-09-20' })).toMatchObject({ code: 'export.unknown_day' });
    expect(await d.fail('export:attendance', { format: 'csv', checkpointId: 'nope' })).toMatchObject({ code: 'checkpoint.not_found' });
  });

  it('exports an event with no check-in yet: everyone expected, no arrival times', async () => {
    const d = await exportDesk();
    const file = await d.call('export:attendance', { format: 'csv' });
    const [header, ...rows] = read(file.data, ',');
    expect(header).toHaveLength(18);
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row[9] === '' && row[12] === '')).toBe(true);
    const day = await d.call('export:attendance', { format: 'csv', day: '2023-09-18' });
    expect(read(day.data, ',')).toHaveLength(1); // the header alone
  });

  it('records the export in the audit log as an organiser action, with counts and no personal data', async () => {
    const d = await exportDesk();
    await withCheckins(d);
    await d.call('export:attendance', { format: 'csv', day: '2023-09-18' });
    const entries = d.db.prepare("SELECT role, details FROM audit_log WHERE action = 'export.attendance'").all() as { role: string; details: string }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]!.role).toBe('organiser');
    expect(JSON.parse(entries[0]!.details)).toMatchObject({ format: 'csv', day: '2023-09-18', checkpointId: null, rows: 5, to: 'bytes' });
    expect(entries[0]!.details).not.toMatch(/Diop|Awa|Dakar/);
  });
});
