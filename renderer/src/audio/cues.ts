// What each bench sound is, as data: a list of tones per cue. Kept apart from the Web Audio
// code so the mapping can be tested without an AudioContext (jsdom has none), and so the
// sounds stay distinct by more than pitch: length, count and rhythm differ too, which a
// packer hears through a headset or across a noisy hall.

export type Cue = 'accepted' | 'error' | 'complete' | 'prompt';

export const CUES: readonly Cue[] = ['accepted', 'error', 'complete', 'prompt'];

export type Tone = {
  /** From the start of the cue. */
  startMs: number;
  durationMs: number;
  frequencyHz: number;
  wave: 'sine' | 'square' | 'sawtooth' | 'triangle';
  /** 0–1 before the volume setting is applied; square and sawtooth sound louder, so lower. */
  gain: number;
};

const NOTE = { C6: 1046.5, E6: 1318.5, G6: 1568.0, A5: 880.0, E5: 659.3 } as const;

const PLANS: Record<Cue, readonly Tone[]> = {
  // One short, high beep: quick enough not to slow a scanner-speed rhythm.
  accepted: [{ startMs: 0, durationMs: 90, frequencyHz: 1760, wave: 'sine', gain: 0.9 }],
  // A low buzz, long and repeated: it must be noticed even without looking at the screen.
  error: [
    { startMs: 0, durationMs: 320, frequencyHz: 160, wave: 'sawtooth', gain: 0.55 },
    { startMs: 440, durationMs: 320, frequencyHz: 160, wave: 'sawtooth', gain: 0.55 },
  ],
  // Three notes rising (C–E–G): the package or order is done.
  complete: [
    { startMs: 0, durationMs: 120, frequencyHz: NOTE.C6, wave: 'triangle', gain: 0.9 },
    { startMs: 130, durationMs: 120, frequencyHz: NOTE.E6, wave: 'triangle', gain: 0.9 },
    { startMs: 260, durationMs: 220, frequencyHz: NOTE.G6, wave: 'triangle', gain: 0.9 },
  ],
  // Two notes falling: the bench asks for something (a serial number, a quantity).
  prompt: [
    { startMs: 0, durationMs: 140, frequencyHz: NOTE.A5, wave: 'sine', gain: 0.8 },
    { startMs: 170, durationMs: 180, frequencyHz: NOTE.E5, wave: 'sine', gain: 0.8 },
  ],
};

export function tonePlan(cue: Cue): readonly Tone[] {
  return PLANS[cue];
}

export function cueDurationMs(cue: Cue): number {
  return Math.max(...PLANS[cue].map((tone) => tone.startMs + tone.durationMs));
}

export type SoundSettings = { enabled: boolean; volume: number };

/** The peak gain of each tone after the volume setting: empty when sound is off or silent. */
export function scaledPlan(cue: Cue, sound: SoundSettings): Tone[] {
  const volume = Math.min(1, Math.max(0, sound.volume));
  if (!sound.enabled || volume === 0) return [];
  return PLANS[cue].map((tone) => ({ ...tone, gain: tone.gain * volume }));
}
