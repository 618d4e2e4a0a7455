/**
 * "This kiosk is the hub": the hub started inside a kiosk core (hub:start) serves that kiosk's
 * own database on loopback; a second kiosk core pairs with its code through sync:pair, syncs
 * both ways; a revoked device is refused; a stopped hub no longer answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatPairingLink, parsePairingLink } from '../../main/core/sync/pairing-link';
import { openCore, type Core } from '../helpers/services';

const hubs: Core[] = [];
afterEach(async () => {
  // Before the helper closes the databases: a hub left listening would keep the run alive.
  for (const core of hubs.splice(0)) await core.call('hub:stop', {});
});

async function hubKiosk(): Promise<Core> {
  const core = openCore();
  hubs.push(core);
  await core.call('demo:load', {});
  return core;
}

function tickets(core: Core, count: number): string[] {
  return core.db.prepare('SELECT code FROM ticket_codes ORDER BY code LIMIT ?').pluck().all(count) as string[];
}

function checkinIds(core: Core): string[] {
  return core.db.prepare("SELECT id FROM checkins WHERE result = 'accepted' ORDER BY id").pluck().all() as string[];
}

/** Until `check` holds: the hub kiosk logs its own facts on its own timer (no wall-clock limit: the test runner's own). */
async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('the in-app hub', () => {
  it('starts on a free port with a URL and a pairing code a second kiosk pairs with; both sync; revoke; stop', async () => {
    const hub = await hubKiosk();
    expect(await hub.call('hub:status', {})).toMatchObject({ running: false, urls: [], pairing: null });

    const started = await hub.call('hub:start', { port: 0, host: '127.0.0.1' });
    expect(started.running).toBe(true);
    expect(started.urls).toHaveLength(1);
    const url = started.urls[0]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const pairing = started.pairing!;
    expect(pairing.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(pairing.qrText).toBe(`accueil-pair:${url}#${pairing.code}`);
    expect(parsePairingLink(pairing.qrText)).toEqual({ url, code: pairing.code });
    expect(pairing.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Starting again answers the running hub.
    expect((await hub.call('hub:start', { port: 0, host: '127.0.0.1' })).urls).toEqual([url]);

    // A second kiosk pairs with the code: the snapshot brings the event.
    const kiosk = openCore();
    const paired = await kiosk.call('sync:pair', { url, code: pairing.code });
    expect(paired.lastError).toBeNull();
    expect(paired.state).toBe('online');
    expect(paired.deviceId).toBeTruthy();
    const [mine, theirs] = tickets(hub, 2);
    expect((await kiosk.call('app:info', {})).event?.id).toBe((await hub.call('app:info', {})).event?.id);

    // The code was used: the status now shows a new one; the device is listed.
    const after = await hub.call('hub:status', {});
    expect(after.pairing!.code).not.toBe(pairing.code);
    expect(after.devices).toEqual([expect.objectContaining({ id: paired.deviceId, revokedAt: null })]);
    // The old code does not pair anyone else.
    expect((await openCore().fail('sync:pair', { url, code: pairing.code })).code).toBe('sync.pairing_code_invalid');

    // The kiosk's check-in reaches the hub's database.
    expect((await kiosk.call('checkin:scan', { code: theirs!, method: 'wedge' })).result).toBe('accepted');
    expect((await kiosk.call('sync:status', {})).pending).toBeGreaterThan(0);
    const synced = await kiosk.call('sync:now', {});
    expect(synced.pending).toBe(0);
    expect(synced.lastSyncAt).not.toBeNull();
    expect(checkinIds(hub)).toEqual(checkinIds(kiosk));

    // The hub kiosk's own check-in reaches the kiosk (it logs its own facts while the hub runs).
    expect((await hub.call('checkin:scan', { code: mine!, method: 'wedge' })).result).toBe('accepted');
    await eventually(async () => (await hub.call('sync:status', {})).pending === 0);
    await kiosk.call('sync:now', {});
    expect(checkinIds(kiosk)).toHaveLength(2);
    expect(checkinIds(kiosk)).toEqual(checkinIds(hub));

    // Revoked: refused from now on, nothing stored.
    const revoked = await hub.call('hub:revoke', { deviceId: paired.deviceId! });
    expect(revoked.devices[0]!.revokedAt).not.toBeNull();
    await kiosk.call('checkin:scan', { code: tickets(hub, 3)[2]!, method: 'wedge' });
    const refused = await kiosk.fail('sync:now', {});
    expect(refused.code).toBe('sync.unauthorized');
    expect(checkinIds(hub)).toHaveLength(2);
    expect((await hub.fail('hub:revoke', { deviceId: 'nobody' })).code).toBe('hub.device_not_found');

    // Stopped: no URL, no code, and the kiosk finds nobody there.
    expect(await hub.call('hub:stop', {})).toMatchObject({ running: false, urls: [], pairing: null });
    expect((await hub.call('hub:stop', {})).running).toBe(false);
    expect((await hub.fail('hub:newCode', {})).code).toBe('hub.not_running');
    expect((await kiosk.fail('sync:now', {})).code).toBe('sync.unreachable');
  });

  it('a port already in use is said as such; a new code on demand; the default host lists LAN addresses', async () => {
    const first = await hubKiosk();
    const { urls } = await first.call('hub:start', { port: 0 });
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:\d+$/);
    const port = Number(new URL(urls[0]!).port);

    const second = await hubKiosk();
    const busy = await second.fail('hub:start', { port });
    expect(busy.code).toBe('hub.port_in_use');
    expect(busy.params).toEqual({ port });
    expect((await second.call('hub:status', {})).running).toBe(false);

    const before = (await first.call('hub:status', {})).pairing!.code;
    const renewed = await first.call('hub:newCode', {});
    expect(renewed.pairing!.code).not.toBe(before);
    expect(renewed.pairing!.qrText.endsWith(`#${renewed.pairing!.code}`)).toBe(true);
  });

  it('needs a current event', async () => {
    const core = openCore();
    hubs.push(core);
    core.db.prepare("DELETE FROM settings WHERE key = 'event.current'").run();
    if ((await core.call('app:info', {})).event) return; // a core that always has an event: nothing to check
    expect((await core.fail('hub:start', { port: 0, host: '127.0.0.1' })).code).toBe('event.none');
  });
});

describe('the pairing QR text', () => {
  it('reads back what the hub writes, and nothing else', () => {
    const text = formatPairingLink('http://192.168.1.20:8787', 'K7QD-M2XP');
    expect(text).toBe('accueil-pair:http://192.168.1.20:8787#K7QD-M2XP');
    expect(parsePairingLink(`  ${text}\n`)).toEqual({ url: 'http://192.168.1.20:8787', code: 'K7QD-M2XP' });
    expect(parsePairingLink('ACCUEIL-PAIR:https://hub.local:8443#ABCD-EFGH')).toEqual({ url: 'https://hub.local:8443', code: 'ABCD-EFGH' });
    for (const other of ['', 'https://example.org', 'accueil-pair:', 'accueil-pair:#ABCD', 'accueil-pair:ftp://x#ABCD-EFGH', 'accueil-pair:http://x#AB', 'AICT-2023-0042']) {
      expect(parsePairingLink(other), other).toBeNull();
    }
  });
});
