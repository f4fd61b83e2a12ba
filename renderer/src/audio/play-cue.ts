// Bench sounds, generated with Web Audio (an OscillatorNode through a GainNode per tone): no
// sound files to ship, load or fail to find.
//
// API for the pack screen (store/pack-slice.ts and friends):
//
//   import { playCue } from '../audio/play-cue';
//   playCue('accepted');  // a unit went into the package
//   playCue('error');     // every refusal that puts up the red banner (wrong item, over-scan, …)
//   playCue('complete');  // a package or the order is done (package closed, label printed)
//   playCue('prompt');    // the bench asks for something (a serial number, a quantity, a supervisor)
//
// Callers never pass volume or on/off: App keeps them in step with settings.sound through
// `setSoundSettings`. `playCue` is safe anywhere and any time: without Web Audio (jsdom, a
// locked-down browser) or before the packer's first key press or click it plays nothing, but
// still tells `onCue` listeners, which is how tests see which cue an action chose.
//
// Autoplay: browsers (and Chromium inside Electron) keep an AudioContext made before any user
// gesture suspended. So the context is made lazily inside the first keydown or pointerdown
// (`unlockAudioOnFirstGesture`), which every shift starts with anyway (signing in).

import { scaledPlan } from './cues';
import type { Cue, SoundSettings, Tone } from './cues';

export type { Cue, SoundSettings };

/** The part of AudioContext the player uses; tests pass a fake. */
export type AudioContextLike = Pick<AudioContext, 'currentTime' | 'destination' | 'state' | 'resume' | 'createOscillator' | 'createGain'>;

export type CueListener = (cue: Cue, tones: readonly Tone[]) => void;

const RAMP_S = 0.006; // a few ms of fade in and out, so a tone starts and stops without a click
const LEAD_S = 0.01;

export function scheduleTones(context: AudioContextLike, tones: readonly Tone[]): void {
  const t0 = context.currentTime + LEAD_S;
  for (const tone of tones) {
    const start = t0 + tone.startMs / 1000;
    const end = start + tone.durationMs / 1000;
    const oscillator = context.createOscillator();
    oscillator.type = tone.wave;
    oscillator.frequency.setValueAtTime(tone.frequencyHz, start);
    const gain = context.createGain();
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(tone.gain, start + RAMP_S);
    gain.gain.setValueAtTime(tone.gain, Math.max(start + RAMP_S, end - RAMP_S));
    gain.gain.linearRampToValueAtTime(0, end);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.onended = () => {
      oscillator.disconnect();
      gain.disconnect();
    };
    oscillator.start(start);
    oscillator.stop(end + RAMP_S);
  }
}

export type CuePlayer = {
  playCue: (cue: Cue) => void;
  /** Plays a cue with settings not saved yet (the Settings screen's test button). */
  previewCue: (cue: Cue, sound: SoundSettings) => void;
  setSoundSettings: (sound: SoundSettings) => void;
  onCue: (listener: CueListener) => () => void;
  unlockOnFirstGesture: (target: Pick<Window, 'addEventListener' | 'removeEventListener'>) => () => void;
};

type ContextFactory = () => AudioContextLike | null;

function defaultFactory(): AudioContextLike | null {
  const Ctor = (globalThis as { AudioContext?: new () => AudioContext }).AudioContext;
  if (typeof Ctor !== 'function') return null;
  try {
    return new Ctor();
  } catch {
    return null; // too many contexts, or audio disabled by policy: the bench works silently
  }
}

export function createCuePlayer(makeContext: ContextFactory = defaultFactory): CuePlayer {
  let context: AudioContextLike | null = null;
  let sound: SoundSettings = { enabled: true, volume: 0.7 };
  const listeners = new Set<CueListener>();

  const ensureContext = () => {
    if (context === null) context = makeContext();
    if (context !== null && context.state === 'suspended') void context.resume().catch(() => undefined);
  };

  const play = (cue: Cue, settings: SoundSettings) => {
    const tones = scaledPlan(cue, settings);
    for (const listener of listeners) listener(cue, tones);
    if (context === null || tones.length === 0) return;
    try {
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
      scheduleTones(context, tones);
    } catch {
      // A sound is a help, never a reason for a scan to fail.
    }
  };

  return {
    playCue: (cue) => play(cue, sound),
    previewCue: (cue, settings) => {
      // A click on the test button is a user gesture: the context may be made here.
      ensureContext();
      play(cue, settings);
    },
    setSoundSettings: (next) => {
      sound = { enabled: next.enabled, volume: next.volume };
    },
    onCue: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    unlockOnFirstGesture: (target) => {
      const events = ['keydown', 'pointerdown'] as const;
      const unlock = () => {
        ensureContext();
        if (context !== null) detach();
      };
      const detach = () => {
        for (const name of events) target.removeEventListener(name, unlock, true);
      };
      for (const name of events) target.addEventListener(name, unlock, true);
      return detach;
    },
  };
}

// The bench's one player. Module state on purpose: any action anywhere may make a sound,
// and the AudioContext must be one per window.
const bench = createCuePlayer();

export const playCue = bench.playCue;
export const previewCue = bench.previewCue;
export const setSoundSettings = bench.setSoundSettings;
export const onCue = bench.onCue;
export const unlockAudioOnFirstGesture = bench.unlockOnFirstGesture;
