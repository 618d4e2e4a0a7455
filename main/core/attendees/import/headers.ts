/**
 * Column headers → attendee fields, for French and English exports (HelloAsso, Weezevent,
 * Eventbrite, plain spreadsheets), ignoring case, accents, punctuation and filler words.
 */
import anyAscii from 'any-ascii';
import { DomainError } from '../../errors';
import { importFields, type ColumnMapping, type ImportField } from '../../types';

export interface AutoColumn {
  column: string;
  field: ImportField | null;
  /** Lower is surer; among columns of one field the lowest rank speaks first. */
  rank: number;
}

// Rank tiers: exact alias of the participant's own data, fuzzy token match, the payer's data
// (HelloAsso and Weezevent list the buyer beside each participant), then order-level data.
const exactRank = 0;
const fuzzyRank = 20;
const payerPenalty = 30;
const orderRank = 50;

/** Exact aliases, written already normalised (see `headerKey`). */
const aliases: [ImportField, number, string[]][] = [
  ['honorific', 0, ['civilite', 'civ', 'title', 'honorific', 'prefix', 'prefixe', 'salutation', 'titre de civilite', 'appellation', 'mr mrs', 'm mme']],
  ['firstName', 0, ['prenom', 'prenoms', 'first name', 'firstname', 'first', 'given name', 'given names', 'forename', 'prenom usuel']],
  ['lastName', 0, ['nom', 'last name', 'lastname', 'last', 'surname', 'family name', 'nom famille', 'nom usage', 'nom naissance', 'name last']],
  [
    'fullName',
    0,
    ['nom complet', 'full name', 'fullname', 'name', 'participant', 'participante', 'nom prenom', 'prenom nom', 'nom et prenom', 'prenom et nom',
      'attendee name', 'participant name', 'nom participant complet', 'identite', 'personne', 'invite', 'delegue', 'display name'],
  ],
  ['function', 0, ['fonction', 'job title', 'jobtitle', 'title job', 'poste', 'titre poste', 'job', 'position', 'occupation', 'qualite', 'fonction mandat', 'mandat', 'role', 'intitule poste']],
  [
    'organisation',
    0,
    ['collectivite', 'organisation', 'organization', 'organisme', 'societe', 'company', 'company name', 'structure', 'institution', 'entreprise',
      'raison sociale', 'employer', 'employeur', 'affiliation', 'nom structure', 'nom organisation', 'etablissement', 'collectivite organisation',
      'collectivite territoriale', 'administration', 'ministere', 'association', 'org', 'nom entreprise', 'nom societe', 'structure organisme'],
  ],
  ['country', 0, ['pays', 'country', 'country region', 'pays residence', 'home country', 'work country', 'pays origine', 'nation', 'pays collectivite', 'country of residence']],
  ['category', 0, ['categorie', 'category', 'type participant', 'profil', 'attendee type', 'registration type', 'type inscription', 'categorie participant', 'college', 'type', 'qualite participant', 'badge type', 'type badge']],
  ['language', 0, ['langue', 'language', 'langue parlee', 'preferred language', 'langue correspondance', 'langue preferee', 'lang', 'langue badge']],
  [
    'email',
    0,
    ['email', 'e mail', 'courriel', 'adresse email', 'adresse e mail', 'adresse mail', 'adresse electronique', 'adresse courriel', 'mail',
      'email address', 'e mail address', 'email professionnel', 'work email', 'emails', 'mel', 'adresse mel'],
  ],
  [
    'ticketType',
    0,
    ['tarif', 'ticket type', 'type billet', 'formule', 'ticket class', 'ticket name', 'type ticket', 'nom tarif', 'type tarif',
      'categorie tarif', 'offre', 'type pass', 'price tier', 'ticket class name', 'intitule tarif'],
  ],
  // A bare "Billet" or "Pass" column names the ticket too, but defers to a "Tarif" beside it.
  ['ticketType', 10, ['billet', 'ticket', 'pass', 'produit']],
  [
    'ticketCode',
    0,
    ['code barres', 'code barre', 'codebarre', 'codebarres', 'barcode', 'bar code', 'numero billet', 'numero ticket', 'ticket code', 'ticket number',
      'ticket id', 'reference', 'ref', 'reference billet', 'code', 'qr code', 'code qr', 'qrcode', 'id billet', 'attendee', 'attendee id',
      'attendee number', 'id participant', 'numero participant', 'numero inscription', 'code acces', 'e ticket', 'code billet', 'badge id',
      'numero badge', 'registration id', 'identifiant', 'id', 'uid', 'uuid', 'numero', 'ticket numero', 'ticket reference'],
  ],
  [
    'ticketCode',
    orderRank,
    ['order', 'order id', 'order number', 'numero commande', 'reference commande', 'id commande', 'commande', 'transaction id',
      'id transaction', 'numero transaction', 'order reference', 'booking reference', 'numero reservation', 'reservation'],
  ],
  [
    'status',
    0,
    ['statut', 'status', 'attendee status', 'etat', 'statut billet', 'statut participant', 'statut inscription', 'registration status', 'ticket status', 'etat billet'],
  ],
  ['status', orderRank, ['statut commande', 'order status', 'payment status', 'statut paiement', 'etat commande', 'etat paiement']],
  [
    'sessions',
    0,
    ['ateliers', 'atelier', 'sessions', 'session', 'workshops', 'workshop', 'ateliers choisis', 'sessions choisies', 'choix atelier', 'choix ateliers',
      'choix des ateliers', 'programme', 'tables rondes', 'table ronde', 'activites', 'inscriptions ateliers', 'agenda', 'breakout sessions'],
  ],
];

