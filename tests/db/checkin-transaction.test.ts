import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import type { Input, Operation, Output } from '../../main/core/contract';
import type { Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import type { ErrorValue } from '../../main/core/errors';
import { createServices, type Services } from '../../main/core/services';
import { tempDir } from '../helpers/temp';
import { openCore } from '../helpers/services';

interface Desk {
  db: Database;
  services: Services;
  clock: { now: Date };
  eventId: string;
  people: { awa: string; jan: string; cancelled: string; workshop: string };
  call<K extends Operation>(op: K, input: Input<K>): Promise<Output<K>>;
  fail<K extends Operation>(op: K, input: Input<K>): Promise<ErrorValue>;
}

/** An event on 18–19 September 2023 (Paris) with an entrance and a day-2 workshop, and four people. */
async function desk(): Promise<Desk> {
  const clock = { now: new Date('2023-09-18T07:14:00Z') }; // 09:14 in Paris
  const { db, services, call, fail } = openCore(() => clock.now);
  const event = await call('events:create', {
    name: 'Rencontres',
    timezone: 'Europe/Paris',
    days: [{ date: '2023-09-18', label: 'Jour 1' }, { date: '2023-09-19', label: 'Jour 2' }],
    checkpoints: [
      { id: 'entree', kind: 'entrance', name: 'Entrée principale' },
      { id: 'atelier-climat', kind: 'session', name: 'Atelier climat', day: '2023-09-19' },
    ],
    select: true,
  });
  const attendees = new Attendees(db);
  const people = {
    awa: attendees.insert({ eventId: event.id, honorific: 'Mme', firstName: 'Awa', lastName: 'Diop', email: 'awa@example.org', ticketCodes: ['WZ-123456'] }),
    jan: attendees.insert({ eventId: event.id, honorific: 'M.', firstName: 'Jan', lastName: 'Kowalski' }),
    cancelled: attendees.insert({ eventId: event.id, firstName: 'Olivier', lastName: 'Bertrand', status: 'cancelled', ticketCodes: ['EB-1'] }),
    workshop: attendees.insert({ eventId: event.id, firstName: 'Lan', lastName: 'Nguyễn', sessions: ['atelier-climat'] }),
  };
  return { db, services, clock, eventId: event.id, people, call, fail };
}

const count = (db: Database, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

describe('the check-in transaction', () => {
  it('records an accepted QR scan and its outbox row', async () => {
    const d = await desk();
    const { text } = await d.call('qr:attendee', { id: d.people.awa });
    const outcome = await d.call('checkin:scan', { code: text, method: 'qr' });
    expect(outcome).toMatchObject({
      result: 'accepted',
      previous: [],
      checkpoint: { id: 'entree', name: 'Entrée principale', kind: 'entrance' },
      day: '2023-09-18',
      overridable: false,
      message: 'Welcome, Mme Awa Diop.',
    });
    expect(outcome.attendee).toMatchObject({ id: d.people.awa, firstName: 'Awa', checkedIn: [{ day: '2023-09-18', checkpointId: 'entree', method: 'qr' }] });
    const row = d.db.prepare('SELECT * FROM checkins WHERE id = ?').get(outcome.checkinId) as Record<string, unknown>;
    expect(row).toMatchObject({ attendee_id: d.people.awa, checkpoint_id: 'entree', day: '2023-09-18', method: 'qr', result: 'accepted', at: '2023-09-18T07:14:00.000Z', code: text });
    const outbox = d.db.prepare('SELECT kind, payload FROM outbox').all() as { kind: string; payload: string }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.kind).toBe('checkin');
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ id: outcome.checkinId, attendeeId: d.people.awa, at: '2023-09-18T07:14:00.000Z', eventId: d.eventId, result: 'accepted' });
  });

  it('writes the check-in and its outbox row in one transaction: neither without the other', async () => {
    const d = await desk();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined); // dispatch logs unexpected failures
    d.db.exec("CREATE TRIGGER outbox_broken BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const failed = await d.fail('checkin:scan', { code: 'WZ-123456', method: 'wedge' });
    expect(failed.code).toBe('internal');
    expect(count(d.db, 'SELECT count(*) AS n FROM checkins')).toBe(0);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    d.db.exec('DROP TRIGGER outbox_broken');
    expect((await d.call('checkin:scan', { code: 'WZ-123456', method: 'wedge' })).result).toBe('accepted');
  });

  it('answers a second scan the same day as a re-entry, with the first arrival', async () => {
    const d = await desk();
    await d.call('kiosk:configure', { name: 'Accueil 2' });
    const first = await d.call('checkin:scan', { code: 'WZ-123456', method: 'wedge' });
    d.clock.now = new Date('2023-09-18T12:00:00Z');
    const again = await d.call('checkin:scan', { code: 'wz-123456', method: 'qr' });
    expect(again.result).toBe('already_checked_in');
    expect(again.checkinId).toBeNull();
    expect(again.previous).toEqual([{ at: '2023-09-18T07:14:00.000Z', kiosk: 'Accueil 2', checkpoint: 'Entrée principale' }]);
    expect(again.params).toMatchObject({ time: '09:14', kiosk: 'Accueil 2' });
    expect(again.message).toContain('09:14 at Accueil 2');
    expect(count(d.db, "SELECT count(*) AS n FROM checkins WHERE result = 'already_checked_in'")).toBe(1);
    expect(count(d.db, 'SELECT count(*) AS n FROM outbox')).toBe(1);
    // The next day is a new day at the entrance.
    d.clock.now = new Date('2023-09-19T07:00:00Z');
    expect((await d.call('checkin:scan', { code: 'WZ-123456', method: 'wedge' })).result).toBe('accepted');
    expect(first.attendee!.checkedIn).toHaveLength(1);
  });

  it('records refused scans without an outbox row', async () => {
    const d = await desk();
    const { text } = await d.call('qr:attendee', { id: d.people.jan });
    const forged = `${text.slice(0, 60)}${text[60] === 'A' ? 'B' : 'A'}${text.slice(61)}`;
    const cases: [string, string, string | null][] = [
      ['EB-1', 'cancelled', d.people.cancelled],
      ['NOPE-42', 'unknown', null],
      [forged, 'invalid_signature', null],
      [text.slice(0, 90), 'invalid_signature', null],
    ];
    for (const [code, result, attendeeId] of cases) {
      const outcome = await d.call('checkin:scan', { code, method: 'qr' });
      expect(outcome.result, code).toBe(result);
      expect(outcome.checkinId).toBeNull();
      const row = d.db.prepare('SELECT attendee_id, result FROM checkins ORDER BY rowid DESC LIMIT 1').get();
      expect(row).toEqual({ attendee_id: attendeeId, result });
    }
    expect(count(d.db, 'SELECT count(*) AS n FROM outbox')).toBe(0);
  });

  it('answers garbage from a camera with "unknown" and keeps a short, clean trace of it', async () => {
    const d = await desk();
    const garbage = [
      'https://www.cites-unies-france.org/',
      'BEGIN:VCARD\nVERSION:3.0\nFN:Awa Diop\nEND:VCARD',
      'Lorem ipsum '.repeat(170).slice(0, 2048),
      String.fromCharCode(...Array.from({ length: 300 }, (_, i) => (i * 7) % 256)),
      '\r\n\t',
      'x'.repeat(4096),
    ];
    for (const code of garbage) {
      const outcome = await d.call('checkin:scan', { code, method: 'qr' });
      expect(outcome.result).toBe('unknown');
      expect(outcome.attendee).toBeNull();
    }
    const codes = d.db.prepare('SELECT code FROM checkins').pluck().all() as string[];
    expect(codes).toHaveLength(garbage.length);
    for (const code of codes) {
      expect(code.length).toBeLessThanOrEqual(200);
      expect(code).not.toMatch(/[\u0000-\u001f]/);
    }
    expect((await d.fail('checkin:scan', { code: 'x'.repeat(4097), method: 'qr' })).code).toBe('invalid_input');
  });

  it('never throws and never admits on arbitrary text, lone surrogates and control characters included', async () => {
    const d = await desk();
    const { text } = await d.call('qr:attendee', { id: d.people.awa });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300, unit: 'binary' }),
          fc.string({ maxLength: 300, unit: 'grapheme' }),
          fc.string({ maxLength: 200 }).map((tail) => `AC1:${tail}`),
          fc.integer({ min: 4, max: text.length - 1 }).map((end) => text.slice(0, end)),
        ),
        async (code) => {
          const outcome = await d.call('checkin:scan', { code, method: 'qr' });
          expect(['unknown', 'invalid_signature']).toContain(outcome.result);
          expect(outcome.checkinId).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
    expect(count(d.db, 'SELECT count(*) AS n FROM outbox')).toBe(0);
    expect(count(d.db, "SELECT count(*) AS n FROM checkins WHERE result = 'accepted'")).toBe(0);
  });

  it('accepts platform ticket codes whatever the case and the wedge scanner adds, and attendee ids', async () => {
    const d = await desk();
    expect((await d.call('checkin:scan', { code: '\u0002 wz-123456 \r\n', method: 'wedge' })).result).toBe('accepted');
    expect((await d.call('checkin:scan', { code: d.people.jan.toUpperCase(), method: 'search' })).result).toBe('accepted');
    expect((await d.call('checkin:scan', { code: 'WZ-12345', method: 'wedge' })).result).toBe('unknown'); // no prefix matching at the door
  });

  it('refuses a day outside the event and a session on another day', async () => {
    const d = await desk();
    expect(await d.call('checkin:scan', { code: 'WZ-123456', method: 'cli', at: '2023-09-20T09:00' })).toMatchObject({ result: 'wrong_day', reason: 'outside_event_days', day: '2023-09-20' });
    expect(await d.call('checkin:scan', { code: d.people.workshop, method: 'cli', checkpointId: 'atelier-climat' })).toMatchObject({ result: 'wrong_day', reason: 'session_other_day' });
    // 23:30 UTC on the 18th is already the 19th in Paris.
    expect((await d.call('checkin:scan', { code: d.people.workshop, method: 'cli', checkpointId: 'atelier-climat', at: '2023-09-18T23:30:00Z' })).result).toBe('accepted');
    expect(count(d.db, 'SELECT count(*) AS n FROM outbox')).toBe(1);
  });

  it('accepts any date when the event has no days', async () => {
    const d = await desk();
    await d.call('events:update', { id: d.eventId, days: [] });
    expect((await d.call('checkin:scan', { code: 'WZ-123456', method: 'cli', at: '2031-02-03T10:00:00Z' })).result).toBe('accepted');
  });

  it('admits those registered for a session, warns for others, and logs an override', async () => {
    const d = await desk();
    const at = '2023-09-19T10:00';
    expect((await d.call('checkin:scan', { code: d.people.workshop, method: 'search', checkpointId: 'atelier-climat', at })).result).toBe('accepted');
    const refused = await d.call('checkin:scan', { code: 'WZ-123456', method: 'qr', checkpointId: 'atelier-climat', at });
    expect(refused).toMatchObject({ result: 'not_registered_for_session', overridable: true, checkinId: null });
    expect(count(d.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'checkin.override'")).toBe(0);
    const admitted = await d.call('checkin:scan', { code: 'WZ-123456', method: 'qr', checkpointId: 'atelier-climat', at, override: true });
    expect(admitted).toMatchObject({ result: 'accepted', overridden: true, reason: 'override' });
    const audit = d.db.prepare("SELECT target, details FROM audit_log WHERE action = 'checkin.override'").all() as { target: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target).toBe(admitted.checkinId);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ attendeeId: d.people.awa, checkpointId: 'atelier-climat' });
    const payloads = (d.db.prepare('SELECT payload FROM outbox ORDER BY seq').pluck().all() as string[]).map((p) => JSON.parse(p) as { overridden: boolean });
    expect(payloads.map((p) => p.overridden)).toEqual([false, true]);
    expect(count(d.db, 'SELECT count(*) AS n FROM checkins WHERE overridden = 1')).toBe(1);
  });

  it('undoes a mistaken check-in with a new row, an audit entry and an outbox row', async () => {
    const d = await desk();
    const scanned = await d.call('checkin:scan', { code: 'WZ-123456', method: 'qr' });
    const undone = await d.call('checkin:undo', { checkinId: scanned.checkinId!, reason: 'wrong person' });
    expect(undone).toMatchObject({ undone: true, checkinId: scanned.checkinId, attendee: { id: d.people.awa, checkedIn: [] }, day: '2023-09-18' });
    expect(d.db.prepare('SELECT result, undoes, attendee_id FROM checkins WHERE id = ?').get(undone.undoId)).toEqual({ result: 'undone', undoes: scanned.checkinId, attendee_id: d.people.awa });
    expect(d.db.prepare("SELECT target, details FROM audit_log WHERE action = 'checkin.undo'").get()).toMatchObject({ target: scanned.checkinId });
    const undoOutbox = d.db.prepare("SELECT payload FROM outbox WHERE kind = 'checkin_undo'").pluck().get() as string;
    expect(JSON.parse(undoOutbox)).toMatchObject({ id: undone.undoId, undoes: scanned.checkinId, reason: 'wrong person' });
    // checkedIn (search and attendee summaries) no longer counts it, and the person can be admitted again.
    expect((await d.call('attendees:search', { text: 'diop' }))[0]!.checkedIn).toEqual([]);
    expect((await d.call('checkin:scan', { code: 'WZ-123456', method: 'qr' })).result).toBe('accepted');
    expect((await d.fail('checkin:undo', { checkinId: scanned.checkinId!, reason: 'again' })).code).toBe('checkin.already_undone');
    expect((await d.fail('checkin:undo', { checkinId: 'nope', reason: 'x' })).code).toBe('checkin.not_found');
    expect((await d.fail('checkin:undo', { checkinId: scanned.checkinId!, reason: '   ' })).code).toBe('invalid_input');
  });

  it('refuses a revoked QR code and accepts the reissued one', async () => {
    const d = await desk();
    const old = await d.call('qr:attendee', { id: d.people.jan });
    expect(await d.call('token:revoke', { attendeeId: d.people.jan })).toEqual({ attendeeId: d.people.jan, tokenVersion: 2 });
    expect(await d.call('checkin:scan', { code: old.text, method: 'qr' })).toMatchObject({ result: 'revoked', reason: 'old_version', attendee: { id: d.people.jan } });
    const reissued = await d.call('qr:attendee', { id: d.people.jan });
    expect(reissued.text).not.toBe(old.text);
    expect((await d.call('checkin:scan', { code: reissued.text, method: 'qr' })).result).toBe('accepted');
    expect(count(d.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'token.revoke'")).toBe(1);
    expect(count(d.db, "SELECT count(*) AS n FROM outbox WHERE kind = 'token_revoke'")).toBe(1);
    expect((await d.fail('token:revoke', { attendeeId: 'nope' })).code).toBe('attendee.not_found');
  });

  it("tells another event's QR code apart", async () => {
    const d = await desk();
    const other = await d.call('events:create', { name: 'Autre', select: true });
    const stranger = new Attendees(d.db).insert({ eventId: other.id, firstName: 'Ana', lastName: 'Silva' });
    const { text } = await d.call('qr:attendee', { id: stranger });
    await d.call('events:select', { id: d.eventId });
    expect(await d.call('checkin:scan', { code: text, method: 'qr' })).toMatchObject({ result: 'unknown', reason: 'other_event', attendee: null });
    expect((await d.fail('qr:attendee', { id: stranger })).code).toBe('attendee.not_found');
  });

  it('verifies with the public key alone, and says a verify-only kiosk cannot sign', async () => {
    const d = await desk();
    const { text } = await d.call('qr:attendee', { id: d.people.awa });
    d.db.prepare('UPDATE event_keys SET private_key = NULL').run();
    const kiosk = createServices({ db: d.db, now: () => d.clock.now }).handlers;
    const scanned = await dispatch(kiosk, 'checkin:scan', { code: text, method: 'qr' });
    expect(scanned.ok && scanned.value.result).toBe('accepted');
    const signed = await dispatch(kiosk, 'qr:attendee', { id: d.people.awa });
    expect(!signed.ok && signed.code).toBe('token.no_signing_key');
    // No key at all: a token cannot be verified, so it is refused (never admitted on trust).
    d.db.prepare('DELETE FROM event_keys').run();
    const bare = await dispatch(createServices({ db: d.db, now: () => d.clock.now }).handlers, 'checkin:scan', { code: text, method: 'qr' });
    expect(bare.ok && [bare.value.result, bare.value.reason]).toEqual(['invalid_signature', 'no_key']);
  });

  it('keeps the kiosk configuration: checkpoint (default entrance), name, sound, camera', async () => {
    const d = await desk();
    expect(await d.call('kiosk:get', {})).toMatchObject({ checkpointId: 'entree', checkpointName: 'Entrée principale', day: '2023-09-18', muted: false, cameraId: null });
    const configured = await d.call('kiosk:configure', { name: 'Salle Jean Bertin', checkpointId: 'atelier-climat', muted: true, cameraId: 'cam-1' });
    expect(configured).toMatchObject({ kioskName: 'Salle Jean Bertin', checkpointId: 'atelier-climat', checkpointName: 'Atelier climat', muted: true, cameraId: 'cam-1' });
    expect((await d.call('checkin:scan', { code: d.people.workshop, method: 'qr', at: '2023-09-19T10:00' })).checkpoint.id).toBe('atelier-climat');
    expect((await d.fail('kiosk:configure', { checkpointId: 'nowhere' })).code).toBe('checkpoint.not_found');
    expect((await d.fail('checkin:scan', { code: 'WZ-123456', method: 'qr', checkpointId: 'nowhere' })).code).toBe('checkpoint.not_found');
    expect((await d.call('kiosk:configure', { cameraId: null })).cameraId).toBeNull();
    expect((await d.call('app:info', {})).kioskName).toBe('Salle Jean Bertin');
  });

  it('writes a folder of QR codes and a mail-merge CSV of every valid attendee', async () => {
    const d = await desk();
    const folder = path.join(tempDir(), 'qr');
    const report = await d.call('qr:export', { folder });
    expect(report).toEqual({ count: 3, folder, csv: path.join(folder, 'codes.csv') });
    const csv = fs.readFileSync(report.csv, 'utf8');
    expect(csv.startsWith('\ufeffattendee_id,honorific,first_name,last_name,email,file,token\r\n')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(csv).not.toContain('Bertrand'); // cancelled
    const awa = lines.find((line) => line.startsWith(d.people.awa))!.split(',');
    expect(awa.slice(1, 6)).toEqual(['Mme', 'Awa', 'Diop', 'awa@example.org', `diop-awa-${d.people.awa.slice(0, 8)}.png`]);
    expect(fs.readFileSync(path.join(folder, awa[5]!)).subarray(1, 4).toString()).toBe('PNG');
    expect((await d.call('checkin:scan', { code: awa[6]!, method: 'qr' })).result).toBe('accepted');
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const svg = await d.call('qr:export', { folder: path.join(folder, 'svg'), format: 'svg' });
    expect(fs.readdirSync(svg.folder).filter((name) => name.endsWith('.svg'))).toHaveLength(3);
  });

  it('fails a QR export into an unwritable place with a clear error and no list', async () => {
    const d = await desk();
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    const failed = await d.fail('qr:export', { folder: path.join(file, 'qr') });
    expect(failed.code).toBe('qr.write_failed');
  });
});

describe('an attendee id presented to the camera or a scanner', () => {
  it('is not a ticket: only staff picking the person (search, walk-in, CLI) may use it', async () => {
    const d = await desk();
    for (const method of ['qr', 'wedge'] as const) {
      const outcome = await d.call('checkin:scan', { code: d.people.awa, method });
      expect(outcome).toMatchObject({ result: 'unknown', attendee: null, checkinId: null });
    }
    expect((await d.call('checkin:scan', { code: d.people.awa, method: 'search' })).result).toBe('accepted');
  });
});
