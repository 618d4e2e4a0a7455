/**
 * Making a data folder a hub: which event kiosks pair for, the event's signing keys (they
 * reach kiosks through the snapshot), and the 'hub.enabled' setting that makes an import in
 * this folder publish the master list to kiosks (../publish.ts).
 */
import type { Database } from 'better-sqlite3';
import { EventKeyStore } from '../../checkin/keys';
import { Events } from '../../events/events';
import { Settings } from '../../settings/settings';

export const hubEnabledKey = 'hub.enabled';
export const hubEventKey = 'hub.event';
export const hubUrlKey = 'hub.url';

/** The hub's event: the one asked for, else the one it served last, else the current event. */
export function hubEvent(db: Database, requested?: string): { id: string; name: string } {
  const events = new Events(db);
  const settings = new Settings(db);
  const remembered = settings.get<string>(hubEventKey);
  const id = requested ?? (remembered && events.find(remembered) ? remembered : events.requireCurrentId());
  const event = events.get(id);
  return { id: event.id, name: event.name };
}

export function prepareHub(db: Database, eventId: string, now: () => Date = () => new Date()): void {
  new EventKeyStore(db, now).ensure(eventId);
  const settings = new Settings(db);
  settings.set(hubEnabledKey, true);
  settings.set(hubEventKey, eventId);
}

export function isHub(db: Database): boolean {
  return new Settings(db).get<boolean>(hubEnabledKey) === true;
}
