import { useEffect, useRef, useState } from 'react';
import type { AttendeeSummary } from '../../main/core/types';
import type { ErrorValue } from '../../main/core/errors';
import { api } from '../api';

export type SearchState =
  | { status: 'idle' }
  | { status: 'searching'; text: string; results: AttendeeSummary[] }
  | { status: 'done'; text: string; results: AttendeeSummary[] }
  | { status: 'failed'; text: string; error: ErrorValue };

/** Typing pauses shorter than this are one query: every keystroke would be wasted work. */
export const searchDebounceMs = 80;

/**
 * Search as you type. Queries are debounced, and only the answer to the latest query is
 * shown: a slow answer to "fr" can never overwrite the answer to "francois".
 */
export function useAttendeeSearch(text: string, generation = 0): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const latest = useRef(0);

  useEffect(() => {
    const query = text.trim();
    const ticket = ++latest.current;
    if (!query) {
      setState({ status: 'idle' });
      return;
    }
    setState((previous) => ({
      status: 'searching',
      text: query,
      results: previous.status === 'done' || previous.status === 'searching' ? previous.results : [],
    }));
    const timer = window.setTimeout(() => {
      void api()['attendees:search']({ text: query, limit: 50 }).then((result) => {
        if (ticket !== latest.current) return; // a newer query is on its way
        setState(result.ok ? { status: 'done', text: query, results: result.value } : { status: 'failed', text: query, error: result });
      });
    }, searchDebounceMs);
    return () => window.clearTimeout(timer);
  }, [text, generation]);

  return state;
}
