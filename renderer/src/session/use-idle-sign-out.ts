import { useEffect } from 'react';
import type { AppStore } from '../store/app-store';
import { useAppStore } from '../store/store-context';

/** What counts as someone at the bench. A scanner's keys are keydowns, so a scan counts too. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Signs the operator out after settings.idleSignOutMinutes without a key press or a mouse
 * move (0 = never), so a bench left alone does not record the next person's work under the
 * last one's name. The station expires idle sign-ins on its own as well; this is what makes
 * the screen show it at once, instead of on the next action.
 *
 * One timer, re-armed for the remaining time when it fires: activity only stores a time
 * stamp, so a moving mouse costs nothing. The listeners are on the window in the capture
 * phase, which sees keys before the scanner input swallows a scan's.
 */
export function useIdleSignOut(store: AppStore): void {
  const minutes = useAppStore((state) => state.settings?.idleSignOutMinutes ?? 0);
  const signedIn = useAppStore((state) => state.operator !== null);

  useEffect(() => {
    if (!signedIn || minutes <= 0) return;
    const limitMs = minutes * 60_000;
    let lastActivity = Date.now();
    let timer: ReturnType<typeof setTimeout> | null = null;

    const check = () => {
      const idleMs = Date.now() - lastActivity;
      if (idleMs >= limitMs) {
        timer = null;
        void store.getState().signOut('idle');
      } else {
        timer = setTimeout(check, limitMs - idleMs);
      }
    };
    const onActivity = () => {
      lastActivity = Date.now();
    };

    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    timer = setTimeout(check, limitMs);
    return () => {
      if (timer !== null) clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [store, minutes, signedIn]);
}
