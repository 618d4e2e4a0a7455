import { createHash } from 'node:crypto';
import anyAscii from 'any-ascii';
import type { AttendeeFields, AttendeeStatus } from '../types';
import { Random } from './random';
import { countries, france, frenchAuthorities, functions, organisations, type Authority, type CountryPool } from './pools';
import {
  AFRICA_MEETING_ID,
  CEREMONY_ID,
  DEMO_SEED,
  MEDITERRANEAN_MEETING_ID,
  PLENARY_ID,
  africaCountries,
  countryGroups,
  demoCheckpoints,
  mediterraneanCountries,
  workshops,
} from './programme';

/** How many people registered for the 2023 edition ("plus de 500 participants"). */
export const DEMO_ATTENDEE_COUNT = 520;

/** The categories of the desk, exactly as badges and filters print them. */
export const demoCategories = [
  'Élu·e',
  'Délégation étrangère',
  'Ambassade',
  'Partenaire',
  'Intervenant·e',
  'Presse',
  'Organisation',
  'Participant·e',
] as const;
export type DemoCategory = (typeof demoCategories)[number];

export interface DemoPerson extends AttendeeFields {
  id: string;
  /** Stable name of this person in the generator (docs and tests use the hand-written ones). */
  key: string;
  category: DemoCategory;
  status: AttendeeStatus;
  ticketCodes: string[];
  sessions: string[];
}

/**
 * Hand-written people a demo or a test can name. The first three are in the 2023 press
 * release; the others exercise what breaks kiosks: diacritics, an apostrophe, a very long
 * name, an upper-case surname, a Chinese name, a cancelled registration.
 */
export const demoFixtures = {
  rebsamen: 'francois-rebsamen',
  lert: 'dan-lert',
  faure: 'dominique-faure',
  fotic: 'katarina-fotic',
  nguyen: 'nguyen-thi-thu-ha',
  longName: 'rakotoarimanana-andriamahefazafy',
  upperCase: 'lefevre-duchateau',
  apostrophe: 'aissatou-ndiaye',
  chinese: 'wang-fang',
  cancelled: 'olivier-bertrand',
} as const;

