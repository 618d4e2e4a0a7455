import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import { createServices } from '../../main/core/services';
import { tempDir } from '../helpers/temp';

/** What identifies the purged event's people; none of it may be left anywhere in the data folder. */
const secrets = ['Zéphyrine', 'Quetzalcoatlova', 'zephyrine@example.org', 'Xylopolis', 'Wolframova', 'QZ-998877'];

function digest(db: Database): string {
  const hash = createHash('sha256');
  for (const table of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]) {
    hash.update(table);
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return hash.digest('hex');
}

/** Every text cell of every table, lower-cased (the search index keeps terms folded). */
function tableText(db: Database): string {
  const parts: string[] = [];
  for (const table of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]) {
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
      for (const cell of row) parts.push(Buffer.isBuffer(cell) ? cell.toString('latin1') : String(cell));
    }
  }
  return parts.join('\n').toLowerCase();
}

/** The raw bytes of every file of the data folder (database, WAL), as text. */
function folderBytes(dir: string): string {
  return fs
    .readdirSync(dir)
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => fs.readFileSync(path.join(dir, f)).toString('utf8'))
    .join('\n')
    .toLowerCase();
}

const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

async function kioskWithData() {
  const dir = tempDir();
  const db = openDataFolder(dir);
  const clock = { now: new Date('2023-09-18T07:14:00Z') };
  const services = createServices({ db, now: () => clock.now });
  const call = async <T>(op: Parameters<typeof dispatch>[1], input: unknown): Promise<T> => {
    const result = await dispatch(services.handlers, op, input);
    if (!result.ok) throw new Error(`${op}: ${result.code} ${result.message}`);
    return result.value as T;
  };
  const other = await call<{ id: string }>('events:create', { name: 'Autre événement', checkpoints: [{ id: 'porte', kind: 'entrance', name: 'Porte' }] });
  const event = await call<{ id: string }>('events:create', {
    name: 'Rencontres 2023',
    timezone: 'Europe/Paris',
    days: [{ date: '2023-09-18', label: 'Jour 1' }],
    checkpoints: [
      { id: 'entree', kind: 'entrance', name: 'Entrée' },
      { id: 'climat', kind: 'session', name: 'Atelier climat', day: '2023-09-18' },
    ],
    select: true,
  });
  const attendees = new Attendees(db);
  const zephyrine = attendees.insert({
    eventId: event.id,
    firstName: 'Zéphyrine',
    lastName: 'Quetzalcoatlova',
    email: 'zephyrine@example.org',
    organisation: 'Ville de Xylopolis',
    ticketCodes: ['QZ-998877'],
    sessions: ['climat'],
  });
  const keeper = attendees.insert({ eventId: other.id, firstName: 'Karl', lastName: 'Keeper' });
  await call('checkin:scan', { code: zephyrine, method: 'search' });
  await call('checkin:scan', { code: 'QZ-unknown-Wolframova', method: 'wedge' }); // a refused scan keeps what was typed
  await call('attendees:update', { id: zephyrine, fields: { function: 'Maire' } });
  const walkin = await call<{ attendee: { id: string } }>('walkin:create', { firstName: 'Wolframova', lastName: 'Ida', consent: true });
  // A print, a batch, a look-alike flag and the hub's log of the event (this kiosk as the hub).
  db.prepare("INSERT INTO print_log (id, event_id, attendee_id, template, kiosk_id, status, at) VALUES ('p1', ?, ?, 'a6', 'k', 'sent', ?)").run(event.id, zephyrine, clock.now.toISOString());
  db.prepare(
    "INSERT INTO print_batches (id, event_id, kiosk_id, template, printer, sort, attendee_ids, status, created_at, updated_at) VALUES ('b1', ?, 'k', 'a6', 'PDF', 'name', ?, 'done', ?, ?)",
  ).run(event.id, JSON.stringify([zephyrine]), clock.now.toISOString(), clock.now.toISOString());
  db.prepare("INSERT INTO sync_flags (id, event_id, kind, attendee_id, other_id, details, created_at) VALUES ('f1', ?, 'lookalike', ?, ?, ?, ?)").run(
    event.id,
    walkin.attendee.id,
    zephyrine,
    JSON.stringify({ name: 'Zéphyrine Quetzalcoatlova' }),
    clock.now.toISOString(),
  );
  db.prepare("INSERT INTO hub_log (id, event_id, device_id, kind, at, payload, received_at) VALUES ('h1', ?, 'd', 'walkin', ?, ?, ?)").run(
    event.id,
    clock.now.toISOString(),
    JSON.stringify({ firstName: 'Wolframova', email: 'zephyrine@example.org' }),
    clock.now.toISOString(),
  );
  return { dir, db, services, call, eventId: event.id, otherId: other.id, keeper, zephyrine };
}

