import { describe, expect, it } from 'vitest';
import { autoMap, headerKey, resolveMapping } from '../../main/core/attendees/import/headers';
import type { ImportField } from '../../main/core/types';

const fieldsOf = (columns: string[]) => Object.fromEntries(autoMap(columns).map((c) => [c.column, c.field]));

describe('header auto-mapping', () => {
  it.each<[string, ImportField]>([
    ['Nom', 'lastName'],
    ['NOM', 'lastName'],
    ['Last Name', 'lastName'],
    ['Surname', 'lastName'],
    ['Nom de famille', 'lastName'],
    ['Prénom', 'firstName'],
    ['PRENOM', 'firstName'],
    ['First name', 'firstName'],
    ['Prénom participant', 'firstName'],
    ['Attendee First Name', 'firstName'],
    ['Nom complet', 'fullName'],
    ['Full name', 'fullName'],
    ['Name', 'fullName'],
    ['Participant', 'fullName'],
    ['Nom & Prénom', 'fullName'],
    ['NOM Prénom', 'fullName'],
    ['E-mail', 'email'],
    ['Email', 'email'],
    ['Courriel', 'email'],
    ['Adresse email', 'email'],
    ['Adresse e-mail du participant (obligatoire)', 'email'],
    ['Collectivité', 'organisation'],
    ['Organisation', 'organisation'],
    ['Organization', 'organisation'],
    ['Société', 'organisation'],
    ['Company', 'organisation'],
    ['Structure', 'organisation'],
    ['Institution', 'organisation'],
    ['Raison sociale', 'organisation'],
    ['Nom de la collectivité', 'organisation'],
    ['Pays', 'country'],
    ['Country', 'country'],
    ['Fonction', 'function'],
    ['Job Title', 'function'],
    ['Poste', 'function'],
    ['Tarif', 'ticketType'],
    ['Ticket Type', 'ticketType'],
    ['Type de billet', 'ticketType'],
    ['Formule', 'ticketType'],
    ['Code-barres', 'ticketCode'],
    ['Code barre', 'ticketCode'],
    ['Barcode #', 'ticketCode'],
    ['Référence', 'ticketCode'],
    ['Numéro de billet', 'ticketCode'],
    ['N° de billet', 'ticketCode'],
    ['Ticket code', 'ticketCode'],
    ['Attendee #', 'ticketCode'],
    ['Statut', 'status'],
    ['Attendee Status', 'status'],
    ['Status', 'status'],
    ['Civilité', 'honorific'],
    ['Prefix', 'honorific'],
    ['Title', 'honorific'],
    ['Honorific', 'honorific'],
    ['Catégorie', 'category'],
    ['Category', 'category'],
    ['Langue', 'language'],
    ['Language', 'language'],
    ['Ateliers', 'sessions'],
    ['Sessions', 'sessions'],
    ['Workshops', 'sessions'],
    ['Choix des ateliers', 'sessions'],
  ])('%s → %s', (header, field) => {
    const columns = header === 'Nom' || header === 'NOM' || header === 'Last Name' || header === 'Surname' || header === 'Nom de famille'
      ? [header, 'Prénom']
      : [header];
    expect(fieldsOf(columns)[header]).toBe(field);
  });

  it('leaves columns it does not know unmapped (null), including amounts and dates near known words', () => {
    const fields = fieldsOf(['Prénom', 'Nom', 'Montant tarif', 'Date de la commande', 'Téléphone', 'Code postal', 'Moyen de paiement']);
    expect(fields).toMatchObject({
      'Montant tarif': null,
      'Date de la commande': null,
      Téléphone: null,
      'Code postal': null,
      'Moyen de paiement': null,
    });
  });

  it('HelloAsso: participant names win over the payer’s, the payer’s e-mail is a fallback, order references are ignored', () => {
    const mapped = autoMap(['Référence commande', 'Nom participant', 'Prénom participant', 'Nom payeur', 'Prénom payeur', 'Email payeur', 'Numéro de billet']);
    expect(Object.fromEntries(mapped.map((c) => [c.column, c.field]))).toEqual({
      'Référence commande': 'ignore',
      'Nom participant': 'lastName',
      'Prénom participant': 'firstName',
      'Nom payeur': 'ignore',
      'Prénom payeur': 'ignore',
      'Email payeur': 'email',
      'Numéro de billet': 'ticketCode',
    });
  });

  it('uses the order number as a code only when there is no ticket code column', () => {
    expect(fieldsOf(['First Name', 'Last Name', 'Order #'])['Order #']).toBe('ticketCode');
    expect(fieldsOf(['First Name', 'Last Name', 'Order #', 'Barcode #'])['Order #']).toBe('ignore');
  });

  it('takes a lone "Nom" column, with no first name beside it, as the whole name', () => {
    expect(fieldsOf(['Nom', 'Organisation'])['Nom']).toBe('fullName');
  });

  it('normalises headers ignoring case, accents, punctuation, filler words', () => {
    expect(headerKey('N° de billet').key).toBe('numero billet');
    expect(headerKey('  E-MAIL (participant) ').key).toBe('e mail');
    expect(headerKey('Prénom payeur')).toEqual({ key: 'prenom', payer: true });
  });
});

describe('resolveMapping', () => {
  const columns = ['Qui', 'Où', 'Courriel', 'Remarques'];

  it('applies the user’s choices over the automatic mapping, "ignore" dropping a column', () => {
    const mapping = resolveMapping('f.csv', columns, { Qui: 'fullName', Courriel: 'ignore', 'Où': 'organisation' });
    expect(mapping.columns).toEqual([
      { column: 'Qui', field: 'fullName' },
      { column: 'Où', field: 'organisation' },
      { column: 'Courriel', field: 'ignore' },
      { column: 'Remarques', field: null },
    ]);
    expect(mapping.byField.get('fullName')).toEqual([0]);
    expect(mapping.byField.has('email')).toBe(false);
  });

  it('forgives case and accents in a column name typed on a command line', () => {
    expect(resolveMapping('f.csv', columns, { qui: 'fullName', ou: 'country' }).byField.get('country')).toEqual([1]);
  });

  it('refuses a column that does not exist, naming it and the file', () => {
    expect(() => resolveMapping('inscrits.csv', columns, { Nom: 'lastName' })).toThrow(
      expect.objectContaining({ code: 'import.unknown_column', params: expect.objectContaining({ file: 'inscrits.csv', column: 'Nom' }) }),
    );
  });

  it('refuses a field that does not exist', () => {
    expect(() => resolveMapping('inscrits.csv', columns, { Qui: 'surname' })).toThrow(expect.objectContaining({ code: 'import.unknown_field' }));
  });
});
