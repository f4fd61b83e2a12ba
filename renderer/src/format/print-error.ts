import type { MessageKey } from '../i18n/translate';

const PRINT_ERROR_CODES = [
  'PRINTER_REFUSED',
  'PRINTER_TIMEOUT',
  'PRINTER_CLOSED_EARLY',
  'PRINTER_UNREACHABLE',
  'CUPS_FAILED',
  'CUPS_TIMEOUT',
  'CUPS_UNAVAILABLE',
  'WINDOWS_SHARE_UNSUPPORTED',
  'WINDOWS_SHARE_INVALID',
  'OS_PRINT_FAILED',
  'OS_PRINT_UNAVAILABLE',
  'DOCUMENT_PRINTER_OFF',
] as const;

/**
 * The translated sentence for a stored print error. The station keeps the printer's own words
 * after a code ("PRINTER_TIMEOUT: printer at … stopped reading after 200 of 912 bytes"); the
 * packer reads what to do in their language, the detail stays beside it for the supervisor.
 */
export function printErrorKey(error: string): MessageKey {
  const code = /^([A-Z_]+):/.exec(error)?.[1];
  const known = PRINT_ERROR_CODES.find((candidate) => candidate === code);
  return known ? `print.error.${known}` : 'print.error.other';
}
