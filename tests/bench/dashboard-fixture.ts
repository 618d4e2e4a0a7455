/**
 * A conference at the dashboard's design size (issue 6): 100,000 attendees and 200,000
 * check-ins over two days, written in one transaction with prepared statements (a few
 * seconds). Deterministic: the same figures every run.
 *
 * - Day 1: entrance, four regional meetings (session checkpoints); day 2: entrance, eight workshops.
 * - 2 % cancelled, 1 % walk-ins, 60 % from France, the rest from 40 countries, 1 % without one.
 * - Arrivals between 07:45 and 12:00 at the venue (Paris, UTC+2 in September), most before 10:00.
 * - Besides the arrivals: refused scans (re-entries, unknown codes) and undone check-ins.
 */
import type { Database } from 'better-sqlite3';
import { withBulkIndexing } from '../../main/core/attendees/search-index';
import { Events } from '../../main/core/events/events';
import { Settings } from '../../main/core/settings/settings';

export const benchEventId = 'bench-dashboard';
export const benchDays = ['2026-09-17', '2026-09-18'] as const;

const categories = ['Élu·e', 'Délégation étrangère', 'Ambassade', 'Partenaire', 'Intervenant·e', 'Presse', 'Organisation', 'Participant·e'];
const countries = Array.from({ length: 40 }, (_, i) => `Pays ${String(i + 1).padStart(2, '0')}`);

/** A small deterministic generator (mulberry32): the same database every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(rand: () => number): string {
  const word = () => Math.floor(rand() * 2 ** 32).toString(16).padStart(8, '0');
  const hex = word() + word() + word() + word();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface FixtureSize {
  attendees: number;
  checkins: number;
}

/** Fills `db` (a migrated, empty kiosk database); returns the number of check-in rows written. */
export function buildDashboardDatabase(db: Database, size: FixtureSize = { attendees: 100_000, checkins: 200_000 }): { checkins: number } {
  const rand = random(20260917);
  const [day1, day2] = benchDays;
  const meetings = [1, 2, 3, 4].map((n) => ({ id: `meeting-${n}`, kind: 'session' as const, name: `Réunion régionale ${n}`, day: day1, room: `Salle ${n}`, capacity: 400 }));
  const workshops = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ id: `workshop-${n}`, kind: 'session' as const, name: `Atelier ${n}`, day: day2, room: `Salle ${10 + n}`, capacity: 5000 }));
  new Events(db).create({
    id: benchEventId,
    name: 'Bench',
    timezone: 'Europe/Paris',
    days: [
      { date: day1, label: 'Jour 1' },
      { date: day2, label: 'Jour 2' },
    ],
    checkpoints: [{ id: 'entrance', kind: 'entrance', name: 'Entrée principale' }, ...meetings, ...workshops],
  });
  new Settings(db).set('event.current', benchEventId);

  const insertAttendee = db.prepare(`
    INSERT INTO attendees (id, event_id, first_name, last_name, organisation, country, category, status, source, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'Organisation', ?, ?, ?, ?, '2026-09-01T08:00:00.000Z', '2026-09-01T08:00:00.000Z')`);
  const insertSession = db.prepare('INSERT INTO attendee_sessions (attendee_id, checkpoint_id) VALUES (?, ?)');
  const insertCheckin = db.prepare(`
    INSERT INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, kiosk_name, method, result, at, undoes)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  // Venue time 07:45–12:00 on `day` (UTC+2), most arrivals early.
  const arrivalAt = (day: string, later = 0): string => {
    const spread = rand() ** 1.6 * 4.25 * 3600_000;
    return new Date(Date.parse(`${day}T05:45:00.000Z`) + spread + later).toISOString();
  };

  let written = 0;
  db.transaction(() => {
    withBulkIndexing(db, () => {
      const people: { id: string; valid: boolean; workshop: string; meeting: string | null }[] = [];
      for (let i = 0; i < size.attendees; i++) {
        const id = uuid(rand);
        const valid = rand() >= 0.02;
        const walkin = rand() < 0.01;
        const country = rand() < 0.6 ? 'France' : rand() < 0.025 ? '' : countries[Math.floor(rand() * countries.length)]!;
        const category = categories[Math.floor(rand() ** 2 * categories.length)]!;
        insertAttendee.run(id, benchEventId, `Prénom${i}`, `Nom${i}`, country, category, valid ? 'valid' : 'cancelled', walkin ? 'walk-in' : 'import');
        const workshop = workshops[i % workshops.length]!.id;
        const meeting = i % 5 === 0 ? meetings[i % meetings.length]!.id : null;
        insertSession.run(id, workshop);
        if (meeting) insertSession.run(id, meeting);
        people.push({ id, valid, workshop, meeting });
      }

      const kiosks = ['kiosk-1', 'kiosk-2', 'kiosk-3', 'kiosk-4'];
      const checkin = (attendeeId: string | null, checkpoint: string, day: string, at: string, result = 'accepted', undoes: string | null = null): string => {
        const id = uuid(rand);
        const k = Math.floor(rand() * kiosks.length);
        insertCheckin.run(id, benchEventId, attendeeId, checkpoint, day, kiosks[k], `Accueil ${k + 1}`, 'qr', result, at, undoes);
        written += 1;
        return id;
      };
      const budget = size.checkins;
      // Shares of the budget: the two doors, the rooms, then refusals and undos fill the rest.
      const valid = people.filter((p) => p.valid);
      for (const p of valid) {
        if (written >= budget) break;
        if (rand() < 0.76) checkin(p.id, 'entrance', day1, arrivalAt(day1));
        if (p.meeting && rand() < 0.5) checkin(p.id, p.meeting, day1, arrivalAt(day1, 3600_000));
        if (rand() < 0.7) checkin(p.id, 'entrance', day2, arrivalAt(day2));
        if (rand() < 0.45) checkin(p.id, p.workshop, day2, arrivalAt(day2, 5400_000));
      }
      // Mistakes undone at the desk (the undo row names the check-in it cancels).
      for (let i = 0; i < 500 && written < budget - 1; i++) {
        const p = valid[Math.floor(rand() * valid.length)]!;
        const day = i % 2 === 0 ? day1 : day2;
        const at = arrivalAt(day);
        const original = checkin(p.id, 'entrance', day, at);
        checkin(p.id, 'entrance', day, new Date(Date.parse(at) + 20_000).toISOString(), 'undone', original);
      }
      // Refused scans: re-entries and codes nobody holds.
      while (written < budget) {
        const p = valid[Math.floor(rand() * valid.length)]!;
        const day = rand() < 0.5 ? day1 : day2;
        if (rand() < 0.7) checkin(p.id, 'entrance', day, arrivalAt(day), 'already_checked_in');
        else checkin(null, 'entrance', day, arrivalAt(day), 'unknown');
      }
    });
  })();
  db.pragma('optimize');
  return { checkins: written };
}
