/**
 * The pull answer on the wire (the real hub process on loopback, real SQLite): gzip when the
 * kiosk asks for it and plain otherwise, the same changes either way, the payloads exactly as
 * pushed, and a page served again from the hub's cache only while the log has not grown.
 * And the hand-written check of check-in payloads agrees with their zod schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { fastCheckinPayload, parseChanges, payloadSchemas } from '../../main/core/sync/apply';
import { acceptsGzip } from '../../main/core/sync/hub/server';
import { runCli } from '../../main/cli/program';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { checkinChange, get, pair, post } from './hub-wire';

let dir: string;
let hub: HubProcess;
let db: Database;
let eventId: string;
let attendees: string[];
let checkpointId: string;
let device: { token: string; deviceId: string; eventId: string };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'accueil-pull-'));
  const code = await runCli(['demo', '--data', dir, '--lang', 'en'], { stdout: () => undefined, stderr: () => undefined }, {});
  expect(code).toBe(0);
  hub = await startHubProcess({ dataDir: dir });
  db = openDataFolder(dir);
  eventId = db.prepare('SELECT id FROM events').pluck().get() as string;
  attendees = db.prepare('SELECT id FROM attendees WHERE event_id = ? ORDER BY seq LIMIT 30').pluck().all(eventId) as string[];
  checkpointId = db.prepare("SELECT id FROM checkpoints WHERE event_id = ? AND kind = 'entrance' LIMIT 1").pluck().get(eventId) as string;
  device = await pair(hub.url, hub.pairingCode, 'Desk 1');
});

afterAll(async () => {
  db?.close();
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('pull on the wire', () => {
  it('gzips the page when asked (not when refused), with the same changes and payloads as pushed; a grown log is seen at once', async () => {
    const changes = attendees.slice(0, 20).map((id) => checkinChange(eventId, id, checkpointId));
    // Keys the hub does not know travel as they came (looseObject), unicode included.
    changes[0]!.payload.note = 'Zoë — 東京 "quoted"';
    expect((await post(`${hub.url}/v1/push`, { eventId, changes }, device.token)).json()).toEqual({ accepted: 20, duplicates: 0 });

    const gz = await get(`${hub.url}/v1/pull?since=0`, device.token, { 'accept-encoding': 'gzip, deflate' });
    const plain = await get(`${hub.url}/v1/pull?since=0`, device.token);
    const refused = await get(`${hub.url}/v1/pull?since=0`, device.token, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(gz.raw.length).toBeLessThan(plain.raw.length / 2);
    expect(gz.json()).toEqual(plain.json());
    expect(refused.json()).toEqual(plain.json());

    const page = plain.json() as { changes: { id: string; kind: string; eventId: string; at: string; payload: unknown; seq: number; deviceId: string }[]; cursor: string; more: boolean };
    const pulled = page.changes.filter((c) => c.deviceId === device.deviceId);
    expect(pulled.map(({ id, kind, eventId: e, at, payload }) => ({ id, kind, eventId: e, at, payload }))).toEqual(changes);

    // The same request after a push: the page now holds the new change (no stale cached page);
    // a full page with more after it is the same as before.
    const first = (await get(`${hub.url}/v1/pull?since=0&limit=5`, device.token, { 'accept-encoding': 'gzip' })).json() as typeof page;
    expect(first.more).toBe(true);
    const later = checkinChange(eventId, attendees[25]!, checkpointId);
    await post(`${hub.url}/v1/push`, { eventId, changes: [later] }, device.token);
    expect((await get(`${hub.url}/v1/pull?since=0&limit=5`, device.token, { 'accept-encoding': 'gzip' })).json()).toEqual(first);
    const tail = (await get(`${hub.url}/v1/pull?since=${encodeURIComponent(page.cursor)}`, device.token)).json() as typeof page;
    expect(tail.changes.map((c) => c.id)).toEqual([later.id]);
    const again = (await get(`${hub.url}/v1/pull?since=0`, device.token, { 'accept-encoding': 'gzip' })).json() as typeof page;
    expect(again.changes.map((c) => c.id)).toEqual([...page.changes.map((c) => c.id), later.id]);
    expect(again.cursor).not.toBe(page.cursor);
  });

  it('reads Accept-Encoding as HTTP says', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('deflate, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, x-gzip-not')).toBe(false);
  });
});

describe('fast check of check-in payloads', () => {
  const base = checkinChange('E1', 'A1', 'C1').payload;
  const zodCheck = (payload: Record<string, unknown>) => payloadSchemas.checkin.safeParse(payload);

  it('accepts exactly what zod accepts among variations of a check-in, with the same result', () => {
    const anyValue = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.string({ maxLength: 45 }),
      fc.constantFrom('', 'qr', 'cli', 'walk-in', 'accepted', '2026-06-10', '2026-6-10', 'x'.repeat(101), 'y'.repeat(1001), '2026-06-10T08:00:00.000Z'),
      fc.array(fc.integer(), { maxLength: 2 }),
    );
    const keys = [...Object.keys(base), 'extra'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: 3 }), (changes) => {
        const payload: Record<string, unknown> = { ...base };
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) delete payload[key];
          else payload[key] = value;
        }
        const fast = fastCheckinPayload(payload);
        const slow = zodCheck(payload);
        // Fast may defer to zod (null), never accept what zod refuses, nor differ when it accepts.
        if (fast !== null) {
          expect(slow.success).toBe(true);
          expect(fast).toEqual(slow.data);
        }
        // What zod accepts without extras the fast path takes too (the common case stays fast).
        if (slow.success && !('extra' in payload)) expect(fast).not.toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('still refuses a bad check-in with its path', () => {
    const change = checkinChange('E1', 'A1', 'C1');
    change.payload.day = '10/06/2026';
    expect(() => parseChanges([checkinChange('E1', 'A2', 'C1'), change])).toThrow(/changes\.1\.payload\.day/);
    const unknownKind = { ...checkinChange('E1', 'A1', 'C1'), kind: 'teleport' } as unknown as Parameters<typeof parseChanges>[0][number];
    expect(() => parseChanges([unknownKind])).toThrow(/unknown kind/);
  });
});
