/**
 * Sync benchmarks (issue 5), the real hub as a child process on loopback, kiosk cores in this
 * process (each its own SQLite file), reaching the hub through the tests' TCP proxy (which
 * counts the bytes on the wire):
 *
 * 1. 20 kiosks × 500 check-ins each, made offline, converge: every kiosk and the hub hold all
 *    10,000 (target < 5 s from the start of the sync rounds).
 * 2. Hub push throughput: pushes of 500 check-ins from several devices at once (target ≥ 2,000/s).
 * 3. First sync of 100,000 attendees: pairing + snapshot, time and bytes on the wire (target < 10 s, < 15 MB).
 *
 *   npm run bench:sync
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Change, PushResponse } from '../../main/core/sync/protocol';
import { protocolHeader, protocolVersion } from '../../main/core/sync/protocol';
import { startFleet, type Fleet } from '../helpers/fleet';
import { machine, report, type Figure } from './stats';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** CPU seconds a process used so far (Linux /proc; NaN elsewhere): tells the hub's share from the kiosks'. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100/s)
  } catch {
    return Number.NaN;
  }
}
const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function scanOffline(fleet: Fleet, k: number, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    const outcome = await fleet.scan(k, i);
    if (outcome.result !== 'accepted') throw new Error(`scan T-${i} at kiosk ${k}: ${outcome.result}`);
  }
}

/** Every kiosk syncs at once, round after round, until each holds `total` check-ins and nothing is pending. */
async function convergeInParallel(fleet: Fleet, total: number): Promise<number> {
  for (let round = 1; round <= 20; round++) {
    const results = await Promise.all(fleet.kiosks.map((_, k) => fleet.sync(k)));
    const failed = results.find((r) => !r.ok || r.value.lastError);
    if (failed) throw new Error(`sync failed: ${JSON.stringify(failed)}`);
    const done = results.every((r) => r.ok && r.value.pending === 0) && fleet.kiosks.every((_, k) => fleet.checkinIds(k).length === total);
    if (done && fleet.hubCheckinIds().length === total) return round;
  }
  throw new Error('no convergence after 20 rounds');
}

async function benchFleet(direct: boolean): Promise<Figure[]> {
  const kiosks = 20;
  const each = 500;
  const fleet = await startFleet({ kiosks, attendees: kiosks * each, direct });
  try {
    for (let k = 0; k < kiosks; k++) await scanOffline(fleet, k, k * each, (k + 1) * each);
    fleet.everyProxy((p) => p.resetStats());
    const hubCpu = cpuSeconds(fleet.hub.child.pid);
    const kioskCpu = ownCpu();
    const start = process.hrtime.bigint();
    const rounds = await convergeInParallel(fleet, kiosks * each);
    const elapsed = seconds(start);
    const hubUsed = cpuSeconds(fleet.hub.child.pid) - hubCpu;
    const kiosksUsed = ownCpu() - kioskCpu;
    fleet.assertConverged();
    const bytes = fleet.proxies.reduce((sum, p) => sum + p.stats.bytesToClient + p.stats.bytesToServer, 0);
    return [
      { name: `${kiosks} kiosks × ${each} check-ins converge (${rounds} rounds, all in parallel${direct ? ', no proxy' : ''})`, value: elapsed, unit: 's', target: '< 5 s' },
      ...(direct ? [] : [{ name: 'bytes on the wire for it (both ways, all kiosks)', value: bytes / 2 ** 20, unit: 'MiB' }]),
      { name: 'of which CPU in the hub process', value: hubUsed, unit: 's' },
      { name: `of which CPU in this process (the 20 kiosk cores${direct ? '' : ' and their proxies'}, one event loop)`, value: kiosksUsed, unit: 's' },
    ];
  } finally {
    await fleet.close();
  }
}

/**
 * What one kiosk of the 20 does in that round, alone (on a real fleet each kiosk is its own
 * machine): push its 500, pull and apply the 10,000 of the log.
 */
