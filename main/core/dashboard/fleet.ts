/**
 * The kiosks of the fleet as this kiosk knows them: itself live (its outbox and last sync);
 * the others as the hub last told it (settings 'sync.fleet', kept from the last pull). On the
 * hub's own database ("this kiosk is the hub"), the others are read from its device table,
 * which is first-hand.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Settings } from '../settings/settings';
import type { KioskSync, StoredFleet } from '../sync/kiosk-sync';
import { syncKeys } from '../sync/sync-keys';
import { listFleet } from '../sync/hub/store';
import type { FleetDevice } from '../sync/protocol';
import type { FleetKiosk } from './types';

export class FleetView {
  private readonly hubHasDevices: Statement;

  constructor(
    private readonly db: Database,
    private readonly settings: Settings,
    private readonly sync: KioskSync,
  ) {
    this.hubHasDevices = db.prepare('SELECT 1 FROM hub_devices WHERE event_id = ? LIMIT 1').pluck();
  }

  kiosks(eventId: string | null): FleetKiosk[] {
    const pairing = this.sync.pairing();
    const self: FleetKiosk = {
      kioskId: this.settings.kioskId(),
      name: this.settings.kioskName(),
      self: true,
      lastSyncAt: this.sync.lastSyncAt(),
      pending: this.sync.pending(),
    };
    let others: FleetDevice[] = [];
    if (eventId && this.hubHasDevices.get(eventId) === 1) others = listFleet(this.db, eventId);
    else if (pairing && (!eventId || pairing.eventId === eventId)) {
      others = (this.settings.get<StoredFleet>(syncKeys.fleet)?.devices ?? []).filter((device) => device.deviceId !== pairing.deviceId);
    }
    const listed = others
      .filter((device) => device.kioskId !== self.kioskId)
      .map(
        (device): FleetKiosk => ({
          kioskId: device.kioskId ?? device.deviceId,
          name: device.name,
          self: false,
          lastSyncAt: device.lastSeenAt,
          pending: device.pending,
        }),
      )
      .sort((a, b) => a.name.localeCompare(b.name) || a.kioskId.localeCompare(b.kioskId));
    return [self, ...listed];
  }
}
