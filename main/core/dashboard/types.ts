/**
 * What the organisers' dashboard shows (issue 6). Counts are of people (distinct attendees),
 * never of scans; "expected" counts registered attendees who are not cancelled. On a given day
 * (days, byCategory, byCountry, byOrigin) that is the registered list plus the walk-ins who came
 * that day; overall, every attendee not cancelled. "Arrived": at an entrance checkpoint, by an
 * accepted check-in not undone. Cancelled attendees count nowhere (figures.ts has the rules).
 */
export interface Tally {
  arrived: number;
  expected: number;
}

/** One row of a breakdown (a category, a country): its key as stored, '' when not filled. */
export interface TallyRow extends Tally {
  key: string;
}

export interface DashboardDay extends Tally {
  date: string;
  label: string;
}

/** One person who entered a room: their first entry of the day there. */
export interface RoomPerson {
  attendeeId: string;
  honorific: string;
  firstName: string;
  lastName: string;
  organisation: string;
  country: string;
  /** First accepted entry (not undone), ISO time… */
  firstAt: string;
  /** …and its HH:MM on the venue's clock. */
  localTime: string;
  /** The desk that admitted them (its name, else its id). */
  kiosk: string;
  /** Registered for this session (false: admitted anyway, or a room open to all). */
  registered: boolean;
}

/** Who attended a workshop or meeting on a day, by last name. */
export interface RoomPeople {
  checkpointId: string;
  name: string;
  day: string;
  people: RoomPerson[];
}

/** A workshop or meeting room (a 'session' checkpoint) against its capacity. */
export interface RoomAttendance {
  checkpointId: string;
  name: string;
  room: string;
  day: string | null;
  startsAt: string | null;
  capacity: number | null;
  /** People who entered (distinct, undone entries excluded). */
  attended: number;
  /** People registered for it (attendee_sessions), 0 when registration was not by session. */
  registered: number;
}

/** A kiosk of the fleet as this kiosk last heard of it (itself live; others through the hub). */
export interface FleetKiosk {
  kioskId: string;
  name: string;
  self: boolean;
  lastSyncAt: string | null;
  /** Changes it had not pushed when last heard of; null when unknown. */
  pending: number | null;
}

export interface Dashboard {
  eventId: string | null;
  generatedAt: string;
  /** The day shown (YYYY-MM-DD): the asked one, else today's if the event has it, else the first. */
  day: string | null;
  overall: Tally;
  days: DashboardDay[];
  /** For `day`. */
  byCategory: TallyRow[];
  byCountry: TallyRow[];
  /** French local authorities (country France) against foreign delegations (any other country). */
  byOrigin: { french: Tally; foreign: Tally; unknown: Tally };
  /** Arrivals (first entrance check-in of each person that day) per 15 minutes of `day`, in the venue's time. */
  arrivalsPer15: { start: string; count: number }[];
  rooms: RoomAttendance[];
  /** Walk-ins not cancelled: all of them, and those who came on `day`. */
  walkins: { total: number; onDay: number };
  /** Expected on `day` and not arrived yet (only once the day has started; 0 before). */
  noShows: number;
  kiosks: FleetKiosk[];
}
