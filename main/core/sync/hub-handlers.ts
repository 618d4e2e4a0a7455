/**
 * "This kiosk is the hub": the hub server (hub/server.ts) run inside the app on the kiosk's
 * own database, for a venue with a LAN but no internet.
 *
 * - hub:start {port = 8787, host = 0.0.0.0}: listens (hub.port_in_use when taken; port 0
 *   picks a free one), issues a pairing code for the current event (event.none without one).
 *   Starting a running hub answers its status.
 * - hub:status: running, the URLs other kiosks use (one per non-internal IPv4 interface when
 *   listening on every interface; the loopback URL when there is none, or when bound to one
 *   address, that address), the pairing code with its QR, the paired devices. A code that was
 *   used or expired is replaced by a new one when the status is read: staff pairing several
 *   kiosks in a row just read the next code off the screen.
 * - The QR holds `accueil-pair:<first URL>#<code>` (pairing-link.ts): one scan in a kiosk's
 *   Settings fills both the hub address and the code.
 * - hub:newCode: a new code (the previous one stays valid until used or expired).
 * - hub:revoke {deviceId}: that device's token is refused from now on (hub.device_not_found).
 * - hub:stop: idempotent (stopping a stopped hub answers its status); kiosk-core calls it on close.
 *
 * The hub kiosk's own facts: a kiosk that is the hub is not paired with itself; while the hub
 * runs (and this kiosk is not paired elsewhere), its unsent outbox rows are logged in the hub's
 * log under its own kiosk id every second (the same push as a device's, idempotent), so other
 * kiosks pull its check-ins too. Its own pending count thus drops to 0 as for a paired kiosk.
 */
import os from 'node:os';
import type { Database, Statement } from 'better-sqlite3';
import QRCode from 'qrcode';
import type { Handlers } from '../contract';
import { DomainError } from '../errors';
import type { Events } from '../events/events';
import type { Settings } from '../settings/settings';
import type { HubStatus } from '../types';
import { hashCode } from './hub/auth';
import { startHubServer, type ListeningHub } from './hub/server';
import { prepareHub } from './hub/setup';
import { issuePairingCode, listHubDevices, revokeHubDevice, SqliteHubStore, type DeviceRecord } from './hub/store';
import { syncKeys } from './sync-keys';
import { formatPairingLink } from './pairing-link';
import { changeKinds, pushBatchSize, type Change, type ChangeKind } from './protocol';

type HubOperations = 'hub:status' | 'hub:start' | 'hub:stop' | 'hub:newCode' | 'hub:revoke';

/** The in-app hub's usual port, the same on every venue's hub kiosk: easy to say across a room. */
export const defaultHubPort = 8787;
export const defaultHubHost = '0.0.0.0';
/** How often the hub kiosk logs its own new facts for the others. */
const selfPublishMs = 1000;

export interface HubHandlerDeps {
  db: Database;
  now: () => Date;
  settings: Settings;
  events: Events;
  log?: (line: string) => void;
}

interface Running {
  server: ListeningHub;
  store: SqliteHubStore;
  host: string;
  urls: string[];
  pairing: { code: string; eventId: string; expiresAt: string; qrSvg: string; qrText: string } | null;
  timer: ReturnType<typeof setInterval>;
}

