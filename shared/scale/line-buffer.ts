// Serial ports deliver whatever bytes have arrived, not whole lines: a response such as
// "S S      100.00 g\r\n" can come as "S S   ", "   100.00 g\r" and "\n". This buffer turns those
// chunks into complete lines. It is a pure value (no class, no mutation) so a test can replay any
// split of a recorded stream and so the serial service can keep it in its own state.

import { bytesToAscii } from './reading';

export type LineBufferState = {
  /** Characters received since the last line end. */
  pending: string;
  /** The last chunk ended on CR: an LF opening the next chunk belongs to that CR, not a new line. */
  afterCR: boolean;
  /** Characters thrown away because a "line" grew past `maxLineLength` (noise, wrong baud rate). */
  discarded: number;
};

/**
 * No scale line here is longer than about 40 characters; a longer run without a line end is
 * noise, and keeping it would grow without limit on a misconfigured port.
 */
export const MAX_SCALE_LINE_LENGTH = 256;

export function createLineBuffer(): LineBufferState {
  return { pending: '', afterCR: false, discarded: 0 };
}

/**
 * Feeds one chunk. Lines end at CR LF, LF or a lone CR (instruments differ, and some are set to
 * CR only); the terminators are not part of the line and empty lines are dropped.
 */
export function feedLines(
  state: LineBufferState,
  chunk: Uint8Array | string,
  maxLineLength: number = MAX_SCALE_LINE_LENGTH,
): { state: LineBufferState; lines: string[] } {
  const text = typeof chunk === 'string' ? chunk : bytesToAscii(chunk);
  const lines: string[] = [];
  let pending = state.pending;
  let afterCR = state.afterCR;
  let discarded = state.discarded;
  for (const char of text) {
    if (char === '\n' && afterCR) {
      afterCR = false;
      continue;
    }
    afterCR = char === '\r';
    if (char === '\r' || char === '\n') {
      if (pending !== '') lines.push(pending);
      pending = '';
      continue;
    }
    if (pending.length >= maxLineLength) {
      discarded += pending.length;
      pending = '';
    }
    pending += char;
  }
  return { state: { pending, afterCR, discarded }, lines };
}
