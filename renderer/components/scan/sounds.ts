import type { CheckinResultCode } from '../../../main/core/types';
import acceptedUrl from '../../../resources/sounds/accepted.wav';
import refusedUrl from '../../../resources/sounds/refused.wav';
import warningUrl from '../../../resources/sounds/warning.wav';

export type Tone = 'ok' | 'warn' | 'bad';

/** Green, orange or red: what the door does with this result. */
export function toneOf(result: CheckinResultCode): Tone {
  if (result === 'accepted') return 'ok';
  if (result === 'already_checked_in' || result === 'not_registered_for_session') return 'warn';
  return 'bad';
}

const urls: Record<Tone, string> = { ok: acceptedUrl, warn: warningUrl, bad: refusedUrl };
const players = new Map<Tone, HTMLAudioElement>();

/** Plays the tone's sound; a browser that refuses (autoplay rules, no audio device) stays silent. */
export function playTone(tone: Tone): void {
  let player = players.get(tone);
  if (!player) {
    player = new Audio(urls[tone]);
    player.preload = 'auto';
    players.set(tone, player);
  }
  player.currentTime = 0;
  void player.play().catch(() => undefined);
}
