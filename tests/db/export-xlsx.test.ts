import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportDesk, withCheckins } from './export-fixture';

const sheetNames = ['Participants', 'Par jour', 'Par atelier', 'Par pays', 'Par collectivité', 'Walk-ins', 'Absents'];

async function workbook(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  return book;
}

/** Every row of a sheet as plain values (the header first). */
function values(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from(row.values as unknown[]).slice(1).map((value) => value ?? null));
  });
  return rows;
}

describe('the attendance workbook', () => {
  it('has the seven sheets with exact counts, Unicode names intact and times at the venue', async () => {
    const d = await exportDesk();
    await withCheckins(d);
    const file = await d.call('export:attendance', { format: 'xlsx' });
    expect(file.fileName).toBe('presence-rencontres.xlsx');
    expect(file.rows).toBe(8);
    const book = await workbook(file.data);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(sheetNames);

    const participants = values(book.getWorksheet('Participants')!);
    expect(participants[0]).toHaveLength(18);
    expect(participants.slice(1).map((row) => row[1])).toEqual(['Diop', 'Elbaz', 'Éluard', 'Kowalski', 'Martin', 'Nguyễn', 'الزهراء', '张']);
    expect(participants.slice(1).map((row) => row[2])).toEqual(['Awa', 'eloise', 'Émile', 'Jan', 'Paul', 'Lan', 'فاطمة', '伟']);
    const awa = participants[1]!;
    expect(awa[9]).toBe('2023-09-18 09:14'); // 07:14 UTC is 09:14 in Paris
    expect(awa.slice(10, 12)).toEqual(['Accueil 1', 'recherche']);
    expect(awa.slice(15)).toEqual([null, 'oui', 'non']);

    const byDay = values(book.getWorksheet('Par jour')!);
    expect(byDay[0]!.slice(0, 2)).toEqual(['Jour', 'Civilité']);
    expect(byDay.slice(1).map((row) => [row[0], row[2]])).toEqual([
      ['18/09/2023', 'Diop'],
      ['18/09/2023', 'Éluard'],
      ['18/09/2023', 'Martin'],
      ['18/09/2023', 'Nguyễn'],
      ['18/09/2023', 'الزهراء'],
      ['19/09/2023', 'Diop'],
      ['19/09/2023', 'Éluard'],
      ['19/09/2023', '张'],
    ]);

    const byWorkshop = values(book.getWorksheet('Par atelier')!);
    // Climate: Émile entered; Jan and Lan registered, absent. Sport: Émile (registered) and Zhang (registered).
    expect(byWorkshop.slice(1).map((row) => [row[0], row[4], row[10], row[11]])).toEqual([
      ['Atelier climat', 'Éluard', 'oui', 'oui'],
      ['Atelier climat', 'Kowalski', 'oui', 'non'],
      ['Atelier climat', 'Nguyễn', 'oui', 'non'],
      ['Atelier sport & JOP 2024', 'Éluard', 'oui', 'oui'],
      ['Atelier sport & JOP 2024', '张', 'oui', 'oui'],
    ]);

    const byCountry = values(book.getWorksheet('Par pays')!);
    expect(byCountry[0]).toEqual(['Pays', 'Inscrits', 'Présents', 'Présents 18/09/2023', 'Présents 19/09/2023', 'Walk-ins', 'Absents']);
    expect(byCountry.slice(1)).toEqual([
      ['Chine', 1, 1, 0, 1, 0, 0],
      ['France', 3, 2, 2, 1, 1, 1], // Émile, Eloïse (undone: absent), Paul the walk-in; Olivier is cancelled
      ['Pologne', 1, 0, 0, 0, 0, 1],
      ['Sénégal', 1, 1, 1, 1, 0, 0],
      ['Tunisie', 1, 1, 1, 0, 0, 0],
      ['Viêt Nam', 1, 1, 1, 0, 0, 0],
    ]);
    const byOrganisation = values(book.getWorksheet('Par collectivité')!);
    expect(byOrganisation.slice(1).map((row) => row[0])).toEqual([
      'Commune de Tunis', 'Gmina Kraków', 'Hà Nội', 'Métropole de Lyon', 'Presse', 'Région Bretagne', 'Ville de Dakar', '北京市',
    ]);
    expect(values(book.getWorksheet('Walk-ins')!).slice(1).map((row) => row[1])).toEqual(['Martin']);
    expect(values(book.getWorksheet('Absents')!).slice(1).map((row) => row[1])).toEqual(['Elbaz', 'Kowalski']);
  });

  it('someone whose only entry was at a checkpoint removed from the event since still counts as present', async () => {
    const d = await exportDesk();
    await withCheckins(d);
    await d.checkin(d.people.eloise, '2023-09-19T08:30:00Z', 'atelier-sport');
    await d.call('events:update', {
      id: d.eventId,
      checkpoints: [
        { id: 'entree', kind: 'entrance', name: 'Entrée principale' },
        { id: 'atelier-climat', kind: 'session', name: 'Atelier climat', day: '2023-09-19' },
      ],
    });
    const book = await workbook((await d.call('export:attendance', { format: 'xlsx' })).data);
    expect(values(book.getWorksheet('Absents')!).slice(1).map((row) => row[1])).toEqual(['Kowalski']);
  });

  it('has every sheet, with headers only where nothing happened, for an event with no check-ins', async () => {
    const d = await exportDesk();
    const book = await workbook((await d.call('export:attendance', { format: 'xlsx', language: 'en' })).data);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Participants', 'By day', 'By workshop', 'By country', 'By organisation', 'Walk-ins', 'Absent']);
    expect(values(book.getWorksheet('Participants')!)).toHaveLength(9);
    expect(values(book.getWorksheet('By day')!)).toHaveLength(1);
    expect(values(book.getWorksheet('By workshop')!)).toHaveLength(1 + 5); // registrations: Lan, Émile, Jan; Émile, Zhang
    expect(values(book.getWorksheet('Absent')!)).toHaveLength(1 + 8); // every valid one (the walk-in too), not the cancelled
  });

  it('limits Participants, By day and By workshop to the day asked for', async () => {
    const d = await exportDesk();
    await withCheckins(d);
    const book = await workbook((await d.call('export:attendance', { format: 'xlsx', day: '2023-09-19' })).data);
    expect(values(book.getWorksheet('Participants')!).slice(1).map((row) => row[1])).toEqual(['Diop', 'Éluard', '张']);
    expect(values(book.getWorksheet('Par jour')!).slice(1).every((row) => row[0] === '19/09/2023')).toBe(true);
  });
});
