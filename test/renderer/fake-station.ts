import type {
  AppErrorShape,
  Box,
  Channel,
  ChannelResult,
  ImportJob,
  Language,
  OrderSummary,
  PackLine,
  PackView,
  PackbenchApi,
  Settings,
} from '../../shared/contract';
import { parseWeight } from '../../shared/domain/weight';

// An in-memory station behind the PackbenchApi, with canned orders, so screen tests run
// without a network or a database. It imitates the station's answers closely enough for
// the screen (codes, data, views); the real rules are tested against the real services.

type Product = { sku: string; gtin: string | null; nameEn: string; nameZh: string; unitWeightG: number };

export const PRODUCTS: Product[] = [
  { sku: 'PB-MUG-001', gtin: '00693210000015', nameEn: 'Ceramic travel mug 350 ml', nameZh: '陶瓷随行杯 350毫升', unitWeightG: 320 },
  { sku: 'PB-SOCK-3P', gtin: '00693210000022', nameEn: 'Merino socks, 3 pairs', nameZh: '美利奴羊毛袜 三双装', unitWeightG: 180 },
  { sku: 'PB-CABLE-C2', gtin: '00693210000039', nameEn: 'USB-C cable 2 m', nameZh: 'USB-C 数据线 2米', unitWeightG: 60 },
];

export type FakeOrder = {
  orderId: string;
  latestShipDate: string | null;
  recipientName: string;
  buyerName: string | null;
  countryCode: string;
  isPrime: boolean;
  shipServiceLevel: string | null;
  flags: OrderSummary['flags'];
  lines: Array<{ sku: string; quantity: number }>;
};

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Three open orders, in deadline order: overdue, due later today, due in two days. */
export function cannedOrders(now: number): FakeOrder[] {
  return [
    {
      orderId: '111-0000001-0000001',
      latestShipDate: new Date(now - (3 * HOUR + 12 * MINUTE)).toISOString(),
      recipientName: 'Emily Johnson',
      buyerName: 'Emily Johnson',
      countryCode: 'US',
      isPrime: true,
      shipServiceLevel: 'Expedited',
      flags: ['lithium'],
      lines: [
        { sku: 'PB-MUG-001', quantity: 2 },
        { sku: 'PB-SOCK-3P', quantity: 1 },
      ],
    },
    {
      orderId: '112-0000002-0000002',
      latestShipDate: new Date(now + 5 * HOUR + 20 * MINUTE).toISOString(),
      recipientName: 'Daniel Brown',
      buyerName: 'Sofia Garcia',
      countryCode: 'GB',
      isPrime: false,
      shipServiceLevel: 'Standard',
      flags: ['high-value', 'dangerous-goods'],
      lines: [{ sku: 'PB-CABLE-C2', quantity: 1 }],
    },
    {
      orderId: '113-0000003-0000003',
      latestShipDate: new Date(now + 50 * HOUR).toISOString(),
      recipientName: 'Lukas Müller',
      buyerName: null,
      countryCode: 'DE',
      isPrime: false,
      shipServiceLevel: 'Standard',
      flags: [],
      lines: [{ sku: 'PB-SOCK-3P', quantity: 1 }],
    },
  ];
}

export const BOXES: Box[] = [
  { id: 'BOX-S', nameEn: 'Box S', nameZh: '纸箱 小号', innerLengthMm: 200, innerWidthMm: 150, innerHeightMm: 100, outerLengthMm: 210, outerWidthMm: 160, outerHeightMm: 110, tareG: 90, maxLoadG: 3000, hotkey: 1 },
  { id: 'BOX-XL', nameEn: 'Box XL', nameZh: '纸箱 特大号', innerLengthMm: 600, innerWidthMm: 400, innerHeightMm: 400, outerLengthMm: 660, outerWidthMm: 415, outerHeightMm: 415, tareG: 650, maxLoadG: 25000, hotkey: 2 },
];

