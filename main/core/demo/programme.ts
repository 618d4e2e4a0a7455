import type { CheckpointInput } from '../events/events';
import type { EventDay } from '../types';

/** Fixed so that loading the demo twice updates it instead of creating a second event. */
export const DEMO_EVENT_ID = 'demo-aict-2023';
/** Everything generated (names, codes, ids) derives from this seed. */
export const DEMO_SEED = 'demo-aict-2023';

export const demoEvent = {
  id: DEMO_EVENT_ID,
  name: "14e Rencontres de l'action internationale des collectivités territoriales",
  venue: "Cité des Sciences et de l'Industrie, Paris",
  timezone: 'Europe/Paris',
} as const;

export const ENTRANCE_ID = 'entrance';
export const PLENARY_ID = 'pleniere';
export const CEREMONY_ID = 'ceremonie';
export const AFRICA_MEETING_ID = 'reunion-afrique';
export const MEDITERRANEAN_MEETING_ID = 'reunion-mediterranee';
export const MICRO_WORKSHOPS_ID = 'micro-ateliers';

interface Slot {
  room: string;
  capacity: number;
  startsAt: string;
  endsAt: string;
}

export interface CountryGroup extends Slot {
  id: string;
  name: string;
  /** Country (French name, as attendees carry it) whose delegations sit in this group. */
  country: string;
}

export interface Workshop extends Slot {
  id: string;
  name: string;
  /** Countries whose delegations lean towards this theme (the generator's only hint). */
  affinity: string[];
}

/** Day 1, morning: country-group meetings (groupes-pays), two rounds in the Louis Armand and Condorcet rooms. */
export const countryGroups: CountryGroup[] = [
  { id: 'gp-maroc', name: 'Groupe-pays Maroc', country: 'Maroc', room: 'Salle Louis Armand Est', capacity: 60, startsAt: '09:30', endsAt: '11:00' },
  { id: 'gp-liban', name: 'Groupe-pays Liban', country: 'Liban', room: 'Salle Louis Armand Ouest', capacity: 50, startsAt: '09:30', endsAt: '11:00' },
  { id: 'gp-palestine', name: 'Groupe-pays Palestine', country: 'Palestine', room: 'Salle Condorcet 1', capacity: 50, startsAt: '09:30', endsAt: '11:00' },
  { id: 'gp-vietnam', name: 'Groupe-pays Viêt Nam', country: 'Viêt Nam', room: 'Salle Condorcet 2', capacity: 60, startsAt: '09:30', endsAt: '11:00' },
  { id: 'gp-chine', name: 'Groupe-pays Chine', country: 'Chine', room: 'Salle Louis Armand Est', capacity: 50, startsAt: '11:15', endsAt: '12:45' },
  { id: 'gp-japon', name: 'Groupe-pays Japon', country: 'Japon', room: 'Salle Louis Armand Ouest', capacity: 40, startsAt: '11:15', endsAt: '12:45' },
  { id: 'gp-armenie', name: 'Groupe-pays Arménie', country: 'Arménie', room: 'Salle Condorcet 1', capacity: 40, startsAt: '11:15', endsAt: '12:45' },
  { id: 'gp-ukraine', name: 'Groupe-pays Ukraine', country: 'Ukraine', room: 'Salle Condorcet 2', capacity: 60, startsAt: '11:15', endsAt: '12:45' },
  { id: 'gp-quebec', name: 'Groupe-pays Québec', country: 'Canada', room: 'Salle Jean Perrin', capacity: 40, startsAt: '11:15', endsAt: '12:45' },
];

/** Countries whose delegations attend each regional meeting (day 1, afternoon). */
export const africaCountries = ['Sénégal', 'Mali', 'Burkina Faso', "Côte d'Ivoire", 'Bénin', 'Togo', 'Niger', 'Cameroun', 'Madagascar', 'Mauritanie'];
export const mediterraneanCountries = ['Maroc', 'Tunisie', 'Algérie', 'Liban', 'Palestine', 'Israël', 'Grèce', 'Italie', 'Espagne'];

