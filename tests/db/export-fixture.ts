/**
 * The exports' test event: 18–19 September 2023 in Paris, an entrance and two day-2 workshops,
 * people in several scripts, check-ins made through the real check-in desk (one undone), a
 * walk-in, a cancelled registration, a printed badge and a failed print.
 */
import { Attendees } from '../../main/core/attendees/attendees';
import type { Database } from '../../main/core/db/open';
import { openCore, type Core } from '../helpers/services';

export interface ExportDesk extends Core {
  clock: { now: Date };
  eventId: string;
  people: Record<'awa' | 'lan' | 'emile' | 'eloise' | 'zhang' | 'fatima' | 'absent' | 'cancelled' | 'walkin', string>;
  /** Checks `id` in at `iso` (UTC) through `checkpointId`, as staff picking them from a search. */
  checkin(id: string, iso: string, checkpointId?: string): Promise<string>;
}

export async function exportDesk(): Promise<ExportDesk> {
  const clock = { now: new Date('2023-09-18T07:00:00Z') };
  const core = openCore(() => clock.now);
  const event = await core.call('events:create', {
    name: 'Rencontres',
    timezone: 'Europe/Paris',
    days: [{ date: '2023-09-18', label: 'Jour 1' }, { date: '2023-09-19', label: 'Jour 2' }],
    checkpoints: [
      { id: 'entree', kind: 'entrance', name: 'Entrée principale' },
      { id: 'atelier-climat', kind: 'session', name: 'Atelier climat', day: '2023-09-19' },
      { id: 'atelier-sport', kind: 'session', name: 'Atelier sport & JOP 2024', day: '2023-09-19' },
    ],
    select: true,
  });
  await core.call('kiosk:configure', { name: 'Accueil 1', checkpointId: 'entree' });
  const attendees = new Attendees(core.db);
  const add = (fields: Parameters<Attendees['insert']>[0]) => attendees.insert(fields);
  const e = event.id;
  const people = {
    awa: add({ eventId: e, honorific: 'Mme', firstName: 'Awa', lastName: 'Diop', function: 'Maire', organisation: 'Ville de Dakar', country: 'Sénégal', category: 'Élu·e' }),
    lan: add({ eventId: e, honorific: 'Mme', firstName: 'Lan', lastName: 'Nguyễn', organisation: 'Hà Nội', country: 'Viêt Nam', sessions: ['atelier-climat'] }),
    emile: add({ eventId: e, honorific: 'M.', firstName: 'Émile', lastName: 'Éluard', organisation: 'Région Bretagne', country: 'France', sessions: ['atelier-climat', 'atelier-sport'] }),
    eloise: add({ eventId: e, firstName: 'eloise', lastName: 'Elbaz', organisation: 'Métropole de Lyon', country: 'France' }),
    zhang: add({ eventId: e, firstName: '伟', lastName: '张', organisation: '北京市', country: 'Chine', sessions: ['atelier-sport'] }),
    fatima: add({ eventId: e, firstName: 'فاطمة', lastName: 'الزهراء', organisation: 'Commune de Tunis', country: 'Tunisie' }),
    absent: add({ eventId: e, firstName: 'Jan', lastName: 'Kowalski', organisation: 'Gmina Kraków', country: 'Pologne', sessions: ['atelier-climat'] }),
    cancelled: add({ eventId: e, firstName: 'Olivier', lastName: 'Bertrand', status: 'cancelled', country: 'France' }),
    walkin: add({ eventId: e, firstName: 'Paul', lastName: 'Martin', organisation: 'Presse', country: 'France', source: 'walk-in' }),
  };
  const checkin = async (id: string, iso: string, checkpointId = 'entree') => {
    clock.now = new Date(iso);
    const outcome = await core.call('checkin:scan', { code: id, method: 'search', checkpointId, override: true });
    if (outcome.result !== 'accepted' || !outcome.checkinId) throw new Error(`check-in of ${id} at ${iso}: ${outcome.result}`);
    return outcome.checkinId;
  };
  return { ...core, clock, eventId: e, people, checkin };
}

/** The standard story: day 1 and day 2 arrivals, workshop entries, one undone check-in, prints. */
export async function withCheckins(d: ExportDesk): Promise<void> {
  const p = d.people;
  await d.checkin(p.awa, '2023-09-18T07:14:00Z'); // 09:14 Paris
  await d.checkin(p.lan, '2023-09-18T07:20:00Z');
  await d.checkin(p.emile, '2023-09-18T08:00:00Z');
  await d.checkin(p.fatima, '2023-09-18T08:30:00Z');
  await d.checkin(p.walkin, '2023-09-18T09:00:00Z');
  const mistaken = await d.checkin(p.eloise, '2023-09-18T09:05:00Z');
  d.clock.now = new Date('2023-09-18T09:05:10Z');
  await d.call('checkin:undo', { checkinId: mistaken, reason: 'wrong person' });
  // Day 2.
  await d.checkin(p.awa, '2023-09-19T06:50:00Z');
  await d.checkin(p.emile, '2023-09-19T07:10:00Z');
  await d.checkin(p.zhang, '2023-09-19T07:30:00Z');
  await d.checkin(p.emile, '2023-09-19T09:00:00Z', 'atelier-climat');
  await d.checkin(p.emile, '2023-09-19T13:00:00Z', 'atelier-sport');
  await d.checkin(p.zhang, '2023-09-19T13:05:00Z', 'atelier-sport');
  printed(d.db, d.eventId, p.awa, 'sent');
  printed(d.db, d.eventId, p.lan, 'failed');
}

/** A badge print in the ledger (the print desk itself needs a printer; what exports read is this row). */
export function printed(db: Database, eventId: string, attendeeId: string, status: 'sent' | 'failed'): void {
  db.prepare(
    `INSERT INTO print_log (id, event_id, attendee_id, template, kiosk_id, status, at) VALUES (?, ?, ?, 'a6', 'k1', ?, '2023-09-18T07:15:00Z')`,
  ).run(`${attendeeId}-${status}`, eventId, attendeeId, status);
}