export function cannedSettings(language: Language): Settings {
  return {
    language,
    stationName: 'Bench 1',
    operatorName: 'Li Wei',
    printer: { mode: 'folder', host: '127.0.0.1', port: 9100, folder: '/tmp/labels', timeoutMs: 5000 },
    labelDpi: 203,
    shipFrom: {
      name: 'PackBench Demo Trading Co.',
      lines: ['Bldg 3, 18 Keji Road'],
      city: 'Shenzhen',
      state: 'Guangdong',
      postalCode: '518057',
      countryCode: 'CN',
      phone: null,
    },
  };
}

type PackState = {
  scanned: Map<string, number>;
  boxId: string | null;
  dims: { lengthMm: number; widthMm: number; heightMm: number } | null;
  weightG: number | null;
  serviceId: string | null;
  trackingNumber: string | null;
  print: PackView['print'];
};

export type FakeStationOptions = {
  language?: Language;
  now?: number;
  orders?: FakeOrder[];
  /** The first print attempt fails (printer offline); a retry succeeds. */
  printFailsFirst?: boolean;
  /** How many status polls an import takes before it is done. */
  importPolls?: number;
};

export type FakeStation = {
  api: PackbenchApi;
  calls: Array<{ channel: Channel; input: unknown }>;
  settings: () => Settings;
};

function fail(code: string, message: string, data?: AppErrorShape['data']): { ok: false; error: AppErrorShape } {
  return { ok: false, error: data === undefined ? { code, message } : { code, message, data } };
}