async function benchOneKiosk(): Promise<Figure[]> {
  const fleet = await startFleet({ kiosks: 3, attendees: 10_000, direct: true });
  try {
    await scanOffline(fleet, 0, 0, 9_500);
    const pushed = await fleet.sync(0);
    if (!pushed.ok || pushed.value.pending !== 0) throw new Error(`kiosk 0 did not push: ${JSON.stringify(pushed)}`);
    await scanOffline(fleet, 1, 9_500, 10_000);
    // 19 other devices (paired over HTTP: tokens only, no kiosk core here) for the second measure.
    const tokens: string[] = [];
    for (let i = 0; i < 19; i++) {
      const code = await fleet.newCode();
      const res = await fetch(`${fleet.hub.url}/v1/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [protocolHeader]: String(protocolVersion) },
        body: JSON.stringify({ code, deviceName: `Other ${i + 1}` }),
      });
      tokens.push(((await res.json()) as { token: string }).token);
    }
    const hubCpu = cpuSeconds(fleet.hub.child.pid);
    const own = ownCpu();
    const start = process.hrtime.bigint();
    const result = await fleet.sync(1);
    const elapsed = seconds(start);
    if (!result.ok || fleet.checkinIds(1).length !== 10_000) throw new Error(`kiosk 1 holds ${fleet.checkinIds(1).length}`);
    const figures: Figure[] = [
      { name: 'one kiosk alone: push its 500, pull and apply 10,000 (straight to the hub)', value: elapsed, unit: 's' },
      { name: 'of which hub CPU', value: cpuSeconds(fleet.hub.child.pid) - hubCpu, unit: 's' },
      { name: 'of which kiosk CPU', value: ownCpu() - own, unit: 's' },
    ];
    // A third kiosk, paired at the start and idle since, pulls and applies the 10,000 while 19
    // other devices pull the whole log again and again from a worker thread (raw HTTP, gzip
    // bodies unzipped only to find the cursor: their applying happens on their own machines).
    // No pushes from them meanwhile.
    const others = new Worker(othersPulling, { eval: true, workerData: { url: fleet.hub.url, tokens, header: protocolHeader, version: protocolVersion } });
    const othersReady = new Promise<void>((resolve) => others.once('message', () => resolve()));
    await othersReady;
    const hubCpu2 = cpuSeconds(fleet.hub.child.pid);
    const own2 = ownCpu();
    const start2 = process.hrtime.bigint();
    const again = await fleet.sync(2);
    const elapsed2 = seconds(start2);
    const hubUsed2 = cpuSeconds(fleet.hub.child.pid) - hubCpu2;
    const ownUsed2 = ownCpu() - own2;
    const pulls = await new Promise<number>((resolve) => {
      others.once('message', (count: number) => resolve(count));
      others.postMessage('stop');
    });
    await others.terminate();
    if (!again.ok || fleet.checkinIds(2).length !== 10_000) throw new Error(`kiosk 2 holds ${fleet.checkinIds(2).length}`);
    if (pulls < 0) throw new Error('the other devices failed to pull');
    return [
      ...figures,
      { name: `another kiosk: pull and apply 10,000 while 19 other devices pull the log, no pushes meanwhile so the hub's page cache stays warm (${pulls} pages of 1,000 served to them)`, value: elapsed2, unit: 's' },
      { name: 'of which hub CPU (serving all 20)', value: hubUsed2, unit: 's' },
      { name: 'of which CPU in this process (that kiosk, and the worker thread of the 19 devices)', value: ownUsed2, unit: 's' },
    ];
  } finally {
    await fleet.close();
  }
}

/** Worker source: each token pulls the log page by page from the start, over and over, until told to stop. */
const othersPulling = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, tokens, header, version } = workerData;
let stop = false;
let pages = 0;
const page = (token, since) => new Promise((resolve, reject) => {
  const req = http.get(url + '/v1/pull?limit=1000&since=' + encodeURIComponent(since), { headers: { authorization: 'Bearer ' + token, [header]: String(version), 'accept-encoding': 'gzip' } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode, gz: res.headers['content-encoding'] === 'gzip', body: Buffer.concat(chunks) }));
    res.on('error', reject);
  });
  req.on('error', reject);
});
const zlib = require('node:zlib');
async function loop(token) {
  while (!stop) {
    let since = '0';
    for (;;) {
      const answer = await page(token, since);
      if (answer.status !== 200) throw new Error('pull: HTTP ' + answer.status);
      pages += 1;
      // Only the cursor is needed to go on: read from the end of the body, not parsed whole.
      const text = (answer.gz ? zlib.gunzipSync(answer.body) : answer.body).toString('utf8');
      const tail = text.slice(-300);
      const m = /"cursor":"([^"]+)","more":(true|false)}$/.exec(tail);
      if (!m || m[2] === 'false' || stop) break;
      since = m[1];
    }
  }
}
parentPort.on('message', () => { stop = true; });
Promise.all(tokens.map(loop)).then(() => parentPort.postMessage(pages), () => parentPort.postMessage(-1));
parentPort.postMessage('ready');
`;

async function benchPush(): Promise<Figure[]> {
  const devices = 4;
  const each = 2500;
  const batch = 500;
  const fleet = await startFleet({ kiosks: devices, attendees: devices * each });
  try {
    for (let k = 0; k < devices; k++) await scanOffline(fleet, k, k * each, (k + 1) * each);
    // Each device's own queued check-ins, pushed with its own token straight to the hub, batches of 500.
    const work = fleet.kiosks.map((kiosk) => {
      const token = JSON.parse(kiosk.db.prepare("SELECT value FROM settings WHERE key = 'sync.token'").pluck().get() as string) as string;
      const rows = kiosk.db.prepare('SELECT id, kind, payload, created_at FROM outbox WHERE sent_at IS NULL ORDER BY seq').all() as {
        id: string;
        kind: Change['kind'];
        payload: string;
        created_at: string;
      }[];
      const changes = rows.map((r): Change => ({ id: r.id, kind: r.kind, eventId: fleet.eventId, at: r.created_at, payload: JSON.parse(r.payload) as Record<string, unknown> }));
      const bodies: string[] = [];
      for (let i = 0; i < changes.length; i += batch) bodies.push(JSON.stringify({ eventId: fleet.eventId, changes: changes.slice(i, i + batch) }));
      return { token, bodies };
    });
    const hubCpu = cpuSeconds(fleet.hub.child.pid);
    const start = process.hrtime.bigint();
    let accepted = 0;
    await Promise.all(
      work.map(async ({ token, bodies }) => {
        for (const body of bodies) {
          const res = await fetch(`${fleet.hub.url}/v1/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [protocolHeader]: String(protocolVersion) },
            body,
          });
          if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
          accepted += ((await res.json()) as PushResponse).accepted;
        }
      }),
    );
    const elapsed = seconds(start);
    const hubUsed = cpuSeconds(fleet.hub.child.pid) - hubCpu;
    if (accepted !== devices * each) throw new Error(`accepted ${accepted} of ${devices * each}`);
    return [
      { name: `hub push throughput (${devices} devices at once, batches of ${batch}, ${accepted} check-ins)`, value: accepted / elapsed, unit: 'check-ins/s', target: '≥ 2,000/s' },
      { name: 'the same per CPU second of the hub process', value: accepted / hubUsed, unit: 'check-ins/s' },
    ];
  } finally {
    await fleet.close();
  }
}

