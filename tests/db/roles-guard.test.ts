import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import { operations, type Operation } from '../../main/core/contract';
import type { Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import { isOrganiserOperation, organiserOperations } from '../../main/core/roles/contract';
import { openCore, type Core } from '../helpers/services';
import { tempDir } from '../helpers/temp';

type OrganiserOperation = (typeof organiserOperations)[number];

/** A digest of every row of every table: "nothing changed" means the same digest. */
function digest(db: Database): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    hash.update(table);
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return hash.digest('hex');
}

interface Setup {
  core: Core;
  eventId: string;
  awa: string;
  ownCheckin: string;
  otherCheckin: string;
}

/** An event with an entrance, one attendee checked in here and one check-in synced from another desk, then a PIN. */
async function setup(): Promise<Setup> {
  const clock = { now: new Date('2023-09-18T07:14:00Z') };
  const core = openCore(() => clock.now);
  const event = await core.call('events:create', {
    name: 'Rencontres',
    timezone: 'Europe/Paris',
    days: [{ date: '2023-09-18', label: 'Jour 1' }],
    checkpoints: [{ id: 'entree', kind: 'entrance', name: 'Entrée' }],
    select: true,
  });
  const attendees = new Attendees(core.db);
  const awa = attendees.insert({ eventId: event.id, firstName: 'Awa', lastName: 'Diop' });
  const jan = attendees.insert({ eventId: event.id, firstName: 'Jan', lastName: 'Kowalski' });
  const own = await core.call('checkin:scan', { code: awa, method: 'search' });
  if (!('checkinId' in own) || !own.checkinId) throw new Error('no check-in');
  core.db
    .prepare(
      `INSERT INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, kiosk_name, method, result, at)
       VALUES ('other-desk-checkin', ?, ?, 'entree', '2023-09-18', 'other-kiosk', 'Accueil 2', 'qr', 'accepted', ?)`,
    )
    .run(event.id, jan, clock.now.toISOString());
  await core.call('roles:setPin', { pin: '2580' });
  await core.call('roles:lock', {});
  return { core, eventId: event.id, awa, ownCheckin: own.checkinId, otherCheckin: 'other-desk-checkin' };
}

/** A valid input for each organiser-only operation: the guard, not validation, must be what refuses. */
function inputs(s: Setup): Record<OrganiserOperation | 'export:attendanceFile', unknown> {
  const csv = new TextEncoder().encode('Prénom;Nom\nAwa;Diop\n');
  return {
    'export:attendanceFile': { format: 'csv', file: `${tempDir()}/presence.csv` },
    'events:select': { id: s.eventId },
    'events:create': { name: 'Another' },
    'events:update': { id: s.eventId, name: 'Renamed' },
    'import:preview': { fileName: 'inscrits.csv', data: csv },
    'import:run': { fileName: 'inscrits.csv', data: csv },
    'demo:load': {},
    'qr:export': { folder: tempDir() },
    'token:revoke': { attendeeId: s.awa },
    'print:batch:start': {},
    'print:batch:cancel': { batchId: 'none' },
    'print:batch:resume': { batchId: 'none' },
    'badges:saveTemplate': { name: 'mine', base: 'a6' },
    'badges:deleteTemplate': { name: 'mine' },
    'sync:pair': { url: 'http://127.0.0.1:9', code: '123456' },
    'sync:unpair': {},
    'sync:resolveFlag': { id: 'none', resolution: 'dismissed' },
    'hub:start': { port: 0, host: '127.0.0.1' },
    'hub:stop': {},
    'hub:newCode': {},
    'hub:revoke': { deviceId: 'none' },
    'dashboard:get': {},
    'dashboard:room': { checkpointId: 'atelier', day: '2026-09-17' },
    'export:attendance': { format: 'csv' },
    'roles:setPin': { pin: '2580' },
    'roles:setKioskLock': { enabled: false },
    'audit:list': {},
    'audit:export': {},
    'data:purge': { eventId: s.eventId, confirm: 'Rencontres' },
  };
}

