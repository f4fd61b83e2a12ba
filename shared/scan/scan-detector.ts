// Tells a keyboard-wedge scanner from a person by timing, wherever the focus is. A scanner
// "types" its code as a burst of keys a few milliseconds apart and ends it with Enter (or
// Tab); a person is an order of magnitude slower. A scan must never land in a text field —
// above all the weight field — so the renderer holds back (swallows) every printable key
// that could be the start of a burst, and types the held keys back into the focused field
// (replay) as soon as they turn out to be a person's.
//
// Contract with the renderer (renderer/src/input), which owns the DOM:
// - Feed every keydown as { key: event.key, timeMs: event.timeStamp }, and `repeat: true`
//   when event.repeat is set: auto-repeat runs at ~30 keys/s, as fast as a slow scanner,
//   but only a held-down key produces it.
// - Shortcut chords (Ctrl/Meta/Alt with a key) are not text: feed them under a name longer
//   than one character (e.g. 'Shortcut') so any held keys are replayed before the chord acts.
//   Exception: Ctrl+] is how a wedge scanner types ASCII 29 (GS, the GS1 separator); feed it
//   as key '\u001d' so it stays inside the burst.
// - action 'swallow' → preventDefault; 'pass' → let the key act. Apply `replay` first (type
//   the keys into the focused field in order), then the current key's action: the key that
//   is passed lands after the replayed ones.
// - After each swallowed key, call flushDetector once maxInterKeyMs has gone by without
//   another key: a person who types one character and stops must see it appear.

export type ScanTerminator = 'Enter' | 'Tab';

export type ScanDetectorConfig = {
  /** Keys further apart than this do not belong to one scanner burst. */
  maxInterKeyMs: number;
  /** Characters a burst needs, without prefix and suffix, to count as a scan. */
  minLength: number;
  /** Set in the scanner as well: only bursts starting with it are scans, and keys that cannot start it are never held. */
  prefix: string;
  /** Set in the scanner as well: only bursts ending with it (before the terminator) are scans. */
  suffix: string;
  terminators: ScanTerminator[];
};

// 35 ms: wedge scanners type a key every 1–20 ms; people rarely type two keys under 50 ms
// apart, let alone four in a row. Wireless scanners may need more (see maxInterKeyMs).
export const DEFAULT_SCAN_DETECTOR_CONFIG: ScanDetectorConfig = {
  maxInterKeyMs: 35,
  minLength: 4,
  prefix: '',
  suffix: '',
  terminators: ['Enter', 'Tab'],
};

export type KeyInput = {
  /** KeyboardEvent.key */
  key: string;
  /** KeyboardEvent.timeStamp, or any monotonic clock in milliseconds. */
  timeMs: number;
  /** KeyboardEvent.repeat: a key held down, so a person. */
  repeat?: boolean;
};

export type DetectorState =
  | { phase: 'idle' }
  | { phase: 'burst'; keys: readonly string[]; lastKeyMs: number };

export type DetectorStep = {
  state: DetectorState;
  /** What to do with this key. flushDetector has no key of its own and always says 'pass'. */
  action: 'pass' | 'swallow';
  /** The finished scan, without prefix and suffix, when this key completed one. */
  scan?: string;
  /** Held keys that were a person's typing: type them into the focused field, in order, before acting on this key. */
  replay?: string[];
  /**
   * Held keys thrown away: a burst that began with the configured prefix and was long
   * enough to be a scan, but never got its terminator. Replaying it would put a scan into a
   * field; the renderer should ask for the code to be scanned again.
   */
  dropped?: string[];
};

// UI Events "modifier keys": they type nothing, and scanners press Shift for every capital.
const MODIFIER_KEYS: ReadonlySet<string> = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'FnLock',
  'Hyper',
  'Super',
  'Symbol',
  'SymbolLock',
]);

export function initialDetectorState(): DetectorState {
  return { phase: 'idle' };
}

function assertConfig(config: ScanDetectorConfig): void {
  if (!(config.maxInterKeyMs > 0) || !Number.isInteger(config.minLength) || config.minLength < 1) {
    throw new RangeError('Scan detector needs maxInterKeyMs > 0 and a whole minLength of at least 1');
  }
}

// One printable character: a single code point, as KeyboardEvent.key gives for text.
function isPrintable(key: string): boolean {
  return key.length > 0 && [...key].length === 1;
}

function canStartBurst(key: string, config: ScanDetectorConfig): boolean {
  return config.prefix === '' || config.prefix.startsWith(key);
}

