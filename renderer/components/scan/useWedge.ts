import { useEffect, useRef } from 'react';
import { createWedgeDetector } from '../../scan/wedge';

/**
 * Listens to the whole window for keyboard-wedge bursts (a scanner typing a code and Enter),
 * whatever has the focus. The Enter that ends a burst is swallowed, so it does not also
 * press whichever button or search box has the focus.
 */
export function useWedge(onCode: (code: string) => void, enabled = true): void {
  const callback = useRef(onCode);
  callback.current = onCode;
  useEffect(() => {
    if (!enabled) return;
    const detector = createWedgeDetector();
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const code = detector.key(event.key, event.timeStamp);
      if (code === null) return;
      event.preventDefault();
      event.stopPropagation();
      callback.current(code);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [enabled]);
}
