import type { Database } from 'better-sqlite3';
import type { Attendees } from '../attendees/attendees';
import type { AuditLog } from '../audit/audit-log';
import type { Handlers } from '../contract';
import type { Settings } from '../settings/settings';
import { resolveFlag, syncConflicts } from './conflicts';
import type { KioskSync } from './kiosk-sync';
import type { SyncRunner } from './loop';

type SyncOperations = 'sync:status' | 'sync:pair' | 'sync:unpair' | 'sync:now' | 'sync:conflicts' | 'sync:resolveFlag';

export interface SyncHandlerDeps {
  db: Database;
  now: () => Date;
  settings: Settings;
  attendees: Attendees;
  audit: AuditLog;
  engine: KioskSync;
  runner: SyncRunner;
}

/** The kiosk's sync operations: pairing, status, a sync now, and the supervisor view. */
export function syncHandlers({ db, now, settings, attendees, audit, engine, runner }: SyncHandlerDeps): Pick<Handlers, SyncOperations> {
  const currentEvent = () => engine.pairing()?.eventId ?? settings.get<string>('event.current') ?? null;
  const conflicts = () => syncConflicts(db, attendees, currentEvent());
  return {
    'sync:status': () => runner.status(),
    // Paired first (the code is single-use: a failed first sync must not make staff type it again),
    // then a first sync whose failure shows in the status and is retried by the loop.
    'sync:pair': async ({ url, code }) => {
      const pairing = await engine.pair(url, code, settings.kioskName());
      audit.record({ action: 'sync.pair', target: pairing.deviceId, details: { hubUrl: pairing.hubUrl, eventId: pairing.eventId }, role: 'organiser' });
      runner.reset();
      await runner.syncNow().catch(() => undefined);
      return runner.status();
    },
    'sync:unpair': () => {
      const pairing = engine.pairing();
      engine.unpair();
      if (pairing) audit.record({ action: 'sync.unpair', target: pairing.deviceId, details: { hubUrl: pairing.hubUrl }, role: 'organiser' });
      runner.reset();
      return runner.status();
    },
    'sync:now': async () => {
      await runner.syncNow();
      return runner.status();
    },
    'sync:conflicts': () => conflicts(),
    'sync:resolveFlag': ({ id, resolution }) => {
      db.transaction(() => {
        resolveFlag(db, id, resolution, now().toISOString());
        audit.record({ action: 'sync.resolveFlag', target: id, details: { resolution }, role: 'organiser' });
      })();
      return conflicts();
    },
  };
}
