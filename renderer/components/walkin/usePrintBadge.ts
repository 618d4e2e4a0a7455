import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorValue } from '../../../main/core/errors';
import type { PrintOutcome } from '../../../main/core/types';
import { api } from '../../api';

export type PrintState =
  | { status: 'idle' }
  | { status: 'printing' }
  | { status: 'printed'; outcome: PrintOutcome }
  | { status: 'failed'; error: ErrorValue }
  /** A badge printed before: staff give a reason (the core's already_printed answer, or asked up front). */
  | { status: 'needsReason'; error: ErrorValue | null };

/**
 * One attendee's badge on the kiosk's printer (print:badges). A print failure is only a state
 * here: whatever was registered stays registered, and "retry" prints the same badge again.
 * A second click while a job is being sent does nothing (no duplicate badge).
 */
export function usePrintBadge(attendeeId: string | null) {
  const [state, setState] = useState<PrintState>({ status: 'idle' });
  const busy = useRef(false);
  const current = useRef(attendeeId);

  useEffect(() => {
    current.current = attendeeId;
    setState({ status: 'idle' });
  }, [attendeeId]);

  const print = useCallback(
    async (reprintReason?: string): Promise<boolean> => {
      if (!attendeeId || busy.current) return false;
      busy.current = true;
      setState({ status: 'printing' });
      try {
        const result = await api()['print:badges']({ attendeeIds: [attendeeId], ...(reprintReason ? { reprintReason } : {}) });
        if (current.current !== attendeeId) return false; // another person is on screen now
        if (result.ok) setState({ status: 'printed', outcome: result.value });
        else if (result.code === 'print.already_printed') setState({ status: 'needsReason', error: result });
        else setState({ status: 'failed', error: result });
        return result.ok;
      } finally {
        busy.current = false;
      }
    },
    [attendeeId],
  );

  const askReason = useCallback(() => setState({ status: 'needsReason', error: null }), []);
  const reset = useCallback(() => setState({ status: 'idle' }), []);

  return { state, print, askReason, reset };
}