/** The URLs a kiosk on the LAN can reach a hub listening on `host:port` at. */
export function hubUrls(host: string, port: number, scheme = 'http'): string[] {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  if (!wildcard) return [`${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const lan = Object.values(os.networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal)
    .map((address) => `${scheme}://${address.address}:${port}`);
  return lan.length > 0 ? [...new Set(lan)] : [`${scheme}://127.0.0.1:${port}`];
}

const pushable = changeKinds.map((kind) => `'${kind}'`).join(', ');

export function hubHandlers({ db, now, settings, events, log = () => undefined }: HubHandlerDeps): Pick<Handlers, HubOperations> {
  let running: Running | null = null;
  let starting: Promise<unknown> | null = null;

  const s: Record<'unsent' | 'markSent' | 'codeState', Statement> = {
    unsent: db.prepare(
      `SELECT id, kind, payload, created_at FROM outbox
       WHERE sent_at IS NULL AND kind IN (${pushable}) AND json_extract(payload, '$.eventId') = ? ORDER BY seq LIMIT ?`,
    ),
    markSent: db.prepare('UPDATE outbox SET sent_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND sent_at IS NULL'),
    codeState: db.prepare('SELECT used_at AS usedAt, expires_at AS expiresAt FROM hub_pairing_codes WHERE code_hash = ?'),
  };

  const currentEvent = (): string => {
    const id = events.currentId();
    if (!id) throw new DomainError('event.none', 'Choose an event first: the hub shares the current event.');
    return id;
  };

  async function newCode(hub: Running): Promise<void> {
    const issued = issuePairingCode(db, currentEvent(), now());
    const qrText = formatPairingLink(hub.urls[0]!, issued.code);
    const qrSvg = await QRCode.toString(qrText, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    hub.pairing = { code: issued.code, eventId: issued.eventId, expiresAt: issued.expiresAt, qrSvg, qrText };
  }

  /** A used or expired code (or one for an event no longer current) gives way to a new one. */
  async function freshCode(hub: Running): Promise<void> {
    const current = hub.pairing;
    if (current) {
      const state = s.codeState.get(hashCode(current.code)) as { usedAt: string | null; expiresAt: string } | undefined;
      const stillGood = state && !state.usedAt && state.expiresAt > now().toISOString() && current.eventId === events.currentId();
      if (stillGood) return;
    }
    if (events.currentId()) await newCode(hub);
    else hub.pairing = null;
  }

  const status = (): HubStatus => ({
    running: running !== null,
    urls: running?.urls ?? [],
    pairing: running?.pairing ? { code: running.pairing.code, expiresAt: running.pairing.expiresAt, qrSvg: running.pairing.qrSvg, qrText: running.pairing.qrText } : null,
    devices: listHubDevices(db),
  });

  /** This kiosk's own new facts into the hub's log (see the header); never while paired with another hub. */
  async function publishOwn(hub: Running): Promise<void> {
    if (settings.get<string>(syncKeys.token)) return;
    const eventId = events.currentId();
    if (!eventId) return;
    const self: DeviceRecord = { id: settings.kioskId(), name: settings.kioskName(), eventId, revokedAt: null };
    for (;;) {
      const rows = s.unsent.all(eventId, pushBatchSize) as { id: string; kind: ChangeKind; payload: string; created_at: string }[];
      if (rows.length === 0 || running !== hub) return;
      const changes: Change[] = rows.map((row) => {
        const payload = JSON.parse(row.payload) as Record<string, unknown>;
        return { id: row.id, kind: row.kind, eventId, at: typeof payload.at === 'string' ? payload.at : row.created_at, payload };
      });
      await hub.store.push(self, changes, now());
      s.markSent.run(now().toISOString(), JSON.stringify(rows.map((row) => row.id)));
    }
  }

  async function start(port: number, host: string): Promise<void> {
    // The event's signing keys reach kiosks through the snapshot; an import here then publishes the master list.
    prepareHub(db, currentEvent(), now);
    const store = new SqliteHubStore(db, false);
    const server = await startHubServer({ store, now, host, port });
    let publishing = false;
    const timer = setInterval(() => {
      if (publishing) return;
      publishing = true;
      publishOwn(hub)
        .catch((error: unknown) => log(`The hub could not log this kiosk's own changes: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          publishing = false;
        });
    }, selfPublishMs);
    timer.unref?.();
    const hub: Running = { server, store, host, urls: hubUrls(host, server.port), pairing: null, timer };
    running = hub;
    await newCode(hub);
    log(`Hub running: ${hub.urls.join(', ')}`);
  }

  async function stop(): Promise<void> {
    const hub = running;
    if (!hub) return;
    // Synchronously first: nothing of the hub touches the database once stop() was called.
    running = null;
    clearInterval(hub.timer);
    await hub.server.close();
  }

  return {
    'hub:status': async () => {
      if (running) await freshCode(running);
      return status();
    },
    'hub:start': async ({ port = defaultHubPort, host = defaultHubHost }) => {
      // Two clicks on Start: the second waits for the first rather than failing on the port.
      if (starting) await starting.catch(() => undefined);
      if (!running) {
        starting = start(port, host);
        try {
          await starting;
        } finally {
          starting = null;
        }
      }
      return status();
    },
    'hub:stop': async () => {
      await stop();
      return status();
    },
    'hub:newCode': async () => {
      if (!running) throw new DomainError('hub.not_running', 'The hub is not running on this kiosk.');
      await newCode(running);
      return status();
    },
    'hub:revoke': ({ deviceId }) => {
      if (!revokeHubDevice(db, deviceId, now())) throw new DomainError('hub.device_not_found', `No paired device ${deviceId}.`, { deviceId });
      return status();
    },
  };
}