describe('the organiser guard (through dispatch, as every transport calls it)', () => {
  it('refuses every organiser operation in staff mode with role.organiser_required, changing nothing', async () => {
    const s = await setup();
    const before = digest(s.core.db);
    const refused: string[] = [];
    for (const [operation, input] of Object.entries(inputs(s))) {
      const result = await dispatch(s.core.services.handlers, operation as Operation, input);
      expect(result, operation).toMatchObject({ ok: false, code: 'role.organiser_required', params: { operation } });
      refused.push(operation);
    }
    // Staff-side calls that reach organiser work.
    const conditional: [Operation, unknown][] = [
      ['kiosk:configure', { name: 'Desk 9' }],
      ['kiosk:configure', { autoPrint: true, muted: true }],
      ['checkin:undo', { checkinId: s.otherCheckin, reason: 'wrong person' }],
      ['badges:pdf', { filter: {} }],
    ];
    for (const [operation, input] of conditional) {
      expect(await dispatch(s.core.services.handlers, operation, input), operation).toMatchObject({ ok: false, code: 'role.organiser_required' });
    }
    // The list covers the named operations and every one of the organiser families (exports...).
    expect(refused.sort()).toEqual(operations.filter(isOrganiserOperation).sort());
    expect(organiserOperations.every((op) => refused.includes(op))).toBe(true);
    expect(digest(s.core.db)).toBe(before);
  }, 120_000);

  it('lets organiser mode reach every one of them', async () => {
    const s = await setup();
    await s.core.call('roles:unlock', { pin: '2580' });
    for (const [operation, input] of Object.entries(inputs(s))) {
      const result = await dispatch(s.core.services.handlers, operation as Operation, input);
      // Some fail for their own reasons (no such batch, no hub on port 9): never for the role.
      if (!result.ok) expect(result.code, `${operation}: ${result.message}`).not.toBe('role.organiser_required');
    }
    await s.core.services.internal['hub:stop']({});
  }, 240_000);

  it('staff keep the desk: scan, search, their own undo, checkpoint, sound, camera, printer', async () => {
    const s = await setup();
    const { core } = s;
    expect((await core.call('roles:status', {})).mode).toBe('staff');
    expect(await core.call('attendees:search', { text: 'Awa' })).toHaveLength(1);
    expect(await core.call('kiosk:configure', { checkpointId: 'entree', muted: true, cameraId: 'usb-cam', printer: 'PDF', template: 'a6' })).toMatchObject({
      muted: true,
    });
    expect((await core.call('checkin:undo', { checkinId: s.ownCheckin, reason: 'mistake' })).undone).toBe(true);
    expect((await core.call('checkin:scan', { code: s.awa, method: 'search' })).result).toBe('accepted');
    expect((await core.call('roles:status', {})).mode).toBe('staff');
    // The undo's own entry, written with the check-in, names the mode it was made in.
    expect(core.db.prepare("SELECT role FROM audit_log WHERE action = 'checkin.undo' AND target = ?").pluck().all(s.ownCheckin)).toEqual(['staff']);
  });

  it("undoes another desk's check-in in organiser mode, recorded as the organiser", async () => {
    const s = await setup();
    const { core } = s;
    await core.call('roles:unlock', { pin: '2580' });
    expect((await core.call('checkin:undo', { checkinId: s.otherCheckin, reason: 'wrong person' })).undone).toBe(true);
    const rows = core.db.prepare("SELECT role, target FROM audit_log WHERE action = 'organiser.checkin:undo'").all();
    expect(rows).toEqual([{ role: 'organiser', target: s.otherCheckin }]);
    expect(core.db.prepare("SELECT role FROM audit_log WHERE action = 'checkin.undo' AND target = ?").pluck().all(s.otherCheckin)).toEqual(['organiser']);
    // The desk's name is an organiser setting, recorded with the field names only.
    await core.call('kiosk:configure', { name: 'Accueil 1' });
    expect(core.db.prepare("SELECT role, details FROM audit_log WHERE action = 'organiser.kiosk:configure'").get()).toEqual({
      role: 'organiser',
      details: '{"fields":["name"]}',
    });
  });

  it('shows staff no pairing code of a running hub', async () => {
    const s = await setup();
    const { core } = s;
    await core.call('roles:unlock', { pin: '2580' });
    try {
      await core.call('hub:start', { port: 0, host: '127.0.0.1' });
      expect((await core.call('hub:status', {})).pairing).not.toBeNull();
      await core.call('roles:lock', {});
      const staff = await core.call('hub:status', {});
      expect(staff.running).toBe(true);
      expect(staff.pairing).toBeNull();
    } finally {
      await core.services.internal['hub:stop']({});
    }
  });
});