/** Stable UUID-shaped id from the seed and a person's key, so a reload finds the same rows. */
export function demoAttendeeId(key: string): string {
  const hex = createHash('sha256').update(`${DEMO_SEED}:${key}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Gender = 'f' | 'm';

interface Draft extends Omit<DemoPerson, 'id' | 'key' | 'ticketCodes' | 'sessions' | 'status'> {
  key?: string;
  gender: Gender;
  codeKind: 'ticket' | 'invitation' | 'press' | 'organiser';
  sessions: string[];
  status?: AttendeeStatus;
  ticketCodes?: string[];
}

/** "masc|fem" → the form for this person. */
function gendered(pair: string, gender: Gender): string {
  const [masculine, feminine] = pair.split('|');
  return (gender === 'f' ? feminine : masculine) ?? pair;
}

/** "native|latin" → both forms (the same for Latin-script names). */
function spellings(entry: string): { native: string; latin: string } {
  const [native, latin] = entry.split('|') as [string, string | undefined];
  return { native, latin: latin ?? native };
}

function organisationOf(entry: string): { name: string; domain: string } {
  const [name, domain] = entry.split('|') as [string, string | undefined];
  return { name, domain: domain ?? 'example.org' };
}

/** The part of an e-mail address made from a name: ASCII, lower case, no spaces or apostrophes. */
function emailPart(name: string): string {
  return anyAscii(name)
    .toLowerCase()
    .replace(/[\s'’]+/g, '')
    .replace(/[^a-z0-9-]/g, '');
}

/**
 * Builds the ~520 attendees. Pure and deterministic: one seeded generator consumed in a
 * fixed order, no clock, no Math.random. Same seed, same people, on every machine.
 */
export function generateDemoPeople(seed: string = DEMO_SEED): DemoPerson[] {
  const r = new Random(seed);
  const drafts: Draft[] = [];
  const add = (draft: Draft) => drafts.push(draft);

  const personIn = (pool: CountryPool, gender: Gender) => {
    const family = gender === 'f' && pool.familyF ? pool.familyF : pool.family;
    const last = spellings(r.pick(family));
    const first = spellings(r.pick(gender === 'f' ? pool.female : pool.male));
    const latin = r.chance(pool.latinShare);
    let lastName = latin ? last.latin : last.native;
    // Registration forms from East Asia often shout the surname to tell it from the given name.
    if (latin && pool.familyFirst && r.chance(0.3)) lastName = lastName.toLocaleUpperCase('fr');
    return { firstName: latin ? first.latin : first.native, lastName, latinFirst: first.latin, latinLast: last.latin };
  };
  const frenchPerson = (gender: Gender) => {
    const firstName = r.pick(gender === 'f' ? france.female : france.male);
    let lastName = r.pick(france.family);
    const latinLast = lastName;
    // Exports keep whatever people typed: some surnames arrive in capitals.
    if (r.chance(0.05)) lastName = lastName.toLocaleUpperCase('fr');
    return { firstName, lastName, latinFirst: firstName, latinLast };
  };
  const languageOf = (pool: CountryPool) => (r.chance(0.65) ? pool.languages[0] : r.pick(pool.languages)) ?? 'fr';
  const gender = (): Gender => (r.chance(0.5) ? 'f' : 'm');
  const honorific = (g: Gender, doctorChance = 0.02) => (r.chance(doctorChance) ? 'Dr' : g === 'f' ? 'Mme' : 'M.');

  const emails = new Set<string>();
  const email = (latinFirst: string, latinLast: string, domain: string) => {
    const first = emailPart(latinFirst);
    const last = emailPart(latinLast);
    const style = r.next();
    const local = style < 0.7 ? `${first}.${last}` : style < 0.9 ? `${first.charAt(0)}.${last}` : `${first.charAt(0)}${last}`;
    let address = `${local}@${domain}`;
    for (let n = 2; emails.has(address); n++) address = `${local}${n}@${domain}`;
    emails.add(address);
    return address;
  };

  // Hand-written people first, so their e-mail addresses are never taken by a namesake.
  for (const fixture of fixtures()) {
    emails.add(fixture.email);
    add(fixture);
  }

  const poolOf = new Map(countries.map((pool) => [pool.country, pool]));

  // Foreign delegations: the heads of a city or region, their elected members and staff.
  const headed = new Set<string>();
  const topFunction = (organisation: string) =>
    functions.foreign.topRules.find((rule) => new RegExp(rule.match, 'u').test(organisation))?.function ?? functions.foreign.top;
  const association = new RegExp(functions.foreign.associationMatch, 'u');
  const othersOf = (organisation: string) =>
    association.test(organisation) ? functions.foreign.associationOthers : functions.foreign.others;
  for (const pool of countries) {
    for (let i = 0; i < pool.delegates; i++) {
      const g = gender();
      const person = personIn(pool, g);
      const org = organisationOf(r.pick(pool.organisations));
      const isHead = !headed.has(org.name) && r.chance(0.4);
      if (isHead) headed.add(org.name);
      add({
        gender: g,
        honorific: honorific(g, 0.05),
        firstName: person.firstName,
        lastName: person.lastName,
        function: gendered(isHead ? topFunction(org.name) : r.pick(othersOf(org.name)), g),
        organisation: org.name,
        country: pool.country,
        category: 'Délégation étrangère',
        language: languageOf(pool),
        email: email(person.latinFirst, person.latinLast, org.domain),
        ticketType: 'Délégation étrangère',
        codeKind: 'ticket',
        sessions: [],
      });
    }
  }

  // Embassies: sometimes the ambassador in person, always someone from the cooperation service.
  for (const pool of countries) {
    const embassy = organisationOf(pool.embassy);
    for (let i = 0; i < pool.embassyStaff; i++) {
      const g = gender();
      const person = personIn(pool, g);
      const ambassador = i === 0 && r.chance(0.5);
      add({
        gender: g,
        honorific: ambassador ? 'S.E.' : honorific(g),
        firstName: person.firstName,
        lastName: person.lastName,
        function: gendered(ambassador ? (pool.embassyTop ?? functions.embassy.top) : r.pick(functions.embassy.others), g),
        organisation: embassy.name,
        country: pool.country,
        category: 'Ambassade',
        language: r.chance(0.7) ? 'fr' : languageOf(pool),
        email: email(person.latinFirst, person.latinLast, embassy.domain),
        ticketType: 'Invitation',
        codeKind: 'invitation',
        sessions: [],
      });
    }
  }

  // Partners and ministries; their directors often take the floor.
  for (const partner of organisations.partners) {
    const pool = partner.country ? poolOf.get(partner.country) : undefined;
    for (let i = 0; i < (partner.people ?? 1); i++) {
      const g = gender();
      const person = pool && r.chance(0.5) ? personIn(pool, g) : frenchPerson(g);
      const speaks = i === 0 && r.chance(0.35);
      add({
        gender: g,
        honorific: honorific(g),
        firstName: person.firstName,
        lastName: person.lastName,
        function: gendered(r.pick(functions.partner), g),
        organisation: partner.name,
        country: partner.country ?? 'France',
        category: speaks ? 'Intervenant·e' : 'Partenaire',
        language: partner.language ?? 'fr',
        email: email(person.latinFirst, person.latinLast, partner.domain),
        ticketType: 'Invitation',
        codeKind: 'invitation',
        sessions: [],
      });
    }
  }

  // Experts invited to speak in the workshops.
  for (const expert of organisations.experts) {
    const g = gender();
    const person = frenchPerson(g);
    add({
      gender: g,
      honorific: honorific(g, 0.4),
      firstName: person.firstName,
      lastName: person.lastName,
      function: gendered(r.pick(functions.expert), g),
      organisation: expert.name,
      country: expert.country ?? 'France',
      category: 'Intervenant·e',
      language: expert.language ?? 'fr',
      email: email(person.latinFirst, person.latinLast, expert.domain),
      ticketType: 'Invitation',
      codeKind: 'invitation',
      sessions: [],
    });
  }

  // Regional multi-actor networks: registered like any participant.
  for (const network of organisations.networks) {
    const g = gender();
    const person = frenchPerson(g);
    add({
      gender: g,
      honorific: honorific(g),
      firstName: person.firstName,
      lastName: person.lastName,
      function: gendered(r.pick(functions.network), g),
      organisation: network.name,
      country: 'France',
      category: 'Participant·e',
      language: 'fr',
      email: email(person.latinFirst, person.latinLast, network.domain),
      ticketType: 'Tarif adhérent',
      codeKind: 'ticket',
      sessions: [],
    });
  }

  // Press: one journalist per title.
  for (const title of organisations.press) {
    const g = gender();
    const pool = title.country && title.country !== 'France' ? poolOf.get(title.country) : undefined;
    const person = pool ? personIn(pool, g) : frenchPerson(g);
    add({
      gender: g,
      honorific: g === 'f' ? 'Mme' : 'M.',
      firstName: person.firstName,
      lastName: person.lastName,
      function: gendered(r.pick(functions.press), g),
      organisation: title.name,
      country: title.country ?? 'France',
      category: 'Presse',
      language: pool ? languageOf(pool) : 'fr',
      email: email(person.latinFirst, person.latinLast, title.domain),
      ticketType: 'Presse',
      codeKind: 'press',
      sessions: [],
    });
  }

  // The organiser's staff (one per desk of CUF) and volunteers.
  const organiser = organisations.organiser;
  const staffFunctions = [...functions.organiser, ...functions.organiser.slice(0, 4)];
  const organiserStaff = [...staffFunctions.map((f) => ({ f, volunteer: false })), ...Array.from({ length: 10 }, () => ({ f: functions.volunteer, volunteer: true }))];
  for (const { f, volunteer } of organiserStaff) {
    const g = gender();
    const person = frenchPerson(g);
    add({
      gender: g,
      honorific: g === 'f' ? 'Mme' : 'M.',
      firstName: person.firstName,
      lastName: person.lastName,
      function: gendered(f, g),
      organisation: organiser.name,
      country: 'France',
      category: 'Organisation',
      language: 'fr',
      email: volunteer
        ? email(person.latinFirst, person.latinLast, r.pick(france.generic))
        : email(person.latinFirst, person.latinLast, organiser.domain),
      ticketType: volunteer ? 'Bénévole' : 'Organisation',
      codeKind: 'organiser',
      sessions: [],
    });
  }

  // French local authorities fill the rest: each of the 130 sends someone, the larger ones more.
  const authorityDrafts = frenchAuthorityPeople(r, DEMO_ATTENDEE_COUNT - drafts.length, frenchPerson, honorific, email);
  drafts.push(...authorityDrafts);

  registerSessions(r, drafts);
  return finish(r, drafts);
}

type NameMaker = (g: Gender) => { firstName: string; lastName: string; latinFirst: string; latinLast: string };

function frenchAuthorityPeople(
  r: Random,
  count: number,
  frenchPerson: NameMaker,
  honorific: (g: Gender, doctorChance?: number) => string,
  email: (first: string, last: string, domain: string) => string,
): Draft[] {
  const weight: Record<Authority['kind'], number> = { region: 3, metropole: 3, departement: 2, ville: 1.5, agglo: 1 };
  const seats = new Map<Authority, number>(frenchAuthorities.map((a) => [a, 1]));
  for (let extra = count - frenchAuthorities.length; extra > 0; extra--) {
    const authority = r.weighted(frenchAuthorities, (a) => weight[a.kind] / (seats.get(a) ?? 1));
    seats.set(authority, (seats.get(authority) ?? 1) + 1);
  }
  // Dijon and Paris already have their mayor and deputy among the fixtures.
  const headed = new Set(['Dijon Métropole', 'Ville de Dijon', 'Ville de Paris']);
  const drafts: Draft[] = [];
  let speakers = 0;
  for (const authority of frenchAuthorities) {
    const n = seats.get(authority) ?? 1;
    for (let i = 0; i < n; i++) {
      const g: Gender = r.chance(0.5) ? 'f' : 'm';
      const person = frenchPerson(g);
      const elected = r.chance(i === 0 ? 0.55 : 0.45);
      const roles = functions.elected[authority.kind];
      let fn: string;
      if (elected && !headed.has(authority.name) && r.chance(0.2)) {
        headed.add(authority.name);
        fn = roles.top;
      } else fn = elected ? r.pick(roles.others) : r.pick(functions.staff);
      const speaks = elected && speakers < 14 && r.chance(0.1);
      if (speaks) speakers++;
      drafts.push({
        gender: g,
        honorific: honorific(g),
        firstName: person.firstName,
        lastName: person.lastName,
        function: gendered(fn, g),
        organisation: authority.name,
        country: 'France',
        category: speaks ? 'Intervenant·e' : elected ? 'Élu·e' : 'Participant·e',
        language: 'fr',
        email: r.chance(0.04) ? email(person.latinFirst, person.latinLast, r.pick(france.generic)) : email(person.latinFirst, person.latinLast, authority.domain),
        ticketType: r.chance(0.82) ? 'Tarif adhérent' : 'Tarif non-adhérent',
        codeKind: 'ticket',
        sessions: [],
      });
    }
  }
  return drafts;
}

/**
 * Day-1 meetings by country and role, then exactly one day-2 workshop per person within
 * each room's capacity (speakers first, in the workshop where they speak).
 */
function registerSessions(r: Random, drafts: Draft[]): void {
  const capacity = new Map(
    demoCheckpoints('2000-01-01', '2000-01-02').map((c) => [c.id ?? '', c.capacity ?? Number.POSITIVE_INFINITY]),
  );
  const taken = new Map<string, number>();
  const register = (draft: Draft, id: string) => {
    if (draft.sessions.includes(id)) return true;
    const used = taken.get(id) ?? 0;
    if (used >= (capacity.get(id) ?? 0)) return false;
    taken.set(id, used + 1);
    draft.sessions.push(id);
    return true;
  };
  const groupOf = new Map(countryGroups.map((g) => [g.country, g.id]));
  const regionalOf = (country: string) =>
    africaCountries.includes(country) ? AFRICA_MEETING_ID : mediterraneanCountries.includes(country) ? MEDITERRANEAN_MEETING_ID : undefined;

  for (const d of drafts) {
    if (d.sessions.length > 0) {
      // Fixtures come with their sessions: count them against capacity.
      for (const id of d.sessions) taken.set(id, (taken.get(id) ?? 0) + 1);
      continue;
    }
    const group = groupOf.get(d.country);
    const regional = regionalOf(d.country);
    switch (d.category) {
      case 'Délégation étrangère':
      case 'Ambassade': {
        const keen = d.category === 'Délégation étrangère' ? 1 : 0.7;
        if (group && r.chance(keen)) register(d, group);
        if (regional && r.chance(keen * 0.85)) register(d, regional);
        if (d.honorific === 'S.E.' || r.chance(0.3)) register(d, CEREMONY_ID);
        break;
      }
      case 'Élu·e':
      case 'Participant·e':
      case 'Intervenant·e':
        if (d.country === 'France' && r.chance(0.45)) register(d, r.pick(countryGroups).id);
        if (d.country === 'France' && r.chance(0.2)) register(d, r.chance(0.5) ? AFRICA_MEETING_ID : MEDITERRANEAN_MEETING_ID);
        if (d.category !== 'Participant·e' && r.chance(0.4)) register(d, CEREMONY_ID);
        break;
      case 'Partenaire':
        if (r.chance(0.4)) register(d, r.chance(0.5) ? AFRICA_MEETING_ID : MEDITERRANEAN_MEETING_ID);
        if (r.chance(0.6)) register(d, CEREMONY_ID);
        break;
      case 'Presse':
        if (r.chance(0.5)) register(d, CEREMONY_ID);
        break;
      case 'Organisation':
        if (/Afrique/.test(d.function)) register(d, AFRICA_MEETING_ID);
        if (/Méditerranée/.test(d.function)) register(d, MEDITERRANEAN_MEETING_ID);
        if (/Asie/.test(d.function)) register(d, r.pick(['gp-vietnam', 'gp-chine', 'gp-japon']));
        if (/Europe/.test(d.function)) register(d, r.pick(['gp-ukraine', 'gp-armenie']));
        if (/Amériques/.test(d.function)) register(d, 'gp-quebec');
        register(d, CEREMONY_ID);
        break;
    }
  }

  // Speakers are spread over the eight workshops before anyone else picks a room.
  const speakers = drafts.filter((d) => d.category === 'Intervenant·e' && !d.sessions.some((id) => id.startsWith('atelier-')));
  speakers.forEach((d, i) => {
    const workshop = workshops[i % workshops.length];
    if (workshop) register(d, workshop.id);
  });
  for (const d of drafts) {
    if (d.sessions.some((id) => id.startsWith('atelier-'))) continue;
    const open = workshops.filter((w) => (taken.get(w.id) ?? 0) < w.capacity);
    const choice = r.weighted(open, (w) => (w.affinity.includes(d.country) ? 4 : 1) * (1 - (taken.get(w.id) ?? 0) / w.capacity));
    register(d, choice.id);
  }
  // Speakers of the plenary.
  for (const d of drafts) if (d.category === 'Intervenant·e' && d.country !== 'France' && r.chance(0.2)) register(d, PLENARY_ID);
}

/** Ids, ticket codes and the few cancellations (about 3%, as on a real registration list). */
function finish(r: Random, drafts: Draft[]): DemoPerson[] {
  const codes = new Set<string>(drafts.flatMap((d) => d.ticketCodes ?? []));
  const uniqueDigits = (length: number) => {
    let code = r.digits(length);
    while (codes.has(code)) code = r.digits(length);
    codes.add(code);
    return code;
  };
  // Invitations below 0011 are the hand-written guests'.
  const counters = { invitation: 10, press: 0, organiser: 0 };
  const prefix = { invitation: 'INV-23-', press: 'PRESSE-23-', organiser: 'ORG-23-' };

  const candidates = drafts.map((d, i) => ({ d, i })).filter(({ d }) => !d.key);
  const cancelled = new Set(r.shuffle(candidates).slice(0, 15).map(({ i }) => i));

  return drafts.map((d, i) => {
    let ticketCodes = d.ticketCodes;
    if (!ticketCodes) {
      if (d.codeKind === 'ticket') {
        // A Weezevent-style barcode; a few registrations also carry the order number.
        ticketCodes = [uniqueDigits(12)];
        if (r.chance(0.03)) ticketCodes.push(`CMD-${uniqueDigits(8)}`);
      } else {
        counters[d.codeKind] += 1;
        ticketCodes = [`${prefix[d.codeKind]}${String(counters[d.codeKind]).padStart(4, '0')}`];
      }
    }
    const key = d.key ?? `p${String(i + 1).padStart(4, '0')}`;
    return {
      id: demoAttendeeId(key),
      key,
      honorific: d.honorific,
      firstName: d.firstName,
      lastName: d.lastName,
      function: d.function,
      organisation: d.organisation,
      country: d.country,
      category: d.category,
      language: d.language,
      email: d.email,
      ticketType: d.ticketType,
      status: d.status ?? (cancelled.has(i) ? 'cancelled' : 'valid'),
      ticketCodes,
      sessions: [...d.sessions].sort(),
    };
  });
}

function fixtures(): Draft[] {
  const base = { codeKind: 'invitation' as const, ticketType: 'Invitation', language: 'fr' };
  return [
    {
      ...base,
      key: demoFixtures.rebsamen,
      gender: 'm',
      honorific: 'M.',
      firstName: 'François',
      lastName: 'Rebsamen',
      function: 'Maire',
      organisation: 'Dijon Métropole',
      country: 'France',
      category: 'Élu·e',
      email: 'francois.rebsamen@metropole-dijon.fr',
      ticketCodes: ['INV-23-0001'],
      sessions: [PLENARY_ID, CEREMONY_ID, 'atelier-economie'],
    },
    {
      ...base,
      key: demoFixtures.lert,
      gender: 'm',
      honorific: 'M.',
      firstName: 'Dan',
      lastName: 'Lert',
      function: 'Adjoint à la Maire de Paris',
      organisation: 'Ville de Paris',
      country: 'France',
      category: 'Intervenant·e',
      email: 'dan.lert@paris.fr',
      ticketCodes: ['INV-23-0002'],
      sessions: [PLENARY_ID, 'atelier-climat'],
    },
    {
      ...base,
      key: demoFixtures.faure,
      gender: 'f',
      honorific: 'Mme',
      firstName: 'Dominique',
      lastName: 'Faure',
      function: 'Ministre déléguée chargée des Collectivités territoriales et de la Ruralité',
      organisation: "Ministère de l'Intérieur et des Outre-mer",
      country: 'France',
      category: 'Intervenant·e',
      email: 'dominique.faure@interieur.gouv.fr',
      ticketCodes: ['INV-23-0003'],
      sessions: [CEREMONY_ID, 'atelier-crises'],
    },
    {
      ...base,
      key: demoFixtures.fotic,
      codeKind: 'organiser',
      ticketType: 'Organisation',
      gender: 'f',
      honorific: 'Mme',
      firstName: 'Katarina',
      lastName: 'Fotic',
      function: 'Responsable communication, événementiel et publications',
      organisation: 'Cités Unies France',
      country: 'France',
      category: 'Organisation',
      email: 'k.fotic@cites-unies-france.org',
      ticketCodes: ['ORG-23-0000'],
      sessions: [CEREMONY_ID, 'atelier-citoyennete'],
    },
    {
      ...base,
      key: demoFixtures.nguyen,
      codeKind: 'ticket',
      ticketType: 'Délégation étrangère',
      gender: 'f',
      honorific: 'Mme',
      firstName: 'Thị Thu Hà',
      lastName: 'Nguyễn',
      function: 'Vice-présidente du Comité populaire',
      organisation: 'Comité populaire de Hà Nội',
      country: 'Viêt Nam',
      category: 'Délégation étrangère',
      language: 'vi',
      email: 'nguyen.thithuha@hanoi.gov.vn',
      ticketCodes: ['209318450127'],
      sessions: ['gp-vietnam', CEREMONY_ID, 'atelier-economie'],
    },
    {
      ...base,
      key: demoFixtures.longName,
      codeKind: 'ticket',
      ticketType: 'Délégation étrangère',
      gender: 'f',
      honorific: 'Mme',
      firstName: 'Andrianantenaina Fanomezantsoa Tahiriniaina',
      lastName: 'Rakotoarimanana-Andriamahefazafy',
      function: 'Directrice de la coopération décentralisée et des relations internationales',
      organisation: "Commune urbaine d'Antananarivo",
      country: 'Madagascar',
      category: 'Délégation étrangère',
      email: 'a.rakotoarimanana@cua.mg',
      ticketCodes: ['318204775910'],
      sessions: [AFRICA_MEETING_ID, 'atelier-energie'],
    },
    {
      ...base,
      key: demoFixtures.upperCase,
      codeKind: 'ticket',
      ticketType: 'Tarif adhérent',
      gender: 'f',
      honorific: 'Mme',
      firstName: 'Marie-Hélène',
      lastName: 'LEFÈVRE-DUCHÂTEAU',
      function: 'Conseillère départementale déléguée aux relations internationales',
      organisation: 'Département de la Gironde',
      country: 'France',
      category: 'Élu·e',
      email: 'mh.lefevre-duchateau@gironde.fr',
      ticketCodes: ['475110982364'],
      sessions: ['gp-palestine', 'atelier-femmes'],
    },
    {
      ...base,
      key: demoFixtures.apostrophe,
      codeKind: 'ticket',
      ticketType: 'Délégation étrangère',
      gender: 'f',
      honorific: 'Mme',
      firstName: 'Aïssatou',
      lastName: "N'Diaye",
      function: 'Adjointe au maire',
      organisation: 'Ville de Dakar',
      country: 'Sénégal',
      category: 'Délégation étrangère',
      email: 'aissatou.ndiaye@villededakar.sn',
      ticketCodes: ['561093847210'],
      sessions: [AFRICA_MEETING_ID, 'atelier-sport'],
    },
    {
      ...base,
      key: demoFixtures.chinese,
      codeKind: 'ticket',
      ticketType: 'Délégation étrangère',
      gender: 'f',
      honorific: 'Mme',
      firstName: '芳',
      lastName: '王',
      function: 'Directrice adjointe du bureau des affaires étrangères',
      organisation: 'Gouvernement populaire de la ville de Wuhan',
      country: 'Chine',
      category: 'Délégation étrangère',
      language: 'zh',
      email: 'wang.fang@wuhan.gov.cn',
      ticketCodes: ['640285519376'],
      sessions: ['gp-chine', 'atelier-climat'],
    },
    {
      ...base,
      key: demoFixtures.cancelled,
      codeKind: 'ticket',
      ticketType: 'Tarif adhérent',
      gender: 'm',
      honorific: 'M.',
      firstName: 'Olivier',
      lastName: 'Bertrand',
      function: 'Chargé de mission jumelages',
      organisation: 'Ville de Tours',
      country: 'France',
      category: 'Participant·e',
      email: 'olivier.bertrand@ville-tours.fr',
      ticketCodes: ['733950128846'],
      status: 'cancelled',
      sessions: ['atelier-odd'],
    },
  ];
}
