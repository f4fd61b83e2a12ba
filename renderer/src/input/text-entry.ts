// Typing held-back keys into a field "the way typing would", for the scanner input.
//
// The scanner input swallows (preventDefault) every printable key that could start a scanner
// burst. When the keys turn out to be a person's, they must still appear in the focused
// field. A synthetic keydown cannot do that (untrusted key events have no default action),
// and `input.value = …` is not enough for React: React keeps its own copy of the value it
// last rendered (its "value tracker", set through the element's own `value` property) and
// ignores an 'input' event whose value equals that copy. Calling the value setter of the
// element's prototype (HTMLInputElement.prototype / HTMLTextAreaElement.prototype) changes
// the DOM value without touching React's copy, so the 'input' event that follows reaches the
// component's onChange like a real keystroke. This is the approach React's own test tools
// use. The caret and the selection are honoured (the text replaces the selection) and
// maxLength is respected, as a keystroke would.

const TEXT_INPUT_TYPES: ReadonlySet<string> = new Set(['text', 'search', 'password', 'tel', 'url', 'email', 'number', '']);

export type TextEntry = HTMLInputElement | HTMLTextAreaElement;

/** A field that takes typed characters: a text-like input or a textarea, enabled and writable. */
export function isTextEntry(target: EventTarget | null): target is TextEntry {
  if (target instanceof HTMLTextAreaElement) return !target.disabled && !target.readOnly;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type) && !target.disabled && !target.readOnly;
  return false;
}

function selectionOf(field: TextEntry): { start: number; end: number } {
  const length = field.value.length;
  try {
    // null (not a throw) for input types without a selection, such as number and email.
    return { start: field.selectionStart ?? length, end: field.selectionEnd ?? length };
  } catch {
    return { start: length, end: length };
  }
}

/** Inserts `text` at the caret of `field` and tells React (and any listener) with an 'input' event. */
export function typeIntoField(field: TextEntry, text: string): void {
  const { start, end } = selectionOf(field);
  const value = field.value;
  const room = field.maxLength >= 0 ? field.maxLength - (value.length - (end - start)) : Infinity;
  const insert = room >= text.length ? text : text.slice(0, Math.max(0, room));
  if (insert === '') return;
  const next = value.slice(0, start) + insert + value.slice(end);
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setValue = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setValue) setValue.call(field, next);
  else field.value = next;
  try {
    field.setSelectionRange(start + insert.length, start + insert.length);
  } catch {
    // number and email inputs have no selection to set
  }
  const event =
    typeof InputEvent === 'function'
      ? new InputEvent('input', { bubbles: true, data: insert, inputType: 'insertText' })
      : new Event('input', { bubbles: true });
  field.dispatchEvent(event);
}
