import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { renderLabelPdf } from '../electron/services/label-pdf';
import { sendRawTcp } from '../electron/services/printer';
import { buildShippingLabel } from '../shared/label/label-model';
import type { ShippingLabelInput } from '../shared/label/label-model';
import { renderZpl } from '../shared/label/zpl';
import { emit, percentile, round } from './figures';
import type { GroupResult } from './figures';

// Issue 6's targets: ZPL for one label ≤ 1 ms p95, its PDF ≤ 50 ms p95, and 100 labels sent
// one after another to a loopback raw-TCP printer all received, in order, each exactly once.
// The baseline for the TCP figures is the same bytes written on a bare socket (connect, write,
// close, wait for the peer's close) without the printer module, so the figure shows what the
// module's checks cost and not what loopback TCP costs.

const ZPL_ITERATIONS = 2000;
const ZPL_WARM_UP = 200;
const PDF_ITERATIONS = 100;
const PDF_WARM_UP = 10;
const PDF_CJK_NEW_ITERATIONS = 100;
const TCP_LABELS = 100;
const TCP_TIMEOUT_MS = 5000;

/** A realistic label: Chinese ship-from, a US ship-to with three lines, a lithium mark, package 2 of 3. */
function labelInput(index: number): ShippingLabelInput {
  return {
    shipFrom: { name: '深圳市明亮百货有限公司', lines: ['南山区科技路18号5栋', 'Bldg 5, 18 Keji Rd, Nanshan'], city: 'Shenzhen', state: 'GD', postalCode: '518057', countryCode: 'CN' },
    shipTo: {
      name: 'Jane Q. Doe-Martinez',
      lines: ['1200 Market Street', 'Apartment 4B, Building C', 'c/o Front Desk'],
      city: 'San Francisco',
      state: 'CA',
      postalCode: '94103-1234',
      countryCode: 'US',
      phone: '+1 415 555 0100',
    },
    carrierName: 'China Post',
    serviceName: 'ePacket Registered',
    trackingNumber: `RR${String(100_000_000 + index).slice(1)}CN`,
    orderId: '113-1234567-1234567',
    weightG: 1234,
    createdAt: '2026-11-26T08:00:00.000Z',
    packageIndex: 2,
    packageCount: 3,
    lithiumMark: { unNumbers: ['UN3481'] },
  };
}

/**
 * A label whose Chinese ship-from (name in bold, street in regular) nobody has printed before:
 * the ideographs are drawn at random from the whole CJK Unified block, so nearly every glyph
 * is one the process has not embedded yet. This is the worst case for the PDF's font subset;
 * real addresses share most of their characters.
 */
function newChineseAddressInput(index: number, random: () => number): ShippingLabelInput {
  const han = (n: number): string => Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * (0x9fa5 - 0x4e00)))).join('');
  const base = labelInput(index);
  return {
    ...base,
    shipFrom: { ...base.shipFrom, name: `${han(2)}市${han(4)}有限公司`, lines: [`${han(3)}区${han(3)}路${(index % 300) + 1}号${han(1)}栋`, 'Bldg 5, 18 Keji Rd, Nanshan'] },
  };
}

/** A seeded generator (mulberry32), so every run prints the same "new" addresses. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Listener = { port: number; received: Buffer[]; close: () => Promise<void> };

/** A loopback raw-print peer that keeps each connection's bytes in the order connections closed. */
async function startListener(): Promise<Listener> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      received.push(Buffer.concat(chunks));
      socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The bare protocol: connect, write, close our side, wait for the peer's close. */
function bareWrite(port: number, data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => socket.end(data));
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

