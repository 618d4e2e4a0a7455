import type { Database, Statement } from 'better-sqlite3';
import { DomainError } from '../errors';
import type { Settings } from '../settings/settings';
import type { CheckpointKind, KioskConfig } from '../types';
import { localDay } from './day';

export interface EventContext {
  id: string;
  timezone: string;
  days: string[];
}

export interface CheckpointContext {
  id: string;
  name: string;
  kind: CheckpointKind;
  day: string | null;
}

const keys = {
  checkpoint: 'kiosk.checkpoint',
  muted: 'kiosk.muted',
  camera: 'kiosk.cameraId',
  name: 'kiosk.name',
  printer: 'kiosk.printer',
  template: 'kiosk.template',
  autoPrint: 'kiosk.autoPrint',
} as const;

/** The badge template a kiosk prints with until someone picks another. */
export const defaultBadgeTemplate = 'a6';

/**
 * Where this kiosk stands (its checkpoint) and how it behaves (sound, camera), kept in
 * settings. Reads use prepared statements: every scan goes through here.
 */
export class Kiosk {
  private readonly statements: Record<'setting' | 'event' | 'firstEvent' | 'days' | 'checkpoint' | 'defaultCheckpoint', Statement>;

  constructor(
    db: Database,
    private readonly settings: Settings,
    private readonly now: () => Date,
  ) {
    this.statements = {
      setting: db.prepare('SELECT value FROM settings WHERE key = ?'),
      event: db.prepare('SELECT id, timezone FROM events WHERE id = ?'),
      firstEvent: db.prepare('SELECT id, timezone FROM events ORDER BY created_at LIMIT 1'),
      days: db.prepare('SELECT date FROM event_days WHERE event_id = ? ORDER BY date').pluck(),
      checkpoint: db.prepare('SELECT id, name, kind, day FROM checkpoints WHERE id = ? AND event_id = ?'),
      // The main entrance, else whatever comes first.
      defaultCheckpoint: db.prepare(
        "SELECT id, name, kind, day FROM checkpoints WHERE event_id = ? ORDER BY kind <> 'entrance', sort, name LIMIT 1",
      ),
    };
  }

  private read<T>(key: string): T | undefined {
    const row = this.statements.setting.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  /** The kiosk's current event (as Events.currentId decides), without counting attendees. */
  event(): EventContext {
    const chosen = this.read<string>('event.current');
    const row = ((chosen ? this.statements.event.get(chosen) : undefined) ?? this.statements.firstEvent.get()) as
      | { id: string; timezone: string }
      | undefined;
    if (!row) throw new DomainError('event.none', 'No event yet: import a registration file or load the demo event.');
    return { ...row, days: this.statements.days.all(row.id) as string[] };
  }

  /** The given checkpoint of the event, else the kiosk's, else the event's entrance. */
  checkpoint(event: EventContext, id?: string): CheckpointContext {
    if (id) {
      const found = this.statements.checkpoint.get(id, event.id) as CheckpointContext | undefined;
      if (!found) throw new DomainError('checkpoint.not_found', `No checkpoint ${id} in this event.`, { id });
      return found;
    }
    const configured = this.read<string>(keys.checkpoint);
    const found = (configured ? this.statements.checkpoint.get(configured, event.id) : undefined) ?? this.statements.defaultCheckpoint.get(event.id);
    if (!found) throw new DomainError('checkpoint.not_found', 'This event has no checkpoint: add a main entrance.', { id: '' });
    return found as CheckpointContext;
  }

  /** Settings.kioskId prepares its statement on every call; a scan reads the id through ours. */
  id(): string {
    return this.read<string>('kiosk.id') ?? this.settings.kioskId();
  }

  name(): string {
    return this.read<string>(keys.name) ?? this.settings.kioskName();
  }

  config(): KioskConfig {
    const event = this.event();
    const checkpoint = this.checkpoint(event);
    return {
      kioskId: this.settings.kioskId(),
      kioskName: this.name(),
      checkpointId: checkpoint.id,
      checkpointName: checkpoint.name,
      day: localDay(this.now(), event.timezone),
      muted: this.read<boolean>(keys.muted) ?? false,
      cameraId: this.read<string | null>(keys.camera) ?? null,
      ...this.printing(),
    };
  }

  /** Printing settings alone: read on every auto-printed check-in, without the event lookups. */
  printing(): { printer: string | null; template: string; autoPrint: boolean } {
    return {
      printer: this.read<string | null>(keys.printer) ?? null,
      template: this.read<string>(keys.template) ?? defaultBadgeTemplate,
      autoPrint: this.read<boolean>(keys.autoPrint) ?? false,
    };
  }

  /** The template name is checked by the caller (it knows the organisers' own templates). */
  configure(patch: {
    name?: string;
    checkpointId?: string;
    muted?: boolean;
    cameraId?: string | null;
    printer?: string | null;
    template?: string;
    autoPrint?: boolean;
  }): KioskConfig {
    if (patch.checkpointId !== undefined) this.checkpoint(this.event(), patch.checkpointId); // refuses another event's
    if (patch.name !== undefined) this.settings.set(keys.name, patch.name.trim());
    if (patch.checkpointId !== undefined) this.settings.set(keys.checkpoint, patch.checkpointId);
    if (patch.muted !== undefined) this.settings.set(keys.muted, patch.muted);
    if (patch.cameraId !== undefined) this.settings.set(keys.camera, patch.cameraId);
    if (patch.printer !== undefined) this.settings.set(keys.printer, patch.printer);
    if (patch.template !== undefined) this.settings.set(keys.template, patch.template);
    if (patch.autoPrint !== undefined) this.settings.set(keys.autoPrint, patch.autoPrint);
    return this.config();
  }
}
