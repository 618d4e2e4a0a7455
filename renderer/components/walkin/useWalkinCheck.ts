import { useEffect, useRef, useState } from 'react';
import type { DuplicateCandidate } from '../../../main/core/types';
import { api } from '../../api';

/** Long enough that a typist's next letter cancels the call, short enough to warn before they finish. */
export const checkDebounceMs = 200;

export interface PersonDraft {
  firstName: string;
  lastName: string;
  organisation: string;
  email: string;
}

/**
 * Look-alikes of the person being typed (walkin:check), as the search screen does it: calls are
 * debounced and only the answer to the latest text is kept, so a slow answer about "Fra" never
 * replaces the answer about "François Rebsamen". `generation` asks again for the same text.
 */
export function useWalkinCheck(person: PersonDraft, generation = 0): { candidates: DuplicateCandidate[]; checking: boolean } {
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [checking, setChecking] = useState(false);
  const latest = useRef(0);
  const { firstName, lastName, organisation, email } = person;

  useEffect(() => {
    const ticket = ++latest.current;
    // Two letters of a name before asking: one letter matches half the list.
    if (firstName.trim().length + lastName.trim().length < 3) {
      setCandidates([]);
      setChecking(false);
      return;
    }
    setChecking(true);
    const timer = window.setTimeout(() => {
      void api()['walkin:check']({ firstName, lastName, organisation, email }).then((result) => {
        if (ticket !== latest.current) return; // a newer text is on its way
        setChecking(false);
        // A failed check is not a blocker: creating checks again and refuses a duplicate itself.
        setCandidates(result.ok ? result.value.candidates : []);
      });
    }, checkDebounceMs);
    return () => window.clearTimeout(timer);
  }, [firstName, lastName, organisation, email, generation]);

  return { candidates, checking };
}