export async function benchPrint(): Promise<GroupResult> {
  let sink = 0;

  const model = buildShippingLabel(labelInput(1));
  const zplTimes: number[] = [];
  for (let i = 0; i < ZPL_WARM_UP + ZPL_ITERATIONS; i += 1) {
    const start = performance.now();
    sink += renderZpl(model, { dpi: i % 2 === 0 ? 203 : 300 }).length;
    if (i >= ZPL_WARM_UP) zplTimes.push(performance.now() - start);
  }
  emit({ bench: 'print.zpl_p95', value: round(percentile(zplTimes, 95)), unit: 'ms', target: 1, better: 'lower' });

  const pdfTimes: number[] = [];
  for (let i = 0; i < PDF_WARM_UP + PDF_ITERATIONS; i += 1) {
    const start = performance.now();
    sink += (await renderLabelPdf(model)).byteLength;
    if (i >= PDF_WARM_UP) pdfTimes.push(performance.now() - start);
  }
  emit({ bench: 'print.pdf_p95', value: round(percentile(pdfTimes, 95)), unit: 'ms', target: 50, better: 'lower' });

  // A new Chinese address on every label, against the same label with a Latin-only ship-from
  // (no CJK font at all) measured in the same run. Both after the warm-up above.
  const latinModel = buildShippingLabel({
    ...labelInput(1),
    shipFrom: { name: 'Shenzhen Bright Goods Co.', lines: ['Bldg 5, 18 Keji Rd, Nanshan'], city: 'Shenzhen', state: 'GD', postalCode: '518057', countryCode: 'CN' },
  });
  const latinTimes: number[] = [];
  for (let i = 0; i < PDF_WARM_UP + PDF_ITERATIONS; i += 1) {
    const start = performance.now();
    sink += (await renderLabelPdf(latinModel)).byteLength;
    if (i >= PDF_WARM_UP) latinTimes.push(performance.now() - start);
  }
  const latinP95 = round(percentile(latinTimes, 95));
  const random = seededRandom(20261126);
  const cjkNewTimes: number[] = [];
  let cjkNewBytes = 0;
  for (let i = 0; i < PDF_CJK_NEW_ITERATIONS; i += 1) {
    // Built outside the timing: the label model is not the PDF's cost.
    const newModel = buildShippingLabel(newChineseAddressInput(i + 1, random));
    const start = performance.now();
    const pdf = await renderLabelPdf(newModel);
    cjkNewTimes.push(performance.now() - start);
    cjkNewBytes += pdf.byteLength;
  }
  process.stderr.write(
    `print: PDF with a new Chinese address p50 ${round(percentile(cjkNewTimes, 50))} ms, ${Math.round(cjkNewBytes / PDF_CJK_NEW_ITERATIONS)} bytes on average; ` +
      `Latin-only p50 ${round(percentile(latinTimes, 50))} ms\n`,
  );
  emit({ bench: 'print.pdf_latin_p95', value: latinP95, unit: 'ms', better: 'lower' });
  emit({ bench: 'print.pdf_cjk_new_p95', value: round(percentile(cjkNewTimes, 95)), unit: 'ms', target: 50, better: 'lower', baseline: latinP95 });

  // Each label carries its own tracking number, so order and duplicates can be read back.
  const labels = Array.from({ length: TCP_LABELS }, (_, index) => {
    const input = labelInput(index + 1);
    return { trackingNumber: input.trackingNumber, bytes: Buffer.from(renderZpl(buildShippingLabel(input), { dpi: 203 }), 'utf8') };
  });

  const bare = await startListener();
  const bareTimes: number[] = [];
  try {
    for (const label of labels) {
      const start = performance.now();
      await bareWrite(bare.port, label.bytes);
      bareTimes.push(performance.now() - start);
    }
  } finally {
    await bare.close();
  }
  const bareP95 = round(percentile(bareTimes, 95));

  const printer = await startListener();
  const sendTimes: number[] = [];
  const failures: string[] = [];
  try {
    for (const label of labels) {
      const start = performance.now();
      const outcome = await sendRawTcp('127.0.0.1', printer.port, label.bytes, TCP_TIMEOUT_MS);
      sendTimes.push(performance.now() - start);
      if (!outcome.ok) failures.push(outcome.error);
    }
  } finally {
    await printer.close();
  }

  // A label counts as received only when its bytes arrived complete and unchanged.
  const byBytes = new Map(labels.map((label) => [label.bytes.toString('latin1'), label.trackingNumber]));
  const arrived = printer.received.map((bytes) => byBytes.get(bytes.toString('latin1')) ?? null);
  const complete = arrived.filter((tracking): tracking is string => tracking !== null);
  const distinct = new Set(complete);
  const inOrder = complete.length === labels.length && complete.every((tracking, index) => tracking === labels[index]?.trackingNumber);
  const duplicates = complete.length - distinct.size;
  process.stderr.write(
    `print: ${labels.length} labels of ${labels[0]?.bytes.byteLength ?? 0} bytes; sendRawTcp p50 ${round(percentile(sendTimes, 50))} ms, ` +
      `bare p50 ${round(percentile(bareTimes, 50))} ms; ${failures.length} send failure(s)${failures[0] ? ` (first: ${failures[0]})` : ''}; ` +
      `${arrived.length - complete.length} connection(s) with damaged bytes (digest ${sink})\n`,
  );
  emit({ bench: 'print.tcp_bare_write_p95', value: bareP95, unit: 'ms', better: 'lower' });
  emit({ bench: 'print.tcp_label_p95', value: round(percentile(sendTimes, 95)), unit: 'ms', better: 'lower', baseline: bareP95 });
  emit({ bench: 'print.tcp_100_labels_received', value: distinct.size, unit: 'count', target: TCP_LABELS, better: 'higher' });
  emit({ bench: 'print.tcp_100_labels_in_order', value: inOrder ? 1 : 0, unit: 'bool', target: 1, better: 'higher' });
  emit({ bench: 'print.tcp_100_labels_duplicates', value: duplicates, unit: 'count', target: 0, better: 'lower' });
  return { failed: distinct.size !== labels.length || !inOrder || duplicates > 0 || failures.length > 0 || arrived.length !== complete.length };
}