export function createFakeStation(options: FakeStationOptions = {}): FakeStation {
  const now = options.now ?? Date.now();
  const orders = options.orders ?? cannedOrders(now);
  let settings = cannedSettings(options.language ?? 'en');
  const packs = new Map<string, PackState>();
  const calls: FakeStation['calls'] = [];
  let printAttempts = 0;
  const jobs = new Map<string, { job: ImportJob; polls: number }>();

  const summary = (order: FakeOrder): OrderSummary => ({
    orderId: order.orderId,
    status: packs.has(order.orderId) ? 'packing' : 'new',
    purchaseDate: new Date(now - 48 * HOUR).toISOString(),
    latestShipDate: order.latestShipDate,
    shipServiceLevel: order.shipServiceLevel,
    isPrime: order.isPrime,
    recipientName: order.recipientName,
    buyerName: order.buyerName,
    countryCode: order.countryCode,
    lineCount: order.lines.length,
    unitCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
    skus: order.lines.map((line) => line.sku),
    flags: order.flags,
  });

  const view = (order: FakeOrder): PackView => {
    const pack = packs.get(order.orderId);
    if (!pack) throw new Error(`order ${order.orderId} not open`);
    const lines: PackLine[] = order.lines.map((line, index) => {
      const product = PRODUCTS.find((candidate) => candidate.sku === line.sku);
      return {
        orderItemId: `${order.orderId}-${index}`,
        sku: line.sku,
        productName: product?.nameEn ?? line.sku,
        nameEn: product?.nameEn ?? null,
        nameZh: product?.nameZh ?? null,
        gtin: product?.gtin ?? null,
        quantity: line.quantity,
        scanned: pack.scanned.get(line.sku) ?? 0,
        unitWeightG: product?.unitWeightG ?? null,
        lithium: 'none',
        hazmatClass: null,
        valueMinor: null,
        currency: null,
        inCatalog: product !== undefined,
      };
    });
    const measured = pack.dims !== null && pack.weightG !== null;
    const longest = pack.dims ? Math.max(pack.dims.lengthMm, pack.dims.widthMm, pack.dims.heightMm) : 0;
    const findings: PackView['findings'] =
      measured && longest > 635
        ? [
            {
              code: 'CARTON_SIDE_TOO_LONG',
              severity: 'block',
              message: `CARTON_SIDE_TOO_LONG: ${(longest / 10).toFixed(1)} cm is over the limit of 63.5 cm`,
              data: { limit: 635, value: longest, unit: 'mm', subject: null },
            },
          ]
        : [];
    const blocked = findings.length > 0;
    const tooHeavyForPost = (pack.weightG ?? 0) > 2000;
    return {
      order: { ...summary(order), status: pack.trackingNumber ? 'packed' : 'packing', shipTo: { name: order.recipientName, lines: ['1 Main St'], city: 'Springfield', state: null, postalCode: '12345', countryCode: order.countryCode, phone: null } },
      lines,
      package: {
        id: 1,
        status: pack.trackingNumber ? 'labelled' : 'open',
        boxId: pack.boxId,
        lengthMm: pack.dims?.lengthMm ?? null,
        widthMm: pack.dims?.widthMm ?? null,
        heightMm: pack.dims?.heightMm ?? null,
        weightG: pack.weightG,
        serviceId: pack.serviceId,
        trackingNumber: pack.trackingNumber,
      },
      allScanned: lines.every((line) => line.scanned >= line.quantity),
      findings,
      services: [
        {
          serviceId: 'CNPOST-REG-SP',
          carrierName: 'China Post',
          nameEn: 'China Post Registered Small Packet',
          nameZh: '中国邮政挂号小包',
          eligible: measured && !blocked && !tooHeavyForPost,
          findings: tooHeavyForPost
            ? [{ code: 'SERVICE_TOO_HEAVY', severity: 'block', message: 'SERVICE_TOO_HEAVY', data: { limit: 2000, value: pack.weightG, unit: 'g', subject: null } }]
            : [],
          billableWeightG: pack.weightG,
          rangeRemaining: 9999,
        },
        {
          serviceId: 'DHL-EXP-WW',
          carrierName: 'DHL Express',
          nameEn: 'DHL Express Worldwide',
          nameZh: 'DHL 全球快递',
          eligible: measured && !blocked,
          findings: [],
          billableWeightG: pack.weightG,
          rangeRemaining: 500,
        },
      ],
      print: pack.print,
    };
  };

  const find = (orderId: string) => orders.find((order) => order.orderId === orderId.trim().toUpperCase());

  const withOpenOrder = <C extends Channel>(orderId: string, run: (order: FakeOrder, pack: PackState) => ChannelResult<C>): ChannelResult<C> => {
    const order = find(orderId);
    const pack = order ? packs.get(order.orderId) : undefined;
    if (!order || !pack) return fail('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
    return run(order, pack);
  };

  const api: PackbenchApi = {
    'app:info': async () => ({ ok: true, value: { version: '0.1.0', host: 'browser', dbPath: ':memory:', schemaVersion: 1 } }),
    'settings:get': async () => ({ ok: true, value: settings }),
    'settings:update': async (patch) => {
      if (patch.operatorName !== undefined && patch.operatorName.trim() === '') {
        return fail('INPUT_INVALID', 'Invalid input for settings:update at operatorName: Too small', { channel: 'settings:update', path: 'operatorName' });
      }
      settings = {
        ...settings,
        ...(patch.language ? { language: patch.language } : {}),
        ...(patch.operatorName ? { operatorName: patch.operatorName } : {}),
        ...(patch.stationName ? { stationName: patch.stationName } : {}),
        ...(patch.labelDpi ? { labelDpi: patch.labelDpi } : {}),
        printer: { ...settings.printer, ...patch.printer },
        shipFrom: { ...settings.shipFrom, ...patch.shipFrom },
      };
      return { ok: true, value: settings };
    },
    'orders:queue': async ({ search }) => {
      const needle = (search ?? '').trim().toLowerCase();
      const matching = orders.filter(
        (order) =>
          needle === '' ||
          order.orderId.toLowerCase().includes(needle) ||
          (order.buyerName ?? '').toLowerCase().includes(needle) ||
          order.lines.some((line) => line.sku.toLowerCase().includes(needle)),
      );
      return { ok: true, value: matching.map(summary) };
    },
    'orders:find': async ({ code }) => {
      const wanted = code.trim().replace(/\s+/g, '').toUpperCase();
      if (wanted === '') return fail('ORDER_CODE_EMPTY', 'Scan or type an order number.');
      const order = find(wanted);
      return order ? { ok: true, value: { orderId: order.orderId } } : fail('ORDER_NOT_FOUND', `Order ${wanted} is not in this station's database.`, { orderId: wanted });
    },
    'boxes:list': async () => ({ ok: true, value: BOXES }),
    'pack:open': async ({ orderId }) => {
      const order = find(orderId);
      if (!order) return fail('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
      if (!packs.has(order.orderId)) {
        packs.set(order.orderId, { scanned: new Map(), boxId: null, dims: null, weightG: null, serviceId: null, trackingNumber: null, print: null });
      }
      return { ok: true, value: view(order) };
    },
    'pack:scan': async ({ orderId, code }) =>
      withOpenOrder<'pack:scan'>(orderId, (order, pack) => {
        const trimmed = code.trim();
        const reject = (rejectCode: string, message: string, data: Record<string, string | number>) => ({
          ok: true as const,
          value: { outcome: { accepted: false, code: rejectCode, message, data }, view: view(order) },
        });
        if (trimmed === '') return reject('SCAN_EMPTY', 'The scan was empty.', {});
        const product = PRODUCTS.find((candidate) => candidate.gtin === trimmed.padStart(14, '0') || candidate.sku === trimmed.toUpperCase());
        if (!product) return reject('SCAN_UNKNOWN_BARCODE', `${trimmed} is not a known product barcode or SKU.`, { code: trimmed });
        const line = order.lines.find((candidate) => candidate.sku === product.sku);
        if (!line) return reject('SCAN_WRONG_ITEM', `${product.sku} is not in order ${order.orderId}: put it aside.`, { code: trimmed, sku: product.sku });
        const scanned = pack.scanned.get(product.sku) ?? 0;
        if (scanned >= line.quantity) {
          return reject('SCAN_OVER_SCAN', `${product.sku}: all ${line.quantity} ordered units are already scanned; take this one out.`, {
            code: trimmed,
            sku: product.sku,
            ordered: line.quantity,
          });
        }
        pack.scanned.set(product.sku, scanned + 1);
        const data = { sku: product.sku, scanned: scanned + 1, quantity: line.quantity };
        return {
          ok: true,
          value: { outcome: { accepted: true, code: 'SCAN_ACCEPTED', message: `${product.sku}: ${scanned + 1} of ${line.quantity}`, data }, view: view(order) },
        };
      }),
    'pack:setBox': async ({ orderId, boxId, lengthMm, widthMm, heightMm }) =>
      withOpenOrder<'pack:setBox'>(orderId, (order, pack) => {
        if (boxId !== null) {
          const box = BOXES.find((candidate) => candidate.id === boxId);
          if (!box) return fail('BOX_NOT_FOUND', `There is no box preset ${boxId}.`, { boxId });
          pack.boxId = box.id;
          pack.dims = { lengthMm: box.outerLengthMm, widthMm: box.outerWidthMm, heightMm: box.outerHeightMm };
        } else {
          if (lengthMm === undefined || widthMm === undefined || heightMm === undefined) {
            return fail('BOX_DIMS_REQUIRED', 'Type length, width and height of the box, or choose a preset.');
          }
          pack.boxId = null;
          pack.dims = { lengthMm, widthMm, heightMm };
        }
        return { ok: true, value: view(order) };
      }),
    'pack:setWeight': async ({ orderId, weight }) =>
      withOpenOrder<'pack:setWeight'>(orderId, (order, pack) => {
        const parsed = parseWeight(weight);
        if (!parsed.ok) return fail(parsed.code, parsed.message, { input: weight });
        pack.weightG = parsed.grams;
        return { ok: true, value: view(order) };
      }),
    'pack:printLabel': async ({ orderId, serviceId }) =>
      withOpenOrder<'pack:printLabel'>(orderId, (order, pack) => {
        if (pack.dims === null || pack.weightG === null) return fail('PACKAGE_NOT_MEASURED', 'Choose a box and enter the weight before printing.');
        const service = view(order).services.find((candidate) => candidate.serviceId === serviceId);
        if (!service) return fail('SERVICE_NOT_FOUND', `There is no active service ${serviceId}.`, { serviceId });
        pack.serviceId = serviceId;
        pack.trackingNumber = serviceId === 'DHL-EXP-WW' ? '4710000004' : 'RR100000005CN';
        printAttempts += 1;
        const failed = options.printFailsFirst === true && printAttempts === 1;
        pack.print = { jobId: printAttempts, state: failed ? 'failed' : 'printed', target: 'folder /tmp/labels', error: failed ? 'ECONNREFUSED 127.0.0.1:9100' : null, attempts: 1 };
        return { ok: true, value: view(order) };
      }),
    'pack:retryPrint': async ({ orderId }) =>
      withOpenOrder<'pack:retryPrint'>(orderId, (order, pack) => {
        if (pack.trackingNumber === null) return fail('LABEL_NOT_FOUND', `Order ${orderId} has no label to print yet.`, { orderId });
        printAttempts += 1;
        pack.print = { jobId: printAttempts, state: 'printed', target: 'folder /tmp/labels', error: null, attempts: 1 };
        return { ok: true, value: view(order) };
      }),
    'labels:get': async ({ orderId, format }) =>
      withOpenOrder<'labels:get'>(orderId, (order, pack) =>
        pack.trackingNumber === null
          ? fail('LABEL_NOT_FOUND', `Order ${orderId} has no label yet.`, { orderId })
          : { ok: true, value: { fileName: `${order.orderId}.${format}`, mime: format === 'pdf' ? 'application/pdf' : 'application/x-zpl', base64: btoa('^XA^XZ') } },
      ),
    'import:start': async ({ kind, fileName, content }) => {
      const total = content.split('\n').filter((line) => line.trim() !== '').length - 1;
      const job: ImportJob = {
        jobId: `job-${jobs.size + 1}`,
        kind,
        fileName,
        state: 'running',
        processed: 0,
        total: Math.max(total, 0),
        inserted: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        rowErrors: [],
        error: null,
      };
      jobs.set(job.jobId, { job, polls: 0 });
      return { ok: true, value: { ...job } };
    },
    'import:status': async ({ jobId }) => {
      const entry = jobs.get(jobId);
      if (!entry) return fail('IMPORT_JOB_NOT_FOUND', 'That import is not known (the app may have restarted).', { jobId });
      entry.polls += 1;
      const needed = options.importPolls ?? 2;
      const { job } = entry;
      if (entry.polls >= needed) {
        Object.assign(job, {
          state: 'done',
          processed: job.total,
          inserted: Math.max(job.total - 1, 0),
          skipped: 1,
          rowErrors: [{ line: 3, code: 'ROW_BAD_QUANTITY', message: "Line 3: quantity-purchased is 'two', not a whole number. The order was not imported.", column: 'quantity-purchased' }],
        });
      } else {
        job.processed = Math.floor((job.total * entry.polls) / needed);
      }
      return { ok: true, value: { ...job, rowErrors: [...job.rowErrors] } };
    },
  };

  // Every call is recorded, so a test can check what the screen asked for.
  const recorded = Object.fromEntries(
    Object.entries(api).map(([channel, call]) => [
      channel,
      (input: unknown) => {
        calls.push({ channel: channel as Channel, input });
        return (call as (input: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as unknown as PackbenchApi;

  return { api: recorded, calls, settings: () => settings };
}
