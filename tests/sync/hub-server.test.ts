/**
 * The hub as a child process on a random loopback port with its own data folder, real HTTP,
 * real SQLite: pairing, auth, push (idempotent, any order), pull paging, snapshot, bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { formatHlc } from '../../main/core/sync/hlc';
import { issuePairingCode } from '../../main/core/sync/hub/store';
import { maxBodyBytes } from '../../main/core/sync/protocol';
import { runCli } from '../../main/cli/program';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { checkinChange, get, pair, post, rawPost, updateChange } from './hub-wire';

let dir: string;
let hub: HubProcess;
let db: Database;
let eventId: string;
let attendees: string[];
let checkpointId: string;
let device: { token: string; deviceId: string; eventId: string };

async function accueil(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--lang', 'en'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, {});
  return { code, stdout, stderr };
}

const logCount = () => db.prepare('SELECT count(*) FROM hub_log').pluck().get() as number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'accueil-hub-'));
  expect((await accueil('demo', '--data', dir)).code).toBe(0);
  hub = await startHubProcess({ dataDir: dir });
  db = openDataFolder(dir);
  eventId = db.prepare('SELECT id FROM events').pluck().get() as string;
  attendees = db.prepare('SELECT id FROM attendees WHERE event_id = ? ORDER BY seq LIMIT 20').pluck().all(eventId) as string[];
  checkpointId = db.prepare("SELECT id FROM checkpoints WHERE event_id = ? AND kind = 'entrance' LIMIT 1").pluck().get(eventId) as string;
  device = await pair(hub.url, hub.pairingCode, 'Desk 1');
});

afterAll(async () => {
  db?.close();
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('accueil hub', () => {
  it('pairs a device with a code once; a used, unknown or expired code is refused', async () => {
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(hub.pairingCode).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(device).toMatchObject({ eventId, deviceId: expect.any(String), token: expect.stringMatching(/^[\w-]{43}$/) });
    const again = await post(`${hub.url}/v1/pair`, { code: hub.pairingCode, deviceName: 'Thief' });
    expect(again.status).toBe(401);
    expect(again.json()).toMatchObject({ ok: false, code: 'sync.pairing_code_invalid' });
    expect((await post(`${hub.url}/v1/pair`, { code: 'ABCD-EFGH', deviceName: 'Guess' })).status).toBe(401);
    const expired = issuePairingCode(db, eventId, new Date(Date.now() - 11 * 60 * 1000));
    expect((await post(`${hub.url}/v1/pair`, { code: expired.code, deviceName: 'Late' })).json()).toMatchObject({ code: 'sync.pairing_code_invalid' });
    // accueil hub-code while the hub runs: the new code works at once (same file, WAL); typed in lower case without the dash too.
    const code = await hub.newCode();
    const second = await pair(hub.url, code.replace('-', '').toLowerCase(), 'Desk 2');
    expect(second.deviceId).not.toBe(device.deviceId);
    // Only hashes are stored.
    expect(db.prepare('SELECT count(*) FROM hub_pairing_codes WHERE code_hash LIKE ?').pluck().get(`%${code}%`)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM hub_devices WHERE token_hash = ?').pluck().get(second.token)).toBe(0);
  });

  it('refuses requests without a valid token (401) and stores nothing; a revoked device too', async () => {
    const batch = { eventId, changes: [checkinChange(eventId, attendees[0]!, checkpointId)] };
    const before = logCount();
    // The real token with its last character changed (to another one: 'A' unless it already is).
    const altered = `${device.token.slice(0, -1)}${device.token.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [undefined, 'x'.repeat(43), altered]) {
      const answer = await post(`${hub.url}/v1/push`, batch, token);
      expect(answer.status).toBe(401);
      expect(answer.json()).toEqual({ ok: false, code: 'sync.unauthorized', message: expect.any(String) });
    }
    expect((await get(`${hub.url}/v1/pull?since=0`)).status).toBe(401);
    expect((await get(`${hub.url}/v1/snapshot`, 'nope')).status).toBe(401);

    const doomed = await pair(hub.url, await hub.newCode(), 'Stolen laptop');
    expect((await post(`${hub.url}/v1/push`, { eventId, changes: [] }, doomed.token)).status).toBe(200);
    const revoked = await accueil('hub-revoke', doomed.deviceId, '--data', dir);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('revoked');
    const refused = await post(`${hub.url}/v1/push`, batch, doomed.token);
    expect(refused.status).toBe(401);
    expect(logCount()).toBe(before);
    expect((await accueil('hub-revoke', 'no-such-device', '--data', dir)).code).toBe(1);
    const listed = await accueil('hub-devices', '--data', dir, '--json');
    const devices = JSON.parse(listed.stdout) as { id: string; revokedAt: string | null }[];
    expect(devices.find((d) => d.id === doomed.deviceId)?.revokedAt).toEqual(expect.any(String));
    expect(devices.find((d) => d.id === device.deviceId)?.revokedAt).toBeNull();
  });

  it('takes the same batch twice as duplicates, changing nothing the second time', async () => {
    const changes = attendees.slice(1, 4).map((id) => checkinChange(eventId, id, checkpointId));
    const first = await post(`${hub.url}/v1/push`, { eventId, changes }, device.token);
    expect(first.status).toBe(200);
    expect(first.json()).toEqual({ accepted: 3, duplicates: 0 });
    const count = logCount();
    const checkins = db.prepare('SELECT count(*) FROM checkins').pluck().get();
    const second = await post(`${hub.url}/v1/push`, { eventId, changes }, device.token);
    expect(second.json()).toEqual({ accepted: 0, duplicates: 3 });
    expect(logCount()).toBe(count);
    expect(db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(checkins);
    // The hub applied them to its own tables.
    const ids = changes.map((c) => c.payload.id as string);
    expect(db.prepare(`SELECT count(*) FROM checkins WHERE id IN (${ids.map(() => '?').join(',')})`).pluck().get(...ids)).toBe(3);
    const row = db.prepare('SELECT pushed, last_push_at FROM hub_devices WHERE id = ?').get(device.deviceId) as { pushed: number; last_push_at: string };
    expect(row.pushed).toBeGreaterThanOrEqual(3);
    expect(row.last_push_at).toEqual(expect.any(String));
  });

  it('merges batches that arrive out of order to the same result', async () => {
    const who = attendees[5]!;
    const clock = (ms: number) => formatHlc({ ms, counter: 0, node: 'k1' });
    const older = updateChange(eventId, who, { organisation: 'Old Org', function: 'Old' }, { organisation: clock(1_000), function: clock(1_000) });
    const newer = updateChange(eventId, who, { organisation: 'New Org' }, { organisation: clock(2_000) });
    const late = checkinChange(eventId, who, checkpointId, '2026-06-10T07:00:00.000Z');
    expect((await post(`${hub.url}/v1/push`, { eventId, changes: [newer] }, device.token)).json()).toEqual({ accepted: 1, duplicates: 0 });
    expect((await post(`${hub.url}/v1/push`, { eventId, changes: [older, late] }, device.token)).json()).toEqual({ accepted: 2, duplicates: 0 });
    expect(db.prepare('SELECT organisation, function, badge_needs_reprint FROM attendees WHERE id = ?').get(who)).toEqual({
      organisation: 'New Org',
      function: 'Old',
      badge_needs_reprint: 1,
    });
    expect(db.prepare('SELECT count(*) FROM checkins WHERE id = ?').pluck().get(late.payload.id)).toBe(1);
  });

  it('pages the log after a cursor and refuses a cursor it does not hold', async () => {
    const changes = attendees.slice(6, 11).map((id) => checkinChange(eventId, id, checkpointId));
    await post(`${hub.url}/v1/push`, { eventId, changes }, device.token);
    const seen: string[] = [];
    let cursor = '0';
    let pages = 0;
    for (;;) {
      const answer = await get(`${hub.url}/v1/pull?since=${encodeURIComponent(cursor)}&limit=4`, device.token);
      expect(answer.status).toBe(200);
      const page = answer.json() as { changes: { id: string; seq: number; deviceId: string; payload: unknown }[]; cursor: string; more: boolean };
      seen.push(...page.changes.map((c) => c.id));
      pages += 1;
      expect(page.changes.length).toBeLessThanOrEqual(4);
      if (page.changes.length) {
        const last = page.changes[page.changes.length - 1]!;
        expect(page.cursor).toBe(`${last.seq}:${last.id}`);
        expect(last.deviceId).toEqual(expect.any(String));
      }
      cursor = page.cursor;
      // A page never crosses the end of a block of 4 log positions (kiosks pulling from
      // different cursors then ask for the same pages, which the hub encodes once).
      const block = (seq: number) => Math.floor((seq - 1) / 4);
      if (page.changes.length) expect(block(page.changes[0]!.seq)).toBe(block(page.changes[page.changes.length - 1]!.seq));
      if (!page.more) break;
    }
    expect(seen).toEqual(db.prepare('SELECT id FROM hub_log WHERE event_id = ? ORDER BY seq').pluck().all(eventId));
    // The first page may be short (it ends at the first block's end), so one more page at most.
    expect(pages).toBeLessThanOrEqual(Math.max(1, Math.ceil(seen.length / 4) + 1));
    expect(seen.slice(-5)).toEqual(changes.map((c) => c.id));
    // At the end: nothing more, same cursor.
    const end = (await get(`${hub.url}/v1/pull?since=${encodeURIComponent(cursor)}`, device.token)).json();
    expect(end).toEqual({ changes: [], cursor, more: false });
    const [seq] = cursor.split(':');
    const unknown = await get(`${hub.url}/v1/pull?since=${seq}:00000000-0000-4000-8000-000000000000`, device.token);
    expect(unknown.status).toBe(409);
    expect(unknown.json()).toMatchObject({ ok: false, code: 'sync.cursor_unknown' });
    expect((await get(`${hub.url}/v1/pull?since=garbage`, device.token)).status).toBe(400);
    expect((await get(`${hub.url}/v1/pull?since=0&limit=0`, device.token)).json()).toMatchObject({ code: 'sync.bad_request' });
  });

  it('sends the event as one gzip snapshot built from its tables', async () => {
    const answer = await get(`${hub.url}/v1/snapshot`, device.token);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    const text = zlib.gunzipSync(answer.raw).toString('utf8');
    const snapshot = JSON.parse(text);
    const total = db.prepare('SELECT count(*) FROM attendees WHERE event_id = ?').pluck().get(eventId) as number;
    expect(snapshot.protocol).toBe(1);
    expect(snapshot.event.id).toBe(eventId);
    expect(snapshot.event.checkpoints.map((c: { id: string }) => c.id)).toContain(checkpointId);
    expect(snapshot.event.days.length).toBeGreaterThan(0);
    expect(snapshot.keys).toEqual({ publicKey: expect.any(String), privateKey: expect.any(String) });
    expect(snapshot.attendees.rows).toHaveLength(total);
    const columns: string[] = snapshot.attendees.columns;
    const edited = snapshot.attendees.rows.find((r: unknown[]) => r[columns.indexOf('id')] === attendees[5]);
    expect(edited[columns.indexOf('organisation')]).toBe('New Org');
    expect(Object.keys(edited[columns.indexOf('fieldClocks')])).toEqual(expect.arrayContaining(['organisation', 'function']));
    // Pulling from the snapshot's cursor brings every check-in the hub holds (the snapshot has none).
    let cursor = snapshot.cursor as string;
    const pulled = new Set<string>();
    for (;;) {
      const page = (await get(`${hub.url}/v1/pull?since=${encodeURIComponent(cursor)}`, device.token)).json() as { changes: { kind: string; payload: { id: string } }[]; cursor: string; more: boolean };
      for (const change of page.changes) if (change.kind === 'checkin') pulled.add(change.payload.id);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect([...pulled].sort()).toEqual((db.prepare("SELECT id FROM checkins WHERE kiosk_id = 'k1'").pluck().all() as string[]).sort());
    // Compressed: a fraction of the JSON.
    expect(answer.raw.length).toBeLessThan(text.length / 3);
    console.log(`snapshot of ${total} attendees: ${answer.raw.length} bytes gzip, ${text.length} bytes JSON`);
  });

  it('answers bad input with a clear code, stores nothing, and keeps serving', async () => {
    const before = logCount();
    const malformed = await post(`${hub.url}/v1/push`, '{"eventId": "x", "changes": [', device.token);
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ ok: false, code: 'sync.bad_request' });

    const hugeBody = Buffer.from(`{"eventId":"${eventId}","changes":[],"pad":"${'x'.repeat(maxBodyBytes)}"}`);
    const huge = await rawPost(`${hub.url}/v1/push`, { 'content-type': 'application/json', authorization: `Bearer ${device.token}`, 'x-accueil-protocol': '1' }, hugeBody);
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({ ok: false, code: 'sync.too_large' });
    // A stranger's body is not even read: 401 first.
    const stranger = await rawPost(`${hub.url}/v1/push`, { 'content-type': 'application/json', 'x-accueil-protocol': '1' }, hugeBody);
    expect(stranger.status).toBe(401);

    const schema = await post(`${hub.url}/v1/push`, { eventId, changes: [{ ...checkinChange(eventId, attendees[0]!, checkpointId), at: 'yesterday' }] }, device.token);
    expect(schema.status).toBe(400);
    expect(schema.json().message).toContain('changes.0.at');
    const payload = checkinChange(eventId, attendees[0]!, checkpointId);
    delete payload.payload.checkpointId;
    expect((await post(`${hub.url}/v1/push`, { eventId, changes: [payload] }, device.token)).json().message).toContain('changes.0.payload.checkpointId');

    const wrong = await post(`${hub.url}/v1/push`, { eventId: 'other-event', changes: [] }, device.token);
    expect(wrong.status).toBe(409);
    expect(wrong.json()).toMatchObject({ code: 'sync.wrong_event' });
    const wrongInside = await post(`${hub.url}/v1/push`, { eventId, changes: [{ ...checkinChange(eventId, attendees[0]!, checkpointId), eventId: 'other-event' }] }, device.token);
    expect(wrongInside.status).toBe(409);

    const ghost = 'aaaaaaaa-0000-4000-8000-000000000001';
    const unknown = await post(
      `${hub.url}/v1/push`,
      { eventId, changes: [checkinChange(eventId, attendees[12]!, checkpointId), checkinChange(eventId, ghost, checkpointId)] },
      device.token,
    );
    expect(unknown.status).toBe(422);
    expect(unknown.json()).toMatchObject({ ok: false, code: 'sync.unknown_attendee', params: { ids: ghost } });

    const newer = await post(`${hub.url}/v1/push`, { eventId, changes: [] }, device.token, { 'x-accueil-protocol': '2' });
    expect(newer.status).toBe(426);
    expect(newer.json()).toMatchObject({ ok: false, code: 'sync.protocol_newer' });
    expect(logCount()).toBe(before);

    // Still serving, another device included.
    const other = await pair(hub.url, await hub.newCode(), 'Desk 3');
    const fine = await post(`${hub.url}/v1/push`, { eventId, changes: [checkinChange(eventId, attendees[13]!, checkpointId)] }, other.token);
    expect(fine.json()).toEqual({ accepted: 1, duplicates: 0 });
    expect(logCount()).toBe(before + 1);
  });
});
