// A barcode scanner in keyboard-wedge mode "types" its code and presses Enter. When no text
// field has the focus those keys would be lost, so this listener collects them from the
// window and hands over the whole code on Enter (slow, typed-by-hand codes work too).
//
// Box hotkeys 1–9 share the same keys: a digit only counts as a hotkey when it is the whole
// input and no other key follows within `hotkeyQuietMs`. A scanner types far faster than
// that, so a code starting with "1" never picks box 1 by accident.

export type WedgeOptions = {
  onCode: (code: string) => void;
  /** Called synchronously on the digit: should a lone digit be held back as a hotkey? */
  hotkeysEnabled: () => boolean;
  onHotkey: (digit: number) => void;
  hotkeyQuietMs?: number;
  /** Keys this far apart do not belong to the same code: the buffer starts again. */
  staleMs?: number;
  now?: () => number;
};

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color', 'image']);

export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
}

export function attachKeyboardWedge(target: Window, options: WedgeOptions): () => void {
  const quiet = options.hotkeyQuietMs ?? 80;
  const stale = options.staleMs ?? 3000;
  const now = options.now ?? (() => Date.now());
  let buffer = '';
  let lastKeyAt = 0;
  let hotkeyTimer: ReturnType<typeof setTimeout> | null = null;

  const cancelHotkey = () => {
    if (hotkeyTimer !== null) clearTimeout(hotkeyTimer);
    hotkeyTimer = null;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (isTextEntry(event.target)) {
      // The field takes the keys itself; a half-collected code must not leak into the next one.
      buffer = '';
      cancelHotkey();
      return;
    }
    if (event.key === 'Enter') {
      cancelHotkey();
      const code = buffer.trim();
      buffer = '';
      if (code === '') return;
      // Keep the Enter from also pressing whatever button has the focus.
      event.preventDefault();
      options.onCode(code);
      return;
    }
    if (event.key === 'Escape') {
      buffer = '';
      cancelHotkey();
      return;
    }
    if (event.key.length !== 1) return;
    const at = now();
    if (at - lastKeyAt > stale) buffer = '';
    lastKeyAt = at;
    cancelHotkey();
    buffer += event.key;
    if (/^[1-9]$/.test(buffer) && options.hotkeysEnabled()) {
      const digit = Number(buffer);
      hotkeyTimer = setTimeout(() => {
        hotkeyTimer = null;
        if (buffer === String(digit)) {
          buffer = '';
          options.onHotkey(digit);
        }
      }, quiet);
    }
  };

  // Capture phase: the wedge sees the Enter before a focused button turns it into a click.
  target.addEventListener('keydown', onKeyDown, true);
  return () => {
    cancelHotkey();
    target.removeEventListener('keydown', onKeyDown, true);
  };
}
