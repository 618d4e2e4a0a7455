/** Re-imports and duplicates: ids stay, check-ins stay, nobody is deleted, the same person is one attendee. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../main/core/attendees/import';
import { generateRegistrationRows } from '../fixtures/import/generate';
import { addCheckin, allAttendees, byName, encodeCsv, fixedNow, openKiosk, snapshot, type TestKiosk } from '../fixtures/import/helpers';

let kiosk: TestKiosk;
beforeEach(() => {
  kiosk = openKiosk();
});
afterEach(() => kiosk.close());

const run = (fileName: string, rows: string[][], now = fixedNow) => runImport(kiosk.db, { fileName, data: encodeCsv(rows), eventId: kiosk.eventId }, now);

describe('re-importing an updated export', () => {
  it('updates attendees in place, adds new ones, keeps check-ins and never deletes', async () => {
    const rows = generateRegistrationRows(40, { seed: 11, cancelledShare: 0 });
    const first = await run('inscrits.csv', rows);
    expect(first).toMatchObject({ imported: 40, updated: 0, unchanged: 0, errors: [] });

    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const codeOf = (row: string[]) => row[col('Code-barres')]!;
    const idOf = (code: string) => (kiosk.db.prepare('SELECT attendee_id AS id FROM ticket_codes WHERE code = ?').get(code) as { id: string }).id;

    const arrived = rows[1]!;
    const arrivedId = idOf(codeOf(arrived));
    const checkinId = addCheckin(kiosk, arrivedId);
    const idsBefore = new Map(rows.slice(1).map((row) => [codeOf(row), idOf(codeOf(row))]));

    // The organiser downloads the export again a week later:
    const updated = rows.map((row) => [...row]);
    updated[1]![col('Fonction')] = 'Première adjointe au maire'; // the one who arrived: new function
    updated[2]![col('Statut')] = 'Annulé'; // a cancellation
    updated[3]![col('Nom')] = `${updated[3]![col('Nom')]}-Durand`; // a corrected surname, same ticket
    updated.splice(4, 1); // a registration that vanished from the export (kept here)
    updated.push(['Mme', 'Nouvelle', 'Inscrite', 'Maire', 'Ville de Metz', 'France', 'Élu·e', 'n.inscrite@example.fr', '3609999999999', 'Invité', 'Validé']);

    const second = await run('inscrits.csv', updated, () => new Date('2023-09-15T08:00:00.000Z'));
    expect(second).toMatchObject({ imported: 1, updated: 3, unchanged: 36, merged: 0, cancelled: 1, errors: [] });

    // Same ids for everyone, the check-in still attached, nobody deleted.
    for (const [code, id] of idsBefore) expect(idOf(code)).toBe(id);
    expect(kiosk.attendees.get(arrivedId).function).toBe('Première adjointe au maire');
    expect(kiosk.db.prepare('SELECT attendee_id AS id FROM checkins WHERE id = ?').get(checkinId)).toEqual({ id: arrivedId });
    expect(kiosk.attendees.toSummary(kiosk.attendees.findRow(arrivedId)!).checkedIn).toHaveLength(1);
    expect(allAttendees(kiosk)).toHaveLength(41);
    expect(kiosk.attendees.get(idOf(codeOf(rows[2]!))).status).toBe('cancelled');
    expect(kiosk.attendees.get(idOf(codeOf(rows[3]!))).lastName).toMatch(/-Durand$/);
    expect(kiosk.attendees.get(idOf(codeOf(rows[3]!))).updatedAt).toBe('2023-09-15T08:00:00.000Z');
    expect(kiosk.attendees.get(idOf(codeOf(rows[5]!))).updatedAt).toBe('2023-09-12T08:00:00.000Z');
  });

  it('an identical re-import changes nothing', async () => {
    const rows = generateRegistrationRows(25, { seed: 3, cancelledShare: 0.3 });
    const first = await run('inscrits.csv', rows);
    expect(first.cancelled).toBeGreaterThan(0);
    const before = snapshot(kiosk.db);
    const again = await run('inscrits.csv', rows, () => new Date('2024-01-01T00:00:00.000Z'));
    // Those cancelled by the first import are not cancelled again.
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 25, merged: 0, cancelled: 0 });
    expect(snapshot(kiosk.db)).toBe(before);
  });

  it('matches by e-mail and name when there is no code, whatever the case and accents', async () => {
    await run('a.csv', [
      ['Prénom', 'Nom', 'E-mail', 'Organisation'],
      ['Zoë', 'Martin', 'Zoe.Martin@example.fr', 'Ville de Lyon'],
    ]);
    const id = byName(kiosk, 'Martin', 'Zoë').id;
    addCheckin(kiosk, id);
    const report = await run('b.csv', [
      ['Prénom', 'Nom', 'E-mail', 'Organisation', 'Code-barres'],
      ['ZOE', 'MARTIN', 'zoe.martin@example.fr', 'Métropole de Lyon', 'QR-77'],
    ]);
    expect(report).toMatchObject({ imported: 0, updated: 1 });
    expect(kiosk.attendees.get(id)).toMatchObject({ firstName: 'ZOE', lastName: 'MARTIN', organisation: 'Métropole de Lyon', ticketCodes: ['QR-77'] });
  });

  it('a plain list of names (no codes, no e-mails) re-imports without doubling anyone', async () => {
    const list = [
      ['Prénom', 'Nom', 'Collectivité'],
      ['Marie', 'Dupont', 'Ville de Dijon'],
      ['Paul', 'Martin', 'Ville de Lyon'],
      ['Paul', 'Martin', 'Région Grand Est'],
    ];
    expect(await run('liste.csv', list)).toMatchObject({ imported: 3, merged: 0 });
    const again = await run('liste.csv', list);
    expect(again).toMatchObject({ imported: 0, unchanged: 3 });
    expect(allAttendees(kiosk)).toHaveLength(3);
  });

  it('does not touch attendees added at the desk, except to complete one the export now lists', async () => {
    const walkIn = kiosk.attendees.insert({ eventId: kiosk.eventId, firstName: 'Ana', lastName: 'Kovačević', email: 'ana@example.org', source: 'walk-in' });
    const other = kiosk.attendees.insert({ eventId: kiosk.eventId, firstName: 'Sans', lastName: 'Inscription', source: 'walk-in' });
    const report = await run('inscrits.csv', [
      ['Prénom', 'Nom', 'E-mail', 'Fonction', 'Code-barres'],
      ['Ana', 'Kovacevic', 'ANA@example.org', 'Conseillère', 'HR-1'],
    ]);
    expect(report).toMatchObject({ imported: 0, updated: 1 });
    expect(kiosk.attendees.get(walkIn)).toMatchObject({ function: 'Conseillère', source: 'walk-in', ticketCodes: ['HR-1'] });
    expect(kiosk.attendees.get(other).lastName).toBe('Inscription');
  });
});

describe('duplicate rows in one file', () => {
  it('merge on the same ticket code or the same e-mail and name, with the union of codes', async () => {
    const report = await run('doublons.csv', [
      ['Prénom', 'Nom', 'E-mail', 'Code-barres', 'Fonction', 'Statut'],
      ['Élodie', "N'Diaye", 'e.ndiaye@example.org', 'A-1', '', 'Validé'],
      ['Elodie', "N'DIAYE", 'E.NDIAYE@example.org', 'A-2', 'Maire', 'Validé'],
      ['Élodie', "N'Diaye", '', 'A-1', '', 'Validé'],
      ['Paul', 'Martin', 'p.martin@example.org', 'B-1', '', 'Validé'],
      ['Pauline', 'Martin', 'p.martin@example.org', 'B-2', '', 'Validé'],
    ]);
    expect(report).toMatchObject({ imported: 3, merged: 2, errors: [] });
    const elodie = allAttendees(kiosk).filter((a) => a.email.toLowerCase() === 'e.ndiaye@example.org');
    expect(elodie).toHaveLength(1);
    expect(elodie[0]).toMatchObject({ ticketCodes: ['A-1', 'A-2'], function: 'Maire' });
    // Same e-mail, another first name: two people (a shared office address).
    expect(allAttendees(kiosk).filter((a) => a.email === 'p.martin@example.org')).toHaveLength(2);
  });

  it('a code on two different people is kept by the first, reported on the second', async () => {
    const report = await run('groupe.csv', [
      ['Prénom', 'Nom', 'Référence'],
      ['Rania', 'Haddad', 'ORDER-9'],
      ['محمد', 'العلوي', 'ORDER-9'],
    ]);
    expect(report.imported).toBe(2);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 3, code: 'row.code_conflict', level: 'warning', params: expect.objectContaining({ code: 'ORDER-9', holderRow: 2 }) }),
    ]);
    expect(byName(kiosk, 'Haddad', 'Rania').ticketCodes).toEqual(['ORDER-9']);
    expect(byName(kiosk, 'العلوي', 'محمد').ticketCodes).toEqual([]);
  });

  it('a person with a cancelled and a valid ticket stays admitted', async () => {
    const report = await run('rachat.csv', [
      ['Prénom', 'Nom', 'E-mail', 'Code-barres', 'Statut'],
      ['Ngozi', 'Okonkwo', 'ngozi@example.org', 'T-1', 'Refunded'],
      ['Ngozi', 'Okonkwo', 'ngozi@example.org', 'T-2', 'Attending'],
      ['Kwame', 'Mensah', 'kwame@example.org', 'T-3', 'Not Attending'],
    ]);
    expect(report).toMatchObject({ imported: 2, merged: 1, cancelled: 1 });
    expect(byName(kiosk, 'Okonkwo')).toMatchObject({ status: 'valid', ticketCodes: ['T-1', 'T-2'] });
    expect(byName(kiosk, 'Mensah').status).toBe('cancelled');
  });
});

describe('cancelled statuses', () => {
  it.each(['Annulé', 'Remboursé', 'Not Attending', 'Refunded', 'Cancelled', 'annulée'])('"%s" → cancelled', async (status) => {
    const report = await run('statuts.csv', [
      ['Prénom', 'Nom', 'Statut'],
      ['Marie', 'Dupont', status],
      ['Paul', 'Martin', 'Validé'],
    ]);
    expect(report).toMatchObject({ imported: 2, cancelled: 1 });
    expect(byName(kiosk, 'Dupont').status).toBe('cancelled');
    expect(byName(kiosk, 'Martin').status).toBe('valid');
  });

  it('a cancelled attendee listed as valid again is reinstated', async () => {
    await run('a.csv', [['Prénom', 'Nom', 'Code', 'Statut'], ['Marie', 'Dupont', 'C-1', 'Annulé']]);
    const report = await run('a.csv', [['Prénom', 'Nom', 'Code', 'Statut'], ['Marie', 'Dupont', 'C-1', 'Validé']]);
    expect(report).toMatchObject({ updated: 1, cancelled: 0 });
    expect(byName(kiosk, 'Dupont').status).toBe('valid');
  });
});

describe('status of a ticket listed more than once', () => {
  const header = ['Prénom', 'Nom', 'E-mail', 'Code-barres', 'Statut'];

  it('a sale then its refund line for the same code: the ticket is cancelled', async () => {
    const report = await run('ventes.csv', [header, ['Marie', 'Dupont', 'marie@example.fr', 'ABC123', 'Validé'], ['Marie', 'Dupont', 'marie@example.fr', 'ABC123', 'Annulé']]);
    expect(report).toMatchObject({ imported: 1, merged: 1, cancelled: 1, errors: [] });
    expect(byName(kiosk, 'Dupont')).toMatchObject({ status: 'cancelled', ticketCodes: ['ABC123'] });
  });

  it('the same, with only the code and the status on the refund line', async () => {
    const report = await run('ventes.csv', [header, ['Marie', 'Dupont', 'marie@example.fr', 'ABC123', 'Validé'], ['Marie', 'Dupont', '', 'ABC123', 'Remboursé']]);
    expect(report).toMatchObject({ imported: 1, merged: 1, cancelled: 1, errors: [] });
    expect(byName(kiosk, 'Dupont')).toMatchObject({ status: 'cancelled', email: 'marie@example.fr' });
  });

  it('a refund line then a new sale line for the same code: the later row wins, valid', async () => {
    const report = await run('ventes.csv', [header, ['Marie', 'Dupont', 'marie@example.fr', 'ABC123', 'Annulé'], ['Marie', 'Dupont', 'marie@example.fr', 'ABC123', 'Validé']]);
    expect(report).toMatchObject({ imported: 1, merged: 1, cancelled: 0, errors: [] });
    expect(byName(kiosk, 'Dupont').status).toBe('valid');
  });

  it('an attendee already registered as valid, then sale and refund lines in the next export: cancelled once', async () => {
    await run('a.csv', [header, ['Marie', 'Dupont', 'marie@example.fr', 'ABC123', 'Validé']]);
    const updated = [header, ['Marie', 'Dupont', 'marie@example.fr', 'ABC123', 'Validé'], ['Marie', 'Dupont', 'marie@example.fr', 'ABC123', 'Annulé']];
    expect(await run('b.csv', updated)).toMatchObject({ imported: 0, updated: 1, merged: 1, cancelled: 1 });
    expect(byName(kiosk, 'Dupont').status).toBe('cancelled');
    expect(await run('b.csv', updated)).toMatchObject({ imported: 0, updated: 0, unchanged: 1, cancelled: 0 });
    expect(byName(kiosk, 'Dupont').status).toBe('cancelled');
  });

  it('a person with two different codes, one cancelled: stays valid, in either order', async () => {
    const report = await run('deux.csv', [
      header,
      ['Marie', 'Dupont', 'marie@example.fr', 'T-1', 'Validé'],
      ['Marie', 'Dupont', 'marie@example.fr', 'T-2', 'Annulé'],
      ['Paul', 'Martin', 'paul@example.fr', 'T-3', 'Annulé'],
      ['Paul', 'Martin', 'paul@example.fr', 'T-4', 'Validé'],
    ]);
    expect(report).toMatchObject({ imported: 2, merged: 2, cancelled: 0, errors: [] });
    expect(byName(kiosk, 'Dupont')).toMatchObject({ status: 'valid', ticketCodes: ['T-1', 'T-2'] });
    expect(byName(kiosk, 'Martin')).toMatchObject({ status: 'valid', ticketCodes: ['T-3', 'T-4'] });
  });

  it('a person with two different codes: cancelled only when both are, each code following its own later row', async () => {
    const report = await run('deux.csv', [
      header,
      ['Marie', 'Dupont', 'marie@example.fr', 'T-1', 'Validé'],
      ['Marie', 'Dupont', 'marie@example.fr', 'T-2', 'Validé'],
      ['Marie', 'Dupont', 'marie@example.fr', 'T-1', 'Annulé'], // T-2 still valid
      ['Paul', 'Martin', 'paul@example.fr', 'T-3', 'Validé'],
      ['Paul', 'Martin', 'paul@example.fr', 'T-4', 'Annulé'],
      ['Paul', 'Martin', 'paul@example.fr', 'T-3', 'Annulé'], // both refunded
    ]);
    expect(report).toMatchObject({ imported: 2, merged: 4, cancelled: 1, errors: [] });
    expect(byName(kiosk, 'Dupont')).toMatchObject({ status: 'valid', ticketCodes: ['T-1', 'T-2'] });
    expect(byName(kiosk, 'Martin')).toMatchObject({ status: 'cancelled', ticketCodes: ['T-3', 'T-4'] });
  });

  it('rows without a code for the same person: the later row wins', async () => {
    const report = await run('sans-code.csv', [
      ['Prénom', 'Nom', 'E-mail', 'Statut'],
      ['Marie', 'Dupont', 'marie@example.fr', 'Validé'],
      ['Marie', 'Dupont', 'marie@example.fr', 'Annulé'],
      ['Paul', 'Martin', 'paul@example.fr', 'Annulé'],
      ['Paul', 'Martin', 'paul@example.fr', 'Validé'],
    ]);
    expect(report).toMatchObject({ imported: 2, merged: 2, cancelled: 1, errors: [] });
    expect(byName(kiosk, 'Dupont').status).toBe('cancelled');
    expect(byName(kiosk, 'Martin').status).toBe('valid');
  });
});
