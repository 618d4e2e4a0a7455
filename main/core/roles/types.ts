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
}