async function benchFirstSync(): Promise<Figure[]> {
  const attendees = 100_000;
  const fleet = await startFleet({ kiosks: 0, attendees });
  try {
    // The snapshot alone (hub builds and gzips it, the wire, gunzip and parse), with a device token of a throwaway pairing.
    const probe = await fleet.addKiosk();
    const token = JSON.parse(fleet.kiosks[probe]!.db.prepare("SELECT value FROM settings WHERE key = 'sync.token'").pluck().get() as string) as string;
    const hubCpu = cpuSeconds(fleet.hub.child.pid);
    const snapStart = process.hrtime.bigint();
    const res = await fetch(`${fleet.hub.url}/v1/snapshot`, { headers: { authorization: `Bearer ${token}`, [protocolHeader]: String(protocolVersion) } });
    const snapshot = (await res.json()) as { attendees: { rows: unknown[] } };
    const snapElapsed = seconds(snapStart);
    const snapHubCpu = cpuSeconds(fleet.hub.child.pid) - hubCpu;
    const ownBefore = ownCpu();
    if (snapshot.attendees.rows.length !== attendees) throw new Error(`snapshot of ${snapshot.attendees.rows.length}`);
    const start = process.hrtime.bigint();
    const k = await fleet.addKiosk();
    const elapsed = seconds(start);
    const kioskCpu = ownCpu() - ownBefore;
    const count = fleet.kiosks[k]!.db.prepare('SELECT count(*) FROM attendees').pluck().get() as number;
    if (count !== attendees) throw new Error(`the kiosk holds ${count} attendees, not ${attendees}`);
    const stats = fleet.proxies[k]!.stats;
    return [
      { name: `first sync of ${attendees.toLocaleString('en')} attendees (pairing + snapshot + apply)`, value: elapsed, unit: 's', target: '< 10 s' },
      { name: 'bytes on the wire for it (both ways)', value: (stats.bytesToClient + stats.bytesToServer) / 1e6, unit: 'MB', target: '< 15 MB' },
      { name: 'the snapshot request alone (hub builds + gzips, wire, gunzip, parse)', value: snapElapsed, unit: 's' },
      { name: 'hub CPU for that snapshot', value: snapHubCpu, unit: 's' },
      { name: 'kiosk-side CPU for the first sync (this process: pair, gunzip, parse, apply 100,000)', value: kioskCpu, unit: 's' },
    ];
  } finally {
    await fleet.close();
  }
}

console.log(`Machine: ${machine()}`);
const only = process.argv[2];
if (!only || only === 'fleet') report('Sync: 20 kiosks converge (through the proxies, which count the bytes)', await benchFleet(false));
if (!only || only === 'fleet' || only === 'fleet-direct') report('Sync: 20 kiosks converge (straight to the hub)', await benchFleet(true));
if (!only || only === 'fleet' || only === 'one') report('Sync: one kiosk of the fleet, alone', await benchOneKiosk());
if (!only || only === 'push') report('Sync: hub push throughput', await benchPush());
if (!only || only === 'first') report('Sync: first sync of 100,000 attendees', await benchFirstSync());
