/**
 * The hub's database restored from an older copy: a kiosk's cursor past the copy is refused
 * with sync.cursor_unknown (409); pulling from the start and pushing again puts things right.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program';
import { openDataFolder } from '../../main/core/db/open';
import { startHubProcess } from '../helpers/hub-process';
import { tempDir } from '../helpers/temp';
import { checkinChange, get, pair, post } from './hub-wire';

describe('a hub restored from an older backup', () => {
  it('answers a cursor it no longer holds with sync.cursor_unknown', async () => {
    const dir = tempDir();
    const backup = tempDir();
    expect(await runCli(['demo', '--data', dir], { stdout: () => undefined, stderr: () => undefined }, {})).toBe(0);
    const db = openDataFolder(dir);
    const eventId = db.prepare('SELECT id FROM events').pluck().get() as string;
    const people = db.prepare('SELECT id FROM attendees ORDER BY seq LIMIT 4').pluck().all() as string[];
    const checkpoint = db.prepare("SELECT id FROM checkpoints WHERE kind = 'entrance' LIMIT 1").pluck().get() as string;
    db.close();
    const first = people.slice(0, 2).map((id) => checkinChange(eventId, id, checkpoint));
    const second = people.slice(2, 4).map((id) => checkinChange(eventId, id, checkpoint));

    let hub = await startHubProcess({ dataDir: dir });
    const device = await pair(hub.url, hub.pairingCode);
    expect((await post(`${hub.url}/v1/push`, { eventId, changes: first }, device.token)).json()).toEqual({ accepted: 2, duplicates: 0 });
    expect(await hub.stop()).toBe(0);
    for (const file of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, file), path.join(backup, file));

    hub = await startHubProcess({ dataDir: dir });
    expect((await post(`${hub.url}/v1/push`, { eventId, changes: second }, device.token)).json()).toEqual({ accepted: 2, duplicates: 0 });
    const pulled = (await get(`${hub.url}/v1/pull?since=0`, device.token)).json() as { cursor: string; changes: unknown[] };
    expect(pulled.changes).toHaveLength(4);
    await hub.stop();

    for (const file of fs.readdirSync(dir)) fs.rmSync(path.join(dir, file));
    for (const file of fs.readdirSync(backup)) fs.copyFileSync(path.join(backup, file), path.join(dir, file));
    hub = await startHubProcess({ dataDir: dir });
    try {
      const refused = await get(`${hub.url}/v1/pull?since=${encodeURIComponent(pulled.cursor)}`, device.token);
      expect(refused.status).toBe(409);
      expect(refused.json()).toMatchObject({ ok: false, code: 'sync.cursor_unknown' });
      // The kiosk's way back: pull from the start, push everything again (both idempotent).
      const restart = (await get(`${hub.url}/v1/pull?since=0`, device.token)).json() as { changes: { id: string }[] };
      expect(restart.changes.map((c) => c.id)).toEqual(first.map((c) => c.id));
      expect((await post(`${hub.url}/v1/push`, { eventId, changes: [...first, ...second] }, device.token)).json()).toEqual({ accepted: 2, duplicates: 2 });
      const after = (await get(`${hub.url}/v1/pull?since=0`, device.token)).json() as { changes: { id: string }[] };
      expect(after.changes.map((c) => c.id).sort()).toEqual([...first, ...second].map((c) => c.id).sort());
    } finally {
      await hub.stop();
    }
  });
});
