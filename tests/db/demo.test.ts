import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../main/core/db/open';
import { Events } from '../../main/core/events/events';
import { Attendees } from '../../main/core/attendees/attendees';
import { searchAttendees } from '../../main/core/attendees/search';
import {
  DEMO_ATTENDEE_COUNT,
  DEMO_EVENT_ID,
  demoAttendeeId,
  demoCategories,
  demoFixtures,
  ensureDemoOnFirstStart,
  generateDemoPeople,
  loadDemo,
} from '../../main/core/demo/demo';
import { frenchAuthorities } from '../../main/core/demo/pools';
import { workshopIds } from '../../main/core/demo/programme';

const dirs: string[] = [];
const open: Database[] = [];

function freshDb(): Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-demo-'));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'accueil.sqlite'));
  open.push(db);
  return db;
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

// 23:30 UTC on 28 March 2026 is already the 29th in Paris (and the night clocks go forward).
const lateSaturday = () => new Date('2026-03-28T23:30:00Z');

function dump(db: Database) {
  return {
    events: db.prepare('SELECT id, name, venue, timezone FROM events').all(),
    days: db.prepare('SELECT * FROM event_days ORDER BY event_id, date').all(),
    checkpoints: db.prepare('SELECT * FROM checkpoints ORDER BY id').all(),
    attendees: db.prepare('SELECT rowid, * FROM attendees ORDER BY rowid').all(),
    codes: db.prepare('SELECT * FROM ticket_codes ORDER BY event_id, code').all(),
    sessions: db.prepare('SELECT * FROM attendee_sessions ORDER BY attendee_id, checkpoint_id').all(),
  };
}

interface Row {
  id: string;
  first_name: string;
  last_name: string;
  organisation: string;
  country: string;
  category: string;
  email: string;
  status: string;
  source: string;
}

const rows = (db: Database) => db.prepare('SELECT * FROM attendees WHERE event_id = ?').all(DEMO_EVENT_ID) as Row[];

