import type { Database, Statement } from 'better-sqlite3';
import type { Kiosk } from '../checkin/kiosk';
import type { BadgeStatus, CheckinOutcome, ScanMethod } from '../types';
import { PENDING_IN_PROGRESS_MS, type PrintDesk } from './print-desk';

export interface AutoPrintDeps {
  db: Database;
  now: () => Date;
  kiosk: Kiosk;
  printDesk: PrintDesk;
}

/**
 * Printing on arrival. The scan's answer never waits for a printer: an accepted check-in
 * learns its badge's status, and when this kiosk auto-prints (with a printer chosen) a badge
 * never printed, or marked for reprint, is started — the pending ledger row's id goes back as
 * `badge.printing` and the job finishes in the background. Its failure stays in the ledger
 * (the screen follows it through print:status / print:recent); a print refused on the spot
 * (a name the fonts cannot draw, no printer) leaves the check-in accepted and `printing` null.
 */
export class AutoPrint {
  private readonly pending: Statement;

  constructor(private readonly deps: AutoPrintDeps) {
    this.pending = deps.db.prepare("SELECT id FROM print_log WHERE attendee_id = ? AND status = 'pending' AND at > ? ORDER BY at DESC LIMIT 1").pluck();
  }

  /**
   * The scan's outcome with its badge: null for a refusal, the status (and a started print) for
   * an arrival. A check-in from the command line (method 'cli') is not auto-printed: that process
   * ends right after the answer, before a job could finish (`accueil print` prints explicitly).
   */
  afterScan(outcome: CheckinOutcome, method: ScanMethod): CheckinOutcome {
    const attendeeId = outcome.attendee?.id;
    if (outcome.result !== 'accepted' || !attendeeId) return { ...outcome, badge: null };
    return { ...outcome, badge: this.badgeFor(attendeeId, method !== 'cli') };
  }

  private badgeFor(attendeeId: string, mayPrint: boolean): BadgeStatus | null {
    const { kiosk, printDesk } = this.deps;
    let badge: BadgeStatus;
    try {
      badge = printDesk.status(attendeeId);
    } catch (error) {
      // The check-in is recorded whatever happens here: the badge's status is extra information.
      console.error('[accueil] badge status after check-in failed', error);
      return null;
    }
    if (!mayPrint || (badge.printed && !badge.needsReprint)) return badge;
    // A print already under way (a second scan right after the first): show it, do not start
    // another. As for the print desk, an old pending row is a crash's leftover and counts for nothing.
    const since = new Date(this.deps.now().getTime() - PENDING_IN_PROGRESS_MS).toISOString();
    const underway = this.pending.get(attendeeId, since) as string | undefined;
    if (underway) return { ...badge, printing: underway };
    const settings = kiosk.printing();
    if (!settings.autoPrint || !settings.printer) return badge;
    try {
      const { records, done } = printDesk.start({ attendeeIds: [attendeeId], printer: settings.printer, template: settings.template });
      // The ledger row turns 'failed' with the reason: nothing more to do with the rejection here.
      done.catch(() => undefined);
      return { ...badge, printing: records[0]?.id ?? null };
    } catch {
      // Refused before anything was logged (uncovered characters, unknown printer): staff print
      // it by hand from the result screen, which shows the badge as not printed.
      return badge;
    }
  }
}
