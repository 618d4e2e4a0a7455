import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../main/core/attendees/import';
import { allAttendees, byName, fixedNow, fixture, openKiosk, type TestKiosk } from '../fixtures/import/helpers';

let kiosk: TestKiosk;
beforeEach(() => {
  kiosk = openKiosk();
});
afterEach(() => kiosk.close());

const run = (name: string, mapping?: Parameters<typeof runImport>[1]['mapping']) =>
  runImport(kiosk.db, { ...fixture(name), eventId: kiosk.eventId, mapping }, fixedNow);

describe('HelloAsso export (UTF-8 with BOM, ";", French headers, payer columns)', () => {
  it('previews with the participant columns mapped and the payer name ignored', async () => {
    const preview = await previewImport(fixture('helloasso.csv'));
    expect(preview).toMatchObject({ format: 'csv', encoding: 'UTF-8 (BOM)', delimiter: ';', rowCount: 6, headerRow: 1 });
    const field = (column: string) => preview.columns.find((c) => c.column === column)?.field;
    expect(field('Nom participant')).toBe('lastName');
    expect(field('Prénom participant')).toBe('firstName');
    expect(field('Nom payeur')).toBe('ignore');
    expect(field('Email payeur')).toBe('email');
    expect(field('Numéro de billet')).toBe('ticketCode');
    expect(field('Référence commande')).toBe('ignore');
    expect(field('Statut de la commande')).toBe('status');
    expect(field('Tarif')).toBe('ticketType');
    expect(field('Ateliers')).toBe('sessions');
    expect(field('Montant tarif')).toBeNull();
    expect(preview.notices?.map((n) => n.code)).toContain('notice.unmapped_columns');
    expect(preview.sample[0]?.[3]).toBe('Lefèvre');
  });

  it('imports every participant, spelled exactly, with codes, sessions and the refund cancelled', async () => {
    const report = await run('helloasso.csv');
    expect(report).toMatchObject({ imported: 6, updated: 0, unchanged: 0, merged: 0, cancelled: 1, errors: [] });

    const lan = byName(kiosk, 'NGUYỄN', 'Thị Lan');
    expect(lan).toMatchObject({
      organisation: 'Ville de Hội An',
      country: 'Viêt Nam',
      function: 'Directrice de la coopération',
      ticketType: 'Délégation étrangère',
      email: 'hoian.cooperation@example.org',
      status: 'valid',
      source: 'import',
      ticketCodes: ['200154322'],
      sessions: ['w-odd'],
    });
    expect(lan.id).toMatch(/^[0-9a-f-]{36}$/);
    // Same order and payer e-mail, another person: not merged.
    expect(byName(kiosk, 'Trần', 'Văn Hùng').sessions.sort()).toEqual(['w-climat', 'w-odd']);
    expect(byName(kiosk, 'Lefèvre', 'Marie-Hélène').sessions.sort()).toEqual(['w-climat', 'w-femmes']);
    expect(byName(kiosk, 'Garnier', 'Loïc').status).toBe('cancelled');
    // NBSP and stray spaces tidied, nothing else touched.
    expect(byName(kiosk, 'El Amrani', 'Fatima Zahra').organisation).toBe('Conseil régional de Tanger-Tétouan-Al Hoceïma');
    expect(byName(kiosk, 'Wiśniewska', 'Małgorzata').organisation).toBe('Miasto Kraków');
  });
});

