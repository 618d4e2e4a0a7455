import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dashboard } from '../../../main/core/dashboard/types';
import type { ErrorValue } from '../../../main/core/errors';
import { api } from '../../api';

/** Between the end of one answer and the next question: "within a few seconds of a scan anywhere". */
export const refreshMs = 2000;

export interface DashboardFeed {
  data: Dashboard | null;
  /** The last refresh failed (the figures shown are the last good ones). */
  error: ErrorValue | null;
  /** False while the page is hidden: nothing is asked then. */
  live: boolean;
}

/**
 * The dashboard's figures, asked again every ~2 s while the page is visible. One question at a
 * time (the next is scheduled when the answer is in, so a slow core is never piled on); an
 * answer for a day no longer chosen is dropped; a failure keeps the last figures on screen.
 */
export function useDashboard(day: string | null): DashboardFeed {
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [live, setLive] = useState(() => document.visibilityState !== 'hidden');
  const dayRef = useRef(day);
  dayRef.current = day;

  const ask = useCallback(async (): Promise<void> => {
    const asked = dayRef.current;
    const result = await api()['dashboard:get'](asked ? { day: asked } : {});
    if (dayRef.current !== asked) return;
    if (result.ok) {
      setData(result.value);
      setError(null);
    } else {
      setError(result);
    }
  }, []);

  useEffect(() => {
    const onVisibility = () => setLive(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  // A new day (or coming back into view) asks at once, then every refreshMs.
  useEffect(() => {
    if (!live) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      await ask().catch(() => undefined);
      if (!stopped) timer = setTimeout(() => void loop(), refreshMs);
    };
    void loop();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [ask, day, live]);

  return { data, error, live };
}
