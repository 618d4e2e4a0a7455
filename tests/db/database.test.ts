import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, openDataFolder, databaseFileName } from '../../main/core/db/open';
import { migrate } from '../../main/core/db/migrate';
import { migrations } from '../../main/core/db/migrations';
import { DomainError } from '../../main/core/errors';
import { Events } from '../../main/core/events/events';
import { Attendees } from '../../main/core/attendees/attendees';
import { tempDir } from '../helpers/temp';

describe('the kiosk database', () => {
  it('is created in the data folder with WAL, foreign keys and the latest schema', () => {
    const dir = tempDir();
    const db = openDataFolder(dir);
    expect(db.name).toBe(path.join(dir, databaseFileName));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const table of ['events', 'event_days', 'checkpoints', 'attendees', 'ticket_codes', 'attendee_sessions', 'checkins', 'print_log', 'audit_log', 'settings', 'outbox']) {
      expect(tables).toContain(table);
    }
    db.close();
  });

  it('reopens an existing file without re-running migrations', () => {
    const dir = tempDir();
    const first = openDataFolder(dir);
    const event = new Events(first).create({ name: 'Rencontres' });
    first.close();
    const again = openDataFolder(dir);
    expect(new Events(again).get(event.id).name).toBe('Rencontres');
    again.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const file = path.join(tempDir(), 'future.sqlite');
    const future = new BetterSqlite3(file);
    future.exec('CREATE TABLE from_the_future (x)');
    future.pragma('user_version = 999');
    future.close();

    expect(() => openDatabase(file)).toThrowError(DomainError);
    try {
      openDatabase(file);
    } catch (error) {
      expect((error as DomainError).code).toBe('db.newer_version');
      expect((error as DomainError).params).toMatchObject({ found: 999 });
    }
    const check = new BetterSqlite3(file);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'attendees'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('runs each migration in a transaction: a failing step leaves the previous version', () => {
    const db = new BetterSqlite3(':memory:');
    const steps = [
      { version: 1, name: 'ok', up: 'CREATE TABLE a (x)' },
      { version: 2, name: 'broken', up: 'CREATE TABLE b (x); THIS IS NOT SQL' },
    ];
    expect(() => migrate(db, steps)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
  });

  it('keeps check-ins append-only', () => {
    const db = openDataFolder(tempDir());
    const event = new Events(db).create({ name: 'E' });
    const id = new Attendees(db).insert({ eventId: event.id, firstName: 'Awa', lastName: 'Diop' });
    db.prepare(
      `INSERT INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, method, at)
       VALUES ('c1', ?, ?, 'entrance', '2026-11-27', 'k1', 'qr', '2026-11-27T08:00:00Z')`,
    ).run(event.id, id);
    expect(() => db.prepare("UPDATE checkins SET kiosk_id = 'k2'").run()).toThrow(/append-only/);
    db.close();
  });

  it('enforces foreign keys', () => {
    const db = openDataFolder(tempDir());
    expect(() => new Attendees(db).insert({ eventId: 'no-such-event', firstName: 'X' })).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('rejects an event day that is not a date', () => {
    const db = openDataFolder(tempDir());
    expect(() => new Events(db).create({ name: 'E', days: [{ date: '2026-13-45', label: '' }] })).toThrowError(
      expect.objectContaining({ code: 'event.invalid_day' }),
    );
    expect(new Events(db).list()).toHaveLength(0);
    db.close();
  });
});
