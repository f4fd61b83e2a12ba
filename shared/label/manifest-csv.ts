import type { ManifestInput } from './documents';

// The manifest as the carrier's systems import it: one row per package, RFC 4180 (CRLF line
// ends, a field with a comma, quote or line break quoted and its quotes doubled). Weights are
// whole grams, so no locale's decimal comma can garble them.

export const MANIFEST_CSV_HEADER = ['carrier_id', 'service', 'day', 'order_id', 'package_seq', 'tracking_number', 'weight_g'] as const;

export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(values: ReadonlyArray<string | number | null>): string {
  return values.map(csvField).join(',');
}

export function manifestCsv(input: Pick<ManifestInput, 'carrierId' | 'day' | 'packages'>): string {
  const rows = [csvRow(MANIFEST_CSV_HEADER)];
  for (const pkg of input.packages) {
    rows.push(csvRow([input.carrierId, pkg.serviceName, input.day, pkg.orderId, pkg.packageSeq, pkg.trackingNumber, pkg.weightG]));
  }
  return `${rows.join('\r\n')}\r\n`;
}
