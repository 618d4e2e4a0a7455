/**
 * Staff and organiser modes (issue 6). Without an organiser PIN every action is open (a new
 * kiosk must be set up); once a PIN is set the kiosk starts in staff mode and organiser actions
 * need it.
 */
export type Role = 'staff' | 'organiser';

export interface RoleStatus {
  mode: Role;
  pinSet: boolean;
  /** After repeated wrong PINs: until when no PIN is accepted (ISO), else null. */
  lockedUntil: string | null;
  /** Wrong PINs left before the lock-out. */
  attemptsLeft: number;
  /** The desktop app holds the screen (full-screen kiosk lock) until the PIN is given. */
  kioskLock: boolean;
  /**
   * In organiser mode with a PIN: when it falls back to staff mode unless an organiser action
   * comes first (about 10 minutes after the last one); null otherwise.
   */
  organiserUntil?: string | null;
}

export interface AuditRecord {
  id: number;
  at: string;
  kioskId: string;
  role: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

export interface PurgeReport {
  eventId: string;
  attendees: number;
  checkins: number;
  prints: number;
  /** Of the attendees, those registered at the desk. */
  walkins?: number;
  /** Sync items (sent or not) and look-alike flags of the event dropped with them. */
  outbox?: number;
  flags?: number;
  printBatches?: number;
  /** Entries of the hub's log (when this kiosk is the hub). */
  hubLog?: number;
}