describe('data:purge', () => {
  it("deletes the event's personal data from every table and from the file, keeps the event and the other event, logs counts only", async () => {
    const k = await kioskWithData();
    const beforeText = tableText(k.db);
    for (const secret of secrets) expect(beforeText, secret).toContain(secret.toLowerCase());
    k.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(folderBytes(k.dir)).toContain('quetzalcoatlova');

    const report = await k.call('data:purge', { eventId: k.eventId, confirm: 'Rencontres 2023' });
    expect(report).toEqual({ eventId: k.eventId, attendees: 2, walkins: 1, checkins: 3, prints: 1, printBatches: 1, flags: 1, outbox: 4, hubLog: 1 });

    const text = tableText(k.db);
    const bytes = folderBytes(k.dir);
    for (const secret of secrets) {
      expect(text, `${secret} in a table`).not.toContain(secret.toLowerCase());
      expect(text, `${secret} in a table (folded)`).not.toContain(folded(secret));
      expect(bytes, `${secret} in the file`).not.toContain(secret.toLowerCase());
      expect(bytes, `${secret} in the file (folded)`).not.toContain(folded(secret));
    }
    expect(k.db.prepare('SELECT count(*) FROM attendees WHERE event_id = ?').pluck().get(k.eventId)).toBe(0);
    for (const table of ['ticket_codes', 'attendee_sessions', 'checkins', 'print_log', 'print_batches', 'sync_flags', 'hub_log']) {
      expect(k.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    // The search finds nobody of it any more; the event, its days and checkpoints stay; so does the other event.
    expect(await k.call('attendees:search', { text: 'Quetz' })).toEqual([]);
    expect(await k.call<{ name: string; checkpoints: unknown[] }>('events:select', { id: k.eventId })).toMatchObject({ name: 'Rencontres 2023' });
    expect(k.db.prepare('SELECT count(*) FROM checkpoints WHERE event_id = ?').pluck().get(k.eventId)).toBe(2);
    expect(k.db.prepare('SELECT id FROM attendees').pluck().all()).toEqual([k.keeper]);
    const audit = k.db.prepare("SELECT role, target, details FROM audit_log WHERE action = 'data.purge'").get() as { role: string; target: string; details: string };
    expect(audit.role).toBe('organiser');
    expect(audit.target).toBe(k.eventId);
    expect(JSON.parse(audit.details)).toEqual({ attendees: 2, walkins: 1, checkins: 3, prints: 1, printBatches: 1, flags: 1, outbox: 4, hubLog: 1, unsentDiscarded: 0 });
    // secure_delete is only on for the purge.
    expect(k.db.pragma('secure_delete', { simple: true })).toBe(0);
  }, 120_000);

  it('a wrong confirmation changes nothing and says what to type', async () => {
    const k = await kioskWithData();
    const before = digest(k.db);
    for (const confirm of ['', 'rencontres 2023', 'Rencontres', 'Autre événement']) {
      const result = await dispatch(k.services.handlers, 'data:purge', { eventId: k.eventId, confirm });
      expect(result).toMatchObject({ ok: false, code: 'purge.confirm_mismatch', params: { name: 'Rencontres 2023' } });
    }
    expect(await dispatch(k.services.handlers, 'data:purge', { eventId: 'nope', confirm: 'nope' })).toMatchObject({ ok: false, code: 'event.not_found' });
    expect(digest(k.db)).toBe(before);
  });
});
