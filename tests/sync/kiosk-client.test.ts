import net from 'node:net';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { DomainError } from '../../main/core/errors';
import { SyncClient } from '../../main/core/sync/client';
import { openKiosk, startTestHub } from './kiosk-helpers';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

test('a retried batch changes nothing at the hub (counted as duplicates); a bad token is sync.unauthorized; a used code is refused', async () => {
  const hub = await startTestHub();
  const kiosk = openKiosk();
  const code = await hub.newCode();
  await kiosk.call('sync:pair', { url: hub.url, code });
  const pairing = kiosk.services.syncEngine.requirePairing();
  const client = new SyncClient({ url: hub.url, token: pairing.token });
  const attendeeId = kiosk.db.prepare('SELECT id FROM attendees LIMIT 1').pluck().get() as string;
  const checkpointId = kiosk.db.prepare("SELECT id FROM checkpoints WHERE kind = 'entrance' LIMIT 1").pluck().get() as string;
  const at = '2026-11-28T09:00:00.000Z';
  const changes = [
    {
      id: randomUUID(),
      kind: 'checkin' as const,
      eventId: pairing.eventId,
      at,
      payload: { id: randomUUID(), eventId: pairing.eventId, attendeeId, checkpointId, day: '2026-11-28', kioskId: 'k', kioskName: 'K', method: 'search', result: 'accepted', at },
    },
  ];
  expect(await client.push(pairing.eventId, changes)).toEqual({ accepted: 1, duplicates: 0 });
  expect(await client.push(pairing.eventId, changes)).toEqual({ accepted: 0, duplicates: 1 });
  expect(hub.query((db) => db.prepare('SELECT count(*) FROM hub_log WHERE id = ?').pluck().get(changes[0]!.id))).toBe(1);

  expect((await failure(new SyncClient({ url: hub.url, token: 'not-a-token' }).pull('0'))).code).toBe('sync.unauthorized');
  expect((await failure(new SyncClient({ url: hub.url }).pair(code, 'again'))).code).toBe('sync.pairing_code_invalid');
});

test('network failures are sync.unreachable with the URL and the reason; a server that is not a hub is sync.bad_response', async () => {
  // A port nobody listens on.
  const closed = net.createServer();
  const closedUrl = await listen(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = await failure(new SyncClient({ url: closedUrl, token: 't' }).pull('0'));
  expect(refused.code).toBe('sync.unreachable');
  expect(refused.params).toMatchObject({ url: closedUrl, reason: 'ECONNREFUSED' });

  // A server that accepts and never answers: the client gives up after its timeout.
  const silent = net.createServer(() => undefined);
  const silentUrl = await listen(silent);
  try {
    const timedOut = await failure(new SyncClient({ url: silentUrl, token: 't', timeoutMs: 200 }).pull('0'));
    expect(timedOut.code).toBe('sync.unreachable');
    expect(String(timedOut.params.reason)).toMatch(/200 ms/);
  } finally {
    silent.close();
  }

  // A web page, not a hub.
  const web = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>captive portal</html>'));
  const webUrl = await listen(web);
  try {
    expect((await failure(new SyncClient({ url: webUrl, token: 't' }).pull('0'))).code).toBe('sync.bad_response');
    expect((await failure(new SyncClient({ url: webUrl, token: 't' }).snapshot())).code).toBe('sync.bad_response');
  } finally {
    web.close();
  }
});