const exact = new Map<string, { field: ImportField; rank: number }>();
for (const [field, rank, names] of aliases) for (const name of names) exact.set(name, { field, rank });

/** Fuzzy rules for headers no alias covers ("Adresse e-mail du participant (obligatoire)"). */
const fuzzy: [ImportField, RegExp][] = [
  ['email', /\b(e ?mail|courriel|mel)\b/],
  ['firstName', /\b(prenoms?|first ?name|given ?names?|forename)\b/],
  ['lastName', /\b(last ?name|surname|family ?name|nom (de )?famille)\b/],
  ['fullName', /\b(full ?name|nom complet|nom et prenom|prenom et nom)\b/],
  ['ticketCode', /\b(code ?barres?|bar ?code|qr ?code|code qr|(numero|code|id|reference) (du )?(billet|ticket)|ticket (code|number|id))\b/],
  ['status', /\b(statut|status|etat)\b/],
  ['sessions', /\b(ateliers?|workshops?|sessions?)\b/],
  ['function', /\b(fonction|job ?title|poste)\b/],
  ['organisation', /\b(collectivite|organi[sz]ation|organisme|societe|company|structure|institution|entreprise|employ(er|eur))\b/],
  ['country', /\b(pays|country)\b/],
  ['ticketType', /\b(tarif|ticket ?type|type (de )?billet|formule)\b/],
  ['language', /\b(langues?|languages?)\b/],
  ['category', /\b(categorie|category)\b/],
  ['honorific', /\b(civilite|honorific|salutation)\b/],
];

const notTheField =
  /\b(montant|amount|prix|price|total|date|heure|time|paid|paye|fees?|frais|tva|tax|promo|discount|reduction|remise|telephone|phone|tel|mobile|postal|zip|ville|city|quantite|quantity|nombre|count)\b/;

const fillers = new Set([
  'de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'of', 'the', 'votre', 'your', 'participant', 'participante', 'participants', 'attendee',
  'attendees', 'inscrit', 'inscrite', 'registrant', 'contact', 'obligatoire', 'required', 'optionnel', 'optional', 'n', 'no', 'num',
]);
const payerWords = new Set(['payeur', 'payeuse', 'acheteur', 'acheteuse', 'buyer', 'purchaser', 'payer', 'commanditaire', 'client', 'customer']);

/** "N° de billet" → "numero billet"; "Barcode #" → "barcode"; "E-mail (participant)" → "e mail". */
export function headerKey(header: string): { key: string; payer: boolean } {
  const ascii = anyAscii(header.toLowerCase().replace(/\b(n|no)\s*[°º]/g, 'numero ').replace(/[°º]/g, ' '))
    .toLowerCase()
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const words = ascii.split(' ').filter((word) => word.length > 0);
  const payer = words.some((word) => payerWords.has(word));
  const kept = words.filter((word) => !fillers.has(word) && !payerWords.has(word));
  // A header made only of filler words ("Participant") keeps them.
  return { key: (kept.length > 0 ? kept : words).join(' '), payer };
}

