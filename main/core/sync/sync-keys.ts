/** Where the pairing lives (settings, JSON values). */
export const syncKeys = {
  hubUrl: 'sync.hubUrl',
  hubId: 'sync.hubId',
  deviceId: 'sync.deviceId',
  token: 'sync.token',
  eventId: 'sync.eventId',
  /** Absent until the snapshot is applied: its absence means "first sync". */
  cursor: 'sync.cursor',
  lastSyncAt: 'sync.lastSyncAt',
  hlc: 'sync.hlc',
  /** The event's kiosks as the hub last told (StoredFleet), for the dashboard. */
  fleet: 'sync.fleet',
} as const;
