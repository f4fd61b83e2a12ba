// One CSV reader for every import that takes a spreadsheet's file: the product catalogue, the
// carrier catalogue and the carriers' tracking-number ranges.

export type CsvRecord = { line: number; fields: string[] };

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; openedAt: number };

/**
 * RFC 4180, leniently where spreadsheets are sloppy: a quote inside an unquoted field
 * (`12" ruler`) is kept as a character, and spaces before an opening quote are dropped.
 * An unclosed quote is fatal: it swallows every row after it, and importing the rest
 * would silently lose them.
 */
export function readCsv(text: string): CsvRead {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteOpenedAt = 0;

  const endRecord = (): void => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
        }
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
      field += c;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      inQuotes = true;
      quoteOpenedAt = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) return { ok: false, openedAt: quoteOpenedAt };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}

/** The header (trimmed, lower case) and the data rows by column name; blank rows are skipped. */
export function readCsvTable(text: string): { ok: true; header: string[]; rows: { line: number; values: Record<string, string> }[] } | { ok: false; openedAt: number } {
  const read = readCsv(text.replace(/^\uFEFF/, ''));
  if (!read.ok) return read;
  const [first, ...rest] = read.records.filter((record) => !record.fields.every((field) => field.trim() === ''));
  const header = (first?.fields ?? []).map((name) => name.trim().toLowerCase());
  return {
    ok: true,
    header,
    rows: rest.map((record) => ({ line: record.line, values: Object.fromEntries(header.map((name, index) => [name, record.fields[index] ?? ''])) })),
  };
}