/** Day 2, afternoon: the eight parallel workshops of the 2023 programme. */
export const workshops: Workshop[] = [
  {
    id: 'atelier-economie',
    name: "Atelier 1 – L'action internationale au service du développement économique et de l'attractivité",
    room: 'Salle Louis Armand Est', capacity: 90, startsAt: '14:00', endsAt: '16:00',
    affinity: ['Chine', 'Japon', 'Corée du Sud', 'Viêt Nam', 'Allemagne', 'Canada', 'Brésil', 'Pologne'],
  },
  {
    id: 'atelier-energie',
    name: "Atelier 2 – Accès à l'énergie et gouvernance locale",
    room: 'Salle Louis Armand Ouest', capacity: 60, startsAt: '14:00', endsAt: '16:00',
    affinity: ['Sénégal', 'Bénin', 'Madagascar', 'Togo', 'Cameroun', 'Cambodge', 'Mauritanie', "Côte d'Ivoire"],
  },
  {
    id: 'atelier-femmes',
    name: 'Atelier 3 – Les collectivités face aux reculs et avancées des droits des femmes',
    room: 'Salle Condorcet 1', capacity: 70, startsAt: '14:00', endsAt: '16:00',
    affinity: ['Tunisie', 'Maroc', 'Espagne', 'Mexique', 'Colombie'],
  },
  {
    id: 'atelier-citoyennete',
    name: 'Atelier 4 – Éducation à la citoyenneté et à la solidarité internationale',
    room: 'Salle Condorcet 2', capacity: 60, startsAt: '14:00', endsAt: '16:00',
    affinity: ['Belgique', 'Italie', 'Portugal', 'Canada'],
  },
  {
    id: 'atelier-climat',
    name: "Atelier 5 – La coopération décentralisée face à l'aggravation des changements climatiques",
    room: 'Amphithéâtre Gaston Berger', capacity: 90, startsAt: '14:00', endsAt: '16:00',
    affinity: ['Viêt Nam', 'Maroc', 'Tunisie', 'Mexique', 'Colombie', 'Madagascar', 'Niger', 'Grèce'],
  },
  {
    id: 'atelier-sport',
    name: 'Atelier 6 – Sport et coopération décentralisée à la veille des JOP 2024',
    room: 'Salle Jean Perrin', capacity: 70, startsAt: '14:00', endsAt: '16:00',
    affinity: ['Japon', 'Corée du Sud', 'Brésil', 'Sénégal', 'Hongrie'],
  },
  {
    id: 'atelier-odd',
    name: 'Atelier 7 – Les ODD : quel référentiel pour les coopérations décentralisées ?',
    room: 'Salle Marie Curie', capacity: 60, startsAt: '14:00', endsAt: '16:00',
    affinity: ['Allemagne', 'Espagne', 'Italie', 'Tchéquie', 'Roumanie', 'Moldavie'],
  },
  {
    id: 'atelier-crises',
    name: 'Atelier 8 – Coopération décentralisée dans les pays fragilisés par des crises de longue durée',
    room: 'Salle Jules Verne', capacity: 70, startsAt: '14:00', endsAt: '16:00',
    affinity: ['Ukraine', 'Liban', 'Palestine', 'Haïti', 'Mali', 'Burkina Faso', 'Arménie', 'Géorgie'],
  },
];

export const workshopIds = workshops.map((w) => w.id);

/** The two days, labelled; their dates move to today and tomorrow whenever the demo is loaded. */
export function demoDays(day1: string, day2: string): EventDay[] {
  return [
    { date: day1, label: 'Jour 1 · Groupes-pays et réunions régionales' },
    { date: day2, label: 'Jour 2 · Plénière et ateliers' },
  ];
}

/** Every checkpoint of the demo, in the order staff see them. Ids are stable: tests and docs name them. */
export function demoCheckpoints(day1: string, day2: string): CheckpointInput[] {
  const session = (id: string, name: string, day: string, slot: Slot): CheckpointInput => ({
    id,
    kind: 'session',
    name,
    day,
    room: slot.room,
    capacity: slot.capacity,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
  });
  return [
    { id: ENTRANCE_ID, kind: 'entrance', name: 'Entrée principale', day: null, room: "Hall d'accueil, niveau 0", capacity: null, startsAt: '08:30', endsAt: '20:30' },
    ...countryGroups.map((g) => session(g.id, g.name, day1, g)),
    session(AFRICA_MEETING_ID, 'Réunion régionale Afrique', day1, { room: 'Amphithéâtre Gaston Berger', capacity: 160, startsAt: '14:00', endsAt: '16:30' }),
    session(MEDITERRANEAN_MEETING_ID, 'Réunion régionale Méditerranée', day1, { room: 'Salle Louis Armand Est', capacity: 140, startsAt: '14:00', endsAt: '16:30' }),
    session(CEREMONY_ID, 'Cérémonie des présidentes et présidents de groupes-pays', day1, { room: 'Auditorium', capacity: 350, startsAt: '18:00', endsAt: '20:00' }),
    session(PLENARY_ID, 'Séance plénière – Quelle contribution des collectivités territoriales à la résolution des grands enjeux mondiaux ?', day2, { room: 'Auditorium', capacity: 600, startsAt: '09:30', endsAt: '12:30' }),
    ...workshops.map((w) => session(w.id, w.name, day2, w)),
    session(MICRO_WORKSHOPS_ID, 'Micro-ateliers (20 minutes)', day2, { room: 'Espace Agora', capacity: 40, startsAt: '14:00', endsAt: '17:00' }),
  ];
}