describe('Weezevent export (Windows-1252, ";")', () => {
  it('decodes Windows-1252 (’ Œ é ü) and merges the duplicated line', async () => {
    const preview = await previewImport(fixture('weezevent.csv'));
    expect(preview).toMatchObject({ encoding: 'Windows-1252', delimiter: ';', rowCount: 6 });

    const report = await run('weezevent.csv');
    expect(report).toMatchObject({ imported: 5, merged: 1, cancelled: 2, errors: [] });
    expect(byName(kiosk, 'Béranger', 'Anaïs').function).toBe('Vice-présidente déléguée à l’international');
    expect(byName(kiosk, 'Müller', 'Jürgen').organisation).toBe('Städtetag Baden-Württemberg');
    expect(byName(kiosk, 'Gonçalves', 'João').status).toBe('cancelled');
    expect(byName(kiosk, 'García López', 'María José').status).toBe('cancelled');
    // The later duplicate line wins for values (the surname in capitals), one attendee, one code.
    const zoe = allAttendees(kiosk).filter((a) => a.firstName === 'Zoë');
    expect(zoe).toHaveLength(1);
    expect(zoe[0]).toMatchObject({ lastName: 'ŒUVRAY', ticketCodes: ['4012345678904'], status: 'valid' });
  });

  it('re-imported unchanged: nobody counted as cancelled again', async () => {
    await run('weezevent.csv');
    const again = await run('weezevent.csv');
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 5, merged: 1, cancelled: 0, errors: [] });
    expect(byName(kiosk, 'Gonçalves', 'João').status).toBe('cancelled');
    expect(byName(kiosk, 'García López', 'María José').status).toBe('cancelled');
  });
});

describe('Eventbrite export (English, ",", Attendee Status)', () => {
  it('maps Attending / Checked In to valid and Not Attending / Refunded to cancelled', async () => {
    const report = await run('eventbrite.csv');
    expect(report).toMatchObject({ imported: 6, merged: 0, cancelled: 2, errors: [] });
    expect(byName(kiosk, 'Mensah', 'Kwame')).toMatchObject({ honorific: 'Mr', function: 'Mayor', country: 'Ghana', status: 'valid' });
    expect(byName(kiosk, 'Haddad', 'Rania').status).toBe('valid');
    expect(byName(kiosk, '王', '芳')).toMatchObject({ honorific: 'Dr', status: 'cancelled', organisation: 'Chengdu Foreign Affairs Office' });
    expect(byName(kiosk, 'Okonkwo', 'Ngozi').status).toBe('cancelled');
    expect(byName(kiosk, 'Yılmaz', 'Ayşe').organisation).toBe('İzmir Büyükşehir Belediyesi');
  });

  it('gives each attendee of a two-person order their own codes (Attendee # and Barcode #), not the order number', async () => {
    await run('eventbrite.csv');
    const arabic = byName(kiosk, 'العلوي', 'محمد');
    expect(arabic.ticketCodes).toEqual(['9911003', '76543210029911003001']);
    expect(arabic.organisation).toBe('Municipality of Byblos, International Office');
    expect(byName(kiosk, 'Haddad', 'Rania').ticketCodes).toEqual(['9911002', '76543210029911002001']);
  });
});

describe('plain French Excel CSV (title line, "NOM Prénom", dirty cells, formulas as text)', () => {
  it('finds the header under the title, splits names, merges the duplicate and reports bad rows', async () => {
    const preview = await previewImport(fixture('plain-fr-excel.csv'));
    expect(preview).toMatchObject({ headerRow: 3, rowCount: 7 });
    expect(preview.columns.find((c) => c.column === 'NOM Prénom')?.field).toBe('fullName');

    const report = await run('plain-fr-excel.csv');
    expect(report).toMatchObject({ imported: 5, merged: 1, cancelled: 0 });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 8, column: 'Courriel', code: 'row.invalid_email', level: 'warning' }),
      expect.objectContaining({ row: 8, column: 'Ateliers', code: 'row.unknown_session', params: { row: 8, column: 'Ateliers', session: 'Atelier inconnu' } }),
      expect.objectContaining({ row: 9, code: 'row.no_name', level: 'error' }),
    ]);

    const dupont = byName(kiosk, 'DUPONT', 'Marie-Claire');
    expect(dupont).toMatchObject({ honorific: 'Mme', function: 'Maire', organisation: 'Ville de Dijon', category: 'Élu·e' });
    // Merged rows: union of workshops ("Sport & JOP 2024" found although the cell also splits on commas).
    expect(dupont.sessions.sort()).toEqual(['w-climat', 'w-sport']);
    expect(byName(kiosk, 'de La Fontaine', 'François')).toMatchObject({
      function: 'Directeur général des services',
      organisation: 'Région Bourgogne-Franche-Comté',
    });
    expect(byName(kiosk, 'SIDI', 'Ould Ahmed')).toMatchObject({ honorific: 'S.E. M.', function: 'Ambassadeur' });
    // Data, not formulas: stored as typed.
    expect(byName(kiosk, 'MARTIN', 'Jean-Pierre')).toMatchObject({
      function: '=HYPERLINK("http://example.org","Conseiller")',
      organisation: '=1+1',
      email: 'jp.martin@example',
    });
    expect(byName(kiosk, 'TRAORÉ', 'Aminata')).toMatchObject({
      function: 'Maire adjointe',
      organisation: 'Commune de Bamako IV',
      sessions: ['w-economie'],
    });
  });
});