// With a prefix, a burst is still a candidate while its text and the prefix agree so far.
function agreesWithPrefix(text: string, prefix: string): boolean {
  return text.length <= prefix.length ? prefix.startsWith(text) : text.startsWith(prefix);
}

/** The scan a burst stands for, or null if it is not one. */
function scanOf(keys: readonly string[], config: ScanDetectorConfig): string | null {
  const text = keys.join('');
  const { prefix, suffix } = config;
  if (!text.startsWith(prefix) || text.length < prefix.length + suffix.length || !text.endsWith(suffix)) return null;
  const body = text.slice(prefix.length, text.length - suffix.length);
  return [...body].length >= config.minLength ? body : null;
}

// A burst whose keys stopped coming. Without a prefix it is replayed: a person's keystrokes
// are never lost, at the price that a scanner set up without a terminator types into the
// field (which shows at once). With a prefix, a burst carrying it and a scan's worth of
// characters is certainly a scanner's, so it is dropped rather than typed into a field.
function expire(keys: readonly string[], config: ScanDetectorConfig): Pick<DetectorStep, 'replay' | 'dropped'> {
  const text = keys.join('');
  const looksScanned = config.prefix !== '' && text.startsWith(config.prefix) && [...text].length - [...config.prefix].length >= config.minLength;
  return looksScanned ? { dropped: [...keys] } : { replay: [...keys] };
}

function holdOrPass(key: string, timeMs: number, config: ScanDetectorConfig): Pick<DetectorStep, 'state' | 'action'> {
  return canStartBurst(key, config)
    ? { state: { phase: 'burst', keys: [key], lastKeyMs: timeMs }, action: 'swallow' }
    : { state: { phase: 'idle' }, action: 'pass' };
}

export function stepDetector(state: DetectorState, input: KeyInput, config: ScanDetectorConfig): DetectorStep {
  assertConfig(config);
  const { key, timeMs } = input;
  // Modifiers neither break nor extend a burst, and leave its clock alone.
  if (MODIFIER_KEYS.has(key)) return { state, action: 'pass' };

  if (state.phase === 'burst' && timeMs - state.lastKeyMs > config.maxInterKeyMs) {
    // The timer was late: settle the stale burst first, then take this key as the first of a
    // new one. From idle, stepFresh never replays or drops, so the two results do not clash.
    return { ...stepFresh({ phase: 'idle' }, input, config), ...expire(state.keys, config) };
  }
  return stepFresh(state, input, config);
}

// The key against a state whose burst, if any, is still within timing.
function stepFresh(state: DetectorState, input: KeyInput, config: ScanDetectorConfig): DetectorStep {
  const { key, timeMs } = input;
  const printable = isPrintable(key) && input.repeat !== true;
  const terminator = (config.terminators as readonly string[]).includes(key);

  if (state.phase === 'idle') {
    return printable ? holdOrPass(key, timeMs, config) : { state, action: 'pass' };
  }

  if (printable) {
    const keys = [...state.keys, key];
    if (config.prefix === '' || agreesWithPrefix(keys.join(''), config.prefix)) {
      return { state: { phase: 'burst', keys, lastKeyMs: timeMs }, action: 'swallow' };
    }
    // Not the prefix after all: what was held is a person's, and this key may begin a burst.
    return { ...holdOrPass(key, timeMs, config), replay: [...state.keys] };
  }

  if (terminator) {
    const scan = scanOf(state.keys, config);
    if (scan !== null) return { state: { phase: 'idle' }, action: 'swallow', scan };
  }
  // A terminator after a burst too short to be a scan, Backspace, an arrow, a chord, an
  // auto-repeated key: a person is typing. Their held keys go in first, then this key acts.
  return { state: { phase: 'idle' }, action: 'pass', replay: [...state.keys] };
}

/**
 * Called from a timer. A burst older than maxInterKeyMs that never got its terminator is
 * replayed as typing — or dropped, if it began with the configured prefix and was long
 * enough to be a scan (see DetectorStep.dropped). A burst still within timing is kept.
 */
export function flushDetector(state: DetectorState, nowMs: number, config: ScanDetectorConfig): DetectorStep {
  assertConfig(config);
  if (state.phase === 'idle' || nowMs - state.lastKeyMs <= config.maxInterKeyMs) return { state, action: 'pass' };
  return { state: { phase: 'idle' }, action: 'pass', ...expire(state.keys, config) };
}
