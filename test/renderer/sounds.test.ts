import { describe, expect, it, vi } from 'vitest';
import { CUES, cueDurationMs, scaledPlan, tonePlan } from '../../renderer/src/audio/cues';
import type { Cue, Tone } from '../../renderer/src/audio/cues';
import { createCuePlayer, playCue, scheduleTones } from '../../renderer/src/audio/play-cue';
import type { AudioContextLike } from '../../renderer/src/audio/play-cue';

const ON = { enabled: true, volume: 1 };

describe('what each cue sounds like', () => {
  it('accepted is one short, high beep', () => {
    const tones = tonePlan('accepted');
    expect(tones).toHaveLength(1);
    expect(tones[0]?.frequencyHz).toBeGreaterThanOrEqual(1000);
    expect(cueDurationMs('accepted')).toBeLessThanOrEqual(120);
  });

  it('error is a low buzz, longer, sounded twice', () => {
    const tones = tonePlan('error');
    expect(tones).toHaveLength(2);
    expect(tones.every((tone) => tone.frequencyHz < 300)).toBe(true);
    expect(tones.every((tone) => tone.durationMs >= 3 * (tonePlan('accepted')[0]?.durationMs ?? 0))).toBe(true);
    const [first, second] = tones as [Tone, Tone];
    expect(second.startMs).toBeGreaterThan(first.startMs + first.durationMs); // two buzzes, not one long one
    expect(second.frequencyHz).toBe(first.frequencyHz);
  });

  it('complete is three notes, each higher than the last', () => {
    const frequencies = tonePlan('complete').map((tone) => tone.frequencyHz);
    expect(frequencies).toHaveLength(3);
    expect([...frequencies].sort((a, b) => a - b)).toEqual(frequencies);
    expect(new Set(frequencies).size).toBe(3);
  });

  it('no two cues share a rhythm and pitch, so each is told apart by ear', () => {
    const signature = (cue: Cue) => JSON.stringify(tonePlan(cue).map((tone) => [tone.startMs, tone.durationMs, Math.round(tone.frequencyHz)]));
    expect(new Set(CUES.map(signature)).size).toBe(CUES.length);
  });

  it('tones never overlap within a cue and gains stay within 0–1', () => {
    for (const cue of CUES) {
      const tones = tonePlan(cue);
      tones.forEach((tone, index) => {
        expect(tone.gain).toBeGreaterThan(0);
        expect(tone.gain).toBeLessThanOrEqual(1);
        const next = tones[index + 1];
        if (next) expect(next.startMs).toBeGreaterThanOrEqual(tone.startMs + tone.durationMs);
      });
    }
  });

  it.each([
    [{ enabled: true, volume: 0.5 }, 0.45],
    [{ enabled: true, volume: 1 }, 0.9],
    [{ enabled: true, volume: 3 }, 0.9],
  ])('the volume setting scales the gain (%o → %f)', (sound, gain) => {
    expect(scaledPlan('accepted', sound)[0]?.gain).toBeCloseTo(gain);
  });

  it('sound off, or volume 0, plays nothing', () => {
    expect(scaledPlan('error', { enabled: false, volume: 1 })).toEqual([]);
    expect(scaledPlan('error', { enabled: true, volume: 0 })).toEqual([]);
  });
});

type Call = { type: string; args: unknown[] };

function fakeContext(): { context: AudioContextLike; calls: Call[]; oscillators: Array<{ type: string; frequency: number; start: number; stop: number }> } {
  const calls: Call[] = [];
  const oscillators: Array<{ type: string; frequency: number; start: number; stop: number }> = [];
  const param = (name: string) => ({
    setValueAtTime: (...args: unknown[]) => calls.push({ type: `${name}.set`, args }),
    linearRampToValueAtTime: (...args: unknown[]) => calls.push({ type: `${name}.ramp`, args }),
  });
  const context = {
    currentTime: 10,
    destination: {},
    state: 'running',
    resume: async () => undefined,
    createOscillator: () => {
      const record = { type: '', frequency: 0, start: 0, stop: 0 };
      oscillators.push(record);
      return {
        set type(value: string) {
          record.type = value;
        },
        frequency: {
          setValueAtTime: (value: number) => {
            record.frequency = value;
          },
        },
        connect: () => undefined,
        disconnect: () => undefined,
        start: (at: number) => {
          record.start = at;
        },
        stop: (at: number) => {
          record.stop = at;
        },
        onended: null,
      };
    },
    createGain: () => ({ gain: param('gain'), connect: () => undefined, disconnect: () => undefined }),
  };
  return { context: context as unknown as AudioContextLike, calls, oscillators };
}

describe('playing a cue with Web Audio', () => {
  it('schedules one oscillator per tone at its frequency and time, with a gain that never exceeds the tone’s', () => {
    const { context, calls, oscillators } = fakeContext();
    const tones = scaledPlan('complete', { enabled: true, volume: 0.5 });
    scheduleTones(context, tones);
    expect(oscillators.map((oscillator) => oscillator.frequency)).toEqual(tones.map((tone) => tone.frequencyHz));
    expect(oscillators.map((oscillator) => oscillator.type)).toEqual(['triangle', 'triangle', 'triangle']);
    oscillators.forEach((oscillator, index) => {
      const tone = tones[index] as Tone;
      expect(oscillator.start).toBeCloseTo(10.01 + tone.startMs / 1000);
      expect(oscillator.stop).toBeGreaterThan(oscillator.start + tone.durationMs / 1000 - 0.001);
    });
    const peak = Math.max(...calls.filter((call) => call.type.startsWith('gain')).map((call) => call.args[0] as number));
    expect(peak).toBeCloseTo(0.45);
  });

  it('without an AudioContext (jsdom) playCue is silent and harmless, and listeners still hear which cue', () => {
    expect((globalThis as { AudioContext?: unknown }).AudioContext).toBeUndefined();
    const player = createCuePlayer();
    const heard: Cue[] = [];
    player.onCue((cue) => heard.push(cue));
    player.unlockOnFirstGesture(window);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(() => player.playCue('error')).not.toThrow();
    expect(heard).toEqual(['error']);
    expect(() => playCue('accepted')).not.toThrow();
  });

  it('the AudioContext is made on the first key press or click, not before (autoplay rules)', () => {
    const { context, oscillators } = fakeContext();
    const make = vi.fn(() => context);
    const player = createCuePlayer(make);
    player.unlockOnFirstGesture(window);
    player.playCue('accepted');
    expect(make).not.toHaveBeenCalled();
    expect(oscillators).toHaveLength(0);

    window.dispatchEvent(new Event('pointerdown'));
    expect(make).toHaveBeenCalledTimes(1);
    player.setSoundSettings(ON);
    player.playCue('accepted');
    expect(oscillators).toHaveLength(1);
    window.dispatchEvent(new Event('pointerdown'));
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('sound switched off in the settings plays nothing', () => {
    const { context, oscillators } = fakeContext();
    const player = createCuePlayer(() => context);
    player.unlockOnFirstGesture(window);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }));
    player.setSoundSettings({ enabled: false, volume: 1 });
    player.playCue('error');
    expect(oscillators).toHaveLength(0);
    player.previewCue('error', { enabled: true, volume: 0.4 });
    expect(oscillators).toHaveLength(2);
  });
});