describe('XLSX workbook (typed cells)', () => {
  it('reads numbers whole, rich text, hyperlinks and formula results, from the first sheet', async () => {
    const preview = await previewImport(fixture('plain.xlsx'));
    expect(preview).toMatchObject({ format: 'xlsx', delimiter: null, rowCount: 4, sheet: 'Inscrits' });
    expect(preview.notices?.map((n) => n.code)).toContain('notice.other_sheets_ignored');

    const report = await run('plain.xlsx');
    expect(report).toMatchObject({ imported: 4, cancelled: 1, errors: [] });
    expect(byName(kiosk, "N'Diaye", 'Élodie').ticketCodes).toEqual(['3601234567890']);
    expect(byName(kiosk, 'Żółkiewski', 'Łukasz')).toMatchObject({
      organisation: 'Urząd Miasta Gdańska',
      email: 'l.zolkiewski@example.org',
      ticketCodes: ['3601234567891'],
    });
    expect(byName(kiosk, 'Kovačević', 'Ana')).toMatchObject({ function: 'CONSEILLÈRE', ticketCodes: ['3601234567892'], status: 'cancelled' });
    // A string cell typed "=1+1" is text, not a formula.
    expect(byName(kiosk, 'Araújo', 'Tiago').function).toBe('=1+1');
  });
});

describe('tab-separated and UTF-16 "Unicode text" exports', () => {
  it('imports a UTF-8 TSV', async () => {
    const preview = await previewImport(fixture('tab-separated.tsv'));
    expect(preview).toMatchObject({ delimiter: '\t', encoding: 'UTF-8' });
    const report = await run('tab-separated.tsv');
    expect(report).toMatchObject({ imported: 3, cancelled: 1, errors: [] });
    expect(byName(kiosk, 'Коваленко', 'Дмитро').organisation).toBe('Київська міська рада');
    expect(byName(kiosk, 'Παπαδοπούλου', 'Αικατερίνη').status).toBe('cancelled');
    expect(byName(kiosk, 'Kierkegård', 'Søren').organisation).toBe('Københavns Kommune');
  });

  it('imports UTF-16 LE with BOM, tab-separated', async () => {
    const preview = await previewImport(fixture('unicode-text-utf16.txt'));
    expect(preview).toMatchObject({ delimiter: '\t', encoding: 'UTF-16 LE', rowCount: 4 });
    const report = await run('unicode-text-utf16.txt');
    expect(report).toMatchObject({ imported: 4, errors: [] });
    expect(byName(kiosk, '김', 'Ji-woo')).toMatchObject({ organisation: '서울특별시', ticketCodes: ['U16-001'] });
    expect(byName(kiosk, 'כהן', 'יעל').organisation).toBe('עיריית חיפה');
  });
});