describe('demo event', () => {
  it('is deterministic: two loads in two fresh databases write identical rows', () => {
    const a = freshDb();
    const b = freshDb();
    loadDemo(a, lateSaturday);
    loadDemo(b, lateSaturday);
    expect(dump(a)).toEqual(dump(b));
    expect(generateDemoPeople()).toEqual(generateDemoPeople());
    expect(generateDemoPeople('another seed')).not.toEqual(generateDemoPeople());
  });

  it('has the size and the mix of the 2023 edition', () => {
    const db = freshDb();
    const event = loadDemo(db, lateSaturday);
    const all = rows(db);
    expect(event.id).toBe(DEMO_EVENT_ID);
    expect(event.attendeeCount).toBe(DEMO_ATTENDEE_COUNT);
    expect(all.length).toBeGreaterThanOrEqual(500);
    expect(all.length).toBeLessThanOrEqual(540);
    expect(all.every((r) => r.source === 'demo')).toBe(true);

    expect(new Set(all.map((r) => r.country)).size).toBeGreaterThanOrEqual(30);
    const authorityNames = new Set(frenchAuthorities.map((a) => a.name));
    expect(authorityNames.size).toBe(130);
    const present = new Set(all.filter((r) => r.country === 'France' && authorityNames.has(r.organisation)).map((r) => r.organisation));
    expect(present.size).toBe(130);

    expect(new Set(all.map((r) => r.category))).toEqual(new Set(demoCategories));

    const cancelled = all.filter((r) => r.status === 'cancelled').length;
    expect(cancelled).toBeGreaterThan(0);
    expect(cancelled / all.length).toBeGreaterThan(0.02);
    expect(cancelled / all.length).toBeLessThan(0.05);

    // Names in their own scripts, not only transliterated.
    const names = all.map((r) => `${r.first_name} ${r.last_name}`).join(' ');
    for (const script of ['Arabic', 'Han', 'Hangul', 'Cyrillic', 'Armenian', 'Greek', 'Georgian', 'Hebrew', 'Khmer']) {
      expect(new RegExp(`\\p{Script=${script}}`, 'u').test(names), script).toBe(true);
    }
    expect(names).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u);
    expect(all.some((r) => r.last_name.length > 3 && r.last_name === r.last_name.toUpperCase() && /\p{Lu}/u.test(r.last_name))).toBe(true);

    expect(all.every((r) => /^[\x21-\x7e]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(r.email))).toBe(true);
    expect(new Set(all.map((r) => r.email.toLowerCase())).size).toBe(all.length);
  });

  it('gives most people a Weezevent-style barcode and every person one workshop within room capacity', () => {
    const db = freshDb();
    const event = loadDemo(db, lateSaturday);
    const codes = db.prepare('SELECT code, attendee_id FROM ticket_codes WHERE event_id = ?').all(DEMO_EVENT_ID) as { code: string; attendee_id: string }[];
    const holders = new Set(codes.map((c) => c.attendee_id));
    expect(holders.size).toBe(event.attendeeCount);
    const numeric = new Set(codes.filter((c) => /^\d{12}$/.test(c.code)).map((c) => c.attendee_id));
    expect(numeric.size / event.attendeeCount).toBeGreaterThan(0.7);

    const perPerson = db
      .prepare(
        `SELECT a.id, count(s.checkpoint_id) AS n FROM attendees a
         LEFT JOIN attendee_sessions s ON s.attendee_id = a.id AND s.checkpoint_id LIKE 'atelier-%'
         WHERE a.event_id = ? GROUP BY a.id`,
      )
      .all(DEMO_EVENT_ID) as { n: number }[];
    expect(perPerson.every((p) => p.n === 1)).toBe(true);

    const load = new Map(
      (db.prepare('SELECT checkpoint_id AS id, count(*) AS n FROM attendee_sessions GROUP BY checkpoint_id').all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
    );
    for (const checkpoint of event.checkpoints) {
      if (checkpoint.capacity !== null) expect(load.get(checkpoint.id) ?? 0, checkpoint.id).toBeLessThanOrEqual(checkpoint.capacity);
    }
    expect((load.get('reunion-afrique') ?? 0) > 0 && (load.get('gp-vietnam') ?? 0) > 0).toBe(true);
  });

  it('places its two days on today and tomorrow at the venue, with stable checkpoint ids', () => {
    const db = freshDb();
    const event = loadDemo(db, lateSaturday);
    expect(event.days.map((d) => d.date)).toEqual(['2026-03-29', '2026-03-30']);
    const byId = new Map(event.checkpoints.map((c) => [c.id, c]));
    expect(byId.get('entrance')).toMatchObject({ kind: 'entrance', day: null });
    for (const id of ['gp-vietnam', 'gp-maroc', 'reunion-afrique', 'reunion-mediterranee', 'ceremonie']) {
      expect(byId.get(id), id).toMatchObject({ kind: 'session', day: '2026-03-29' });
    }
    expect(workshopIds).toHaveLength(8);
    for (const id of ['pleniere', ...workshopIds]) {
      const checkpoint = byId.get(id);
      expect(checkpoint, id).toMatchObject({ kind: 'session', day: '2026-03-30' });
      expect(checkpoint?.room).not.toBe('');
      expect(checkpoint?.capacity).toBeGreaterThan(0);
      expect(checkpoint?.startsAt).toMatch(/^\d\d:\d\d$/);
      expect(checkpoint?.endsAt).toMatch(/^\d\d:\d\d$/);
    }
    expect(byId.has('atelier-climat')).toBe(true);
  });

  it('is found by what staff type', () => {
    const db = freshDb();
    loadDemo(db, lateSaturday);
    const ids = (text: string) => searchAttendees(db, DEMO_EVENT_ID, text, 500).map((r) => r.id);
    const rebsamen = demoAttendeeId(demoFixtures.rebsamen);
    expect(ids('francois')).toContain(rebsamen);
    expect(ids('francois rebsamen')[0]).toBe(rebsamen);
    expect(ids('dijon')).toContain(rebsamen);
    expect(ids('dijon').length).toBeGreaterThan(1);
    expect(ids('nguyen')).toContain(demoAttendeeId(demoFixtures.nguyen));
    expect(ids('lefevre')).toContain(demoAttendeeId(demoFixtures.upperCase));
    expect(ids('wang')).toContain(demoAttendeeId(demoFixtures.chinese));
    const found = searchAttendees(db, DEMO_EVENT_ID, 'rakotoarimanana', 5);
    expect(found[0]?.first_name).toBe('Andrianantenaina Fanomezantsoa Tahiriniaina');
  });

  it('reloads in place: days move, nothing is duplicated, check-ins and hand-made data survive', () => {
    const db = freshDb();
    loadDemo(db, lateSaturday);
    const before = rows(db).map((r) => r.id).sort();
    const rebsamen = demoAttendeeId(demoFixtures.rebsamen);
    const events = new Events(db, lateSaturday);
    const attendees = new Attendees(db, lateSaturday);

    db.prepare(
      `INSERT INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, method, at)
       VALUES ('c1', ?, ?, 'entrance', '2026-03-29', 'k1', 'qr', '2026-03-29T07:14:00Z')`,
    ).run(DEMO_EVENT_ID, rebsamen);
    const walkIn = attendees.insert({ eventId: DEMO_EVENT_ID, firstName: 'Zoë', lastName: 'Walk-in', source: 'walk-in' });
    attendees.update(rebsamen, { lastName: 'Changed by hand' });
    const current = events.get(DEMO_EVENT_ID);
    events.update(DEMO_EVENT_ID, {
      checkpoints: [...current.checkpoints, { id: 'salle-presse', kind: 'session', name: 'Salle de presse', day: '2026-03-30' }],
    });

    const nextWeek = () => new Date('2026-04-06T09:00:00Z');
    const event = loadDemo(db, nextWeek);
    expect(event.days.map((d) => d.date)).toEqual(['2026-04-06', '2026-04-07']);
    expect(event.checkpoints.find((c) => c.id === 'atelier-climat')?.day).toBe('2026-04-07');
    expect(event.checkpoints.some((c) => c.id === 'salle-presse')).toBe(true);
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(1);

    const after = rows(db);
    expect(after.filter((r) => r.source === 'demo').map((r) => r.id).sort()).toEqual(before);
    expect(after.some((r) => r.id === walkIn)).toBe(true);
    expect(attendees.get(rebsamen).lastName).toBe('Rebsamen');
    expect((db.prepare('SELECT count(*) AS n FROM checkins').get() as { n: number }).n).toBe(1);
    const { n: codes } = db.prepare('SELECT count(*) AS n FROM ticket_codes').get() as { n: number };
    const { n: distinct } = db.prepare('SELECT count(DISTINCT attendee_id || code) AS n FROM ticket_codes').get() as { n: number };
    expect(codes).toBe(distinct);
    const { n: searchRows } = db.prepare('SELECT count(*) AS n FROM attendee_search').get() as { n: number };
    expect(searchRows).toBe(after.length);
  });

  it('loads on first start only when the database has no event at all', () => {
    const empty = freshDb();
    expect(ensureDemoOnFirstStart(empty, lateSaturday)).toBe(true);
    expect(new Events(empty).currentId()).toBe(DEMO_EVENT_ID);
    expect(ensureDemoOnFirstStart(empty, lateSaturday)).toBe(false);
    expect(rows(empty).length).toBe(DEMO_ATTENDEE_COUNT);

    const used = freshDb();
    new Events(used, lateSaturday).create({ name: 'Assemblée générale' });
    expect(ensureDemoOnFirstStart(used, lateSaturday)).toBe(false);
    expect(new Events(used).find(DEMO_EVENT_ID)).toBeUndefined();
  });
});