function guess(header: string): { field: ImportField | null; rank: number } {
  const whole = anyAscii(header.toLowerCase()).replace(/[^a-z0-9]+/g, ' ').trim();
  const direct = exact.get(whole);
  if (direct) return direct;
  const { key, payer } = headerKey(header);
  const penalty = payer ? payerPenalty : 0;
  const alias = exact.get(key);
  if (alias) return { field: alias.field, rank: alias.rank + penalty };
  // "Montant tarif", "Date de la commande", "Code postal": about a field, but not the field.
  if (notTheField.test(key)) return { field: null, rank: Infinity };
  for (const [field, pattern] of fuzzy) if (pattern.test(key)) return { field, rank: fuzzyRank + penalty };
  return { field: null, rank: Infinity };
}

const nameFields: ImportField[] = ['firstName', 'lastName', 'fullName'];

export function autoMap(columns: string[]): AutoColumn[] {
  const mapped: AutoColumn[] = columns.map((column) => ({ column, ...guess(column) }));
  const best = (field: ImportField) => Math.min(...mapped.filter((c) => c.field === field).map((c) => c.rank));

  // The buyer's name is only the attendee's when the file names nobody else.
  const participantNamed = mapped.some((c) => c.field && nameFields.includes(c.field) && c.rank < payerPenalty);
  if (participantNamed) {
    for (const c of mapped) if (c.field && nameFields.includes(c.field) && c.rank >= payerPenalty) c.field = 'ignore';
  }
  // An order number is shared by everyone on the order: a code only when nothing better exists.
  if (best('ticketCode') < orderRank) {
    for (const c of mapped) if (c.field === 'ticketCode' && c.rank >= orderRank) c.field = 'ignore';
  }
  // One header among several of a kind: keep the surest as the field, the others as fallbacks,
  // except for a lone "Nom" which, with no first name beside it, holds the whole name.
  const has = (field: ImportField) => mapped.some((c) => c.field === field);
  if (has('lastName') && !has('firstName') && !has('fullName')) {
    for (const c of mapped) if (c.field === 'lastName') c.field = 'fullName';
  }
  return mapped;
}

export interface ResolvedMapping {
  columns: ColumnMapping[];
  /** Column indexes per field, surest first. */
  byField: Map<ImportField, number[]>;
}

export function hasNameColumn(mapping: ResolvedMapping): boolean {
  return nameFields.some((field) => (mapping.byField.get(field)?.length ?? 0) > 0);
}

/** Applies the user's choices (column → field, 'ignore' drops it) over the automatic mapping. */
export function resolveMapping(fileName: string, columns: string[], overrides: Record<string, string> = {}): ResolvedMapping {
  const auto = autoMap(columns);
  const ranks = auto.map((c) => c.rank);
  const fields: (ImportField | null)[] = auto.map((c) => c.field);
  for (const [column, field] of Object.entries(overrides)) {
    let index = columns.indexOf(column);
    if (index === -1) {
      // Forgive case, accents and punctuation in a mapping typed on a command line, no more:
      // "Nom du participant" must not silently pick "Nom payeur".
      const loose = (text: string) => anyAscii(text.toLowerCase()).replace(/[^a-z0-9]+/g, ' ').trim();
      const wanted = loose(column);
      const matches = columns.flatMap((candidate, i) => (wanted !== '' && loose(candidate) === wanted ? [i] : []));
      if (matches.length === 1) index = matches[0]!;
    }
    if (index === -1) {
      throw new DomainError('import.unknown_column', `${fileName} has no column "${column}" (columns: ${columns.join(', ')}).`, {
        file: fileName,
        column,
        columns: columns.join(', '),
      });
    }
    if (!(importFields as readonly string[]).includes(field)) {
      throw new DomainError('import.unknown_field', `"${field}" is not a field an import can fill (column "${column}").`, {
        file: fileName,
        column,
        field,
      });
    }
    fields[index] = field as ImportField;
    ranks[index] = -1;
  }
  const byField = new Map<ImportField, number[]>();
  fields.forEach((field, index) => {
    if (!field || field === 'ignore') return;
    const list = byField.get(field) ?? [];
    list.push(index);
    byField.set(field, list);
  });
  for (const list of byField.values()) list.sort((a, b) => ranks[a]! - ranks[b]! || a - b);
  return { columns: columns.map((column, index) => ({ column, field: fields[index] ?? null })), byField };
}
