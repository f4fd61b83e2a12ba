// Mettler Toledo balances and weigh modules speak MT-SICS (Standard Interface Command Set) over
// RS-232 or a USB virtual COM port: ASCII commands and responses, each closed by CR LF. What is
// read here, from the MT-SICS reference manuals (level 0, "S – Send stable weight value" and
// "SI – Send weight value immediately"; "Response formats" and "Error messages"):
//
//   S S      100.00 g     stable weight (answer to S, or to SI/SIR when the balance is stable)
//   S D      129.07 g     dynamic (unstable) weight, only from SI/SIR
//   S I                   command not executable now: busy (taring…) or stability not reached in time
//   S +                   balance in overload range
//   S -                   balance in underload range (e.g. weighing pan not in place)
//   ES / ET / EL          syntax error / transmission error (parity, break) / logical error
//
// The weight field is right-aligned in a fixed width and the unit follows it; both are split on
// white space here, so the field widths of different models do not matter. The weight is the net
// weight, as the balance displays it. The SU family (weight in the displayed unit) answers with
// the id "SU" and the same fields, and is read too.

import { createLineBuffer, feedLines } from './line-buffer';
import type { LineBufferState } from './line-buffer';
import type { ScaleResult } from './reading';
import { asciiToBytes, classifyReading, scaleError, scaleUnitOf, weightlessReading } from './reading';

/** Send the current stable weight; the balance answers when it is stable, or `S I` on time-out. */
export const MT_SICS_SEND_STABLE = 'S\r\n';
/** Send the current weight at once, stable (`S S`) or not (`S D`). */
export const MT_SICS_SEND_IMMEDIATE = 'SI\r\n';
/** Send the current weight at once and repeat it at the balance's update rate, until `@` or `SI`. */
export const MT_SICS_SEND_IMMEDIATE_REPEAT = 'SIR\r\n';

export function mtSicsCommandBytes(command: string): Uint8Array {
  return asciiToBytes(command);
}

const WEIGHT_RESPONSE_IDS = new Set(['S', 'SU']);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** One response line (without its CR LF) as a reading, or why it is not one. */
export function parseMtSicsLine(line: string): ScaleResult {
  const fields = line.trim().split(/\s+/);
  const [id = '', status = '', value, unitText] = fields;
  if (id === 'ES') return scaleError('SCALE_COMMAND_REJECTED', 'The balance did not recognise the command (ES).');
  if (id === 'ET') return scaleError('SCALE_TRANSMISSION_ERROR', 'The balance received a garbled command (ET).');
  if (id === 'EL') return scaleError('SCALE_COMMAND_REJECTED', 'The balance cannot carry out the command (EL).');
  if (!WEIGHT_RESPONSE_IDS.has(id)) {
    return scaleError('SCALE_NOT_A_WEIGHT', `"${line.trim()}" is not a weight response.`);
  }
  switch (status) {
    case 'I':
      return scaleError('SCALE_BUSY', 'The balance is busy or did not become stable in time (S I).');
    case 'L':
      return scaleError('SCALE_COMMAND_REJECTED', 'The balance refused the command parameters (S L).');
    case '+':
      return weightlessReading('overload', '');
    case '-':
      return weightlessReading('underload', '');
    case 'S':
    case 'D':
      break;
    default:
      return scaleError('SCALE_LINE_UNREADABLE', `"${line.trim()}" has an unknown status "${status}".`);
  }
  if (value !== undefined && /^error$/i.test(value)) {
    // Weigh modules put an error code ("Error 1b"…) in the weight field when the electronics fail.
    return weightlessReading('error', '', 'weight-response-error');
  }
  if (value === undefined || !NUMBER.test(value)) {
    return scaleError('SCALE_LINE_UNREADABLE', `"${line.trim()}" carries no readable weight.`);
  }
  if (fields.length > 4) {
    return scaleError('SCALE_LINE_UNREADABLE', `"${line.trim()}" has more fields than a weight response.`);
  }
  const rawUnit = unitText ?? '';
  const unit = scaleUnitOf(rawUnit);
  if (unit === undefined) {
    return scaleError('SCALE_UNIT_UNKNOWN', `"${rawUnit}" is not a weight unit PackBench reads.`);
  }
  return classifyReading({ value: Number(value), unit, rawUnit, stable: status === 'S' });
}

export type MtSicsStreamState = LineBufferState;

export function createMtSicsStream(): MtSicsStreamState {
  return createLineBuffer();
}

/** Chunks from the serial port in, one result per complete response line out. */
export function feedMtSics(
  state: MtSicsStreamState,
  chunk: Uint8Array | string,
): { state: MtSicsStreamState; results: ScaleResult[] } {
  const fed = feedLines(state, chunk);
  return { state: fed.state, results: fed.lines.map(parseMtSicsLine) };
}
