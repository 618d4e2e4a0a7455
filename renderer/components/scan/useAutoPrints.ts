import { useCallback, useEffect, useRef, useState } from 'react';
import type { BadgeStatus, PrintRecord } from '../../../main/core/types';
import type { Printing } from '../BadgeStatusLine';
import type { ErrorValue } from '../../../main/core/errors';
import { api } from '../../api';

/** How often, and for how long, the desk asks how an auto-printed badge is doing. */
const pollMs = 300;
const giveUpMs = 20_000;
/** Failures kept on screen at once: the oldest go first, a door rarely has more than a jam or two. */
const maxFailures = 5;


/** An auto-print that did not happen, kept on screen until staff retry or dismiss it. */
export interface PrintFailure {
  ledgerId: string;
  attendeeId: string;
  name: string;
  /** Why, as the ledger recorded it, or the error of the last retry. */
  cause: { kind: 'record'; record: PrintRecord } | { kind: 'error'; error: ErrorValue };
  retrying: boolean;
}

/**
 * Follows every auto-printed badge of the scan desk in the ledger until it is sent or failed,
 * whether or not its result is still on screen: the result only shows the state, a failure
 * becomes an alert that stays until acknowledged (most recent first).
 */
export function useAutoPrints() {
  const [states, setStates] = useState<Record<string, Printing>>({});
  const [failures, setFailures] = useState<PrintFailure[]>([]);
  const timers = useRef(new Set<number>());
  const alive = useRef(true);
  const failuresRef = useRef(failures);
  failuresRef.current = failures;

  useEffect(() => {
    alive.current = true;
    const running = timers.current;
    return () => {
      alive.current = false;
      for (const timer of running) window.clearTimeout(timer);
      running.clear();
    };
  }, []);

  const watch = useCallback((badge: BadgeStatus, name: string) => {
    const ledgerId = badge.printing;
    if (!ledgerId) return;
    const started = performance.now();
    setStates((all) => ({ ...all, [ledgerId]: { state: 'printing' } }));
    const settle = (printing: Printing) => setStates((all) => ({ ...all, [ledgerId]: printing }));
    const ask = async () => {
      const result = await api()['print:recent']({ attendeeId: badge.attendeeId, limit: 10 });
      if (!alive.current) return;
      const record = result.ok ? result.value.find((r) => r.id === ledgerId) : undefined;
      if (record?.status === 'sent') return settle({ state: 'printed' });
      if (record?.status === 'failed') {
        settle({ state: 'failed', record });
        setFailures((list) =>
          [{ ledgerId, attendeeId: badge.attendeeId, name, cause: { kind: 'record' as const, record }, retrying: false }, ...list.filter((f) => f.ledgerId !== ledgerId)].slice(
            0,
            maxFailures,
          ),
        );
        return;
      }
      if (performance.now() - started > giveUpMs) return settle({ state: 'stillPending' });
      const timer = window.setTimeout(() => {
        timers.current.delete(timer);
        void ask();
      }, pollMs);
      timers.current.add(timer);
    };
    void ask();
  }, []);

  const dismiss = useCallback((ledgerId: string) => setFailures((list) => list.filter((f) => f.ledgerId !== ledgerId)), []);

  /** Prints that attendee's badge again (kiosk printer and template); gone when sent, else the new reason. */
  const retry = useCallback(async (ledgerId: string) => {
    const failure = failuresRef.current.find((f) => f.ledgerId === ledgerId);
    if (!failure || failure.retrying) return;
    setFailures((list) => list.map((f) => (f.ledgerId === ledgerId ? { ...f, retrying: true } : f)));
    const result = await api()['print:badges']({ attendeeIds: [failure.attendeeId] });
    if (!alive.current) return;
    const failed = result.ok ? result.value.records.find((r) => r.status === 'failed') : undefined;
    if (result.ok && !failed) return dismiss(ledgerId);
    setFailures((list) =>
      list.map((f) =>
        f.ledgerId === ledgerId ? { ...f, retrying: false, cause: result.ok ? { kind: 'record', record: failed as PrintRecord } : { kind: 'error', error: result } } : f,
      ),
    );
  }, [dismiss]);

  return { states, failures, watch, retry, dismiss };
}
