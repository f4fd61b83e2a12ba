import { randomUUID } from 'node:crypto';
import { ALL_INCLUDED_DATA, iso, ORDER_ID } from './order-store';
import type { OrderStore, StoredOrder } from './order-store';
import { carrierCodesFor, orderProblem, packageProblems } from './shipment-rules';
import type { AmazonError } from './types';

// searchOrders and getOrder (Orders 2026-01-01) and confirmShipment (Orders v0), after the
// model has passed the request: what is left here are the rules the models state in prose.

export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const TWO_MINUTES = 2 * 60_000;
const DAY = 24 * 3_600_000;

function errors(status: number, list: AmazonError[]): Answer {
  return { status, body: { errors: list } };
}

export function invalidInput(message: string, details?: string): Answer {
  return errors(400, [{ code: 'InvalidInput', message, ...(details === undefined ? {} : { details }) }]);
}

export function notFound(details: string): Answer {
  return errors(404, [{ code: 'NotFound', message: 'The requested resource was not found.', details }]);
}

/** Query parameters that a paginationToken carries over: all but the two the model lets change. */
const PAGE_FREE = new Set(['maxResultsPerPage', 'includedData', 'paginationToken']);

function filterKey(query: URLSearchParams): string {
  return [...query.entries()]
    .filter(([key]) => !PAGE_FREE.has(key))
    .sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

type Window = { field: 'lastUpdated' | 'created'; afterMs: number; beforeMs: number };

type Cursor = { time: number; orderId: string };

type PageToken = { filters: string; window: Window; cursor: Cursor; issuedMs: number };

function list(query: URLSearchParams, name: string): string[] | undefined {
  const value = query.get(name);
  return value === null ? undefined : value.split(',');
}

export type OrdersApiOptions = {
  now: () => number;
  store: OrderStore;
  carrierCodes: () => { perMarketplace: Record<string, readonly string[]>; fallback: readonly string[] };
};

export function createOrdersApi({ now, store, carrierCodes }: OrdersApiOptions) {
  const tokens = new Map<string, PageToken>();

  /** The search window, or the 400 that the model's notes on the date parameters call for. */
  function windowOf(query: URLSearchParams): Window | Answer {
    const createdAfter = query.get('createdAfter');
    const createdBefore = query.get('createdBefore');
    const lastUpdatedAfter = query.get('lastUpdatedAfter');
    const lastUpdatedBefore = query.get('lastUpdatedBefore');
    if ((createdAfter === null) === (lastUpdatedAfter === null)) return invalidInput('Invalid Input', 'Exactly one of createdAfter and lastUpdatedAfter must be provided.');
    if (createdAfter !== null && (lastUpdatedAfter !== null || lastUpdatedBefore !== null)) {
      return invalidInput('Invalid Input', 'createdAfter cannot be combined with lastUpdatedAfter or lastUpdatedBefore.');
    }
    if (lastUpdatedAfter !== null && createdBefore !== null) return invalidInput('Invalid Input', 'lastUpdatedAfter cannot be combined with createdBefore.');
    const field = createdAfter !== null ? 'created' : 'lastUpdated';
    const afterText = (createdAfter ?? lastUpdatedAfter) as string;
    const beforeText = field === 'created' ? createdBefore : lastUpdatedBefore;
    const afterMs = Date.parse(afterText);
    if (afterMs > now()) return invalidInput('Invalid Input', `${field}After must not be in the future.`);
    // Changes made within one millisecond are stamped a millisecond apart, so "now" for the
    // store can run a little ahead of the clock; without a bound, every change is in.
    if (beforeText === null) return { field, afterMs, beforeMs: Math.max(now(), store.latestStamp()) };
    const beforeMs = Date.parse(beforeText);
    if (beforeMs < afterMs) return invalidInput('Invalid Input', `${field}Before must be equal to or after ${field}After.`);
    if (beforeMs > now() - TWO_MINUTES) return invalidInput('Invalid Input', `${field}Before must be at least two minutes before the time of the request.`);
    return { field, afterMs, beforeMs };
  }

  function timeOf(order: StoredOrder, field: Window['field']): number {
    // createdTime never changes, so a created window pages by it; lastUpdatedTime moves, and the
    // window's upper bound (fixed on the first page) keeps a moved order from showing twice.
    return field === 'created' ? order.createdMs : order.lastUpdatedMs;
  }

  function searchOrders(query: URLSearchParams): Answer {
    const maxText = query.get('maxResultsPerPage');
    const pageSize = maxText === null ? 100 : Number(maxText);
    if (pageSize < 1 || pageSize > 100) return invalidInput('Invalid Input', 'maxResultsPerPage must be between 1 and 100.');

    let window: Window;
    let cursor: Cursor | null = null;
    const paginationToken = query.get('paginationToken');
    if (paginationToken !== null) {
      const page = tokens.get(paginationToken);
      if (page === undefined || now() - page.issuedMs > DAY) return invalidInput('Invalid Input', 'The paginationToken is invalid or has expired.');
      if (page.filters !== filterKey(query)) {
        return invalidInput('Invalid Input', 'With a paginationToken, every parameter but maxResultsPerPage and includedData must have the values of the request that produced it.');
      }
      window = page.window;
      cursor = page.cursor;
    } else {
      const checked = windowOf(query);
      if ('status' in checked) return checked;
      window = checked;
    }

    const marketplaces = list(query, 'marketplaceIds');
    const statuses = list(query, 'fulfillmentStatuses');
    const fulfilledBy = list(query, 'fulfilledBy');
    const included = new Set(list(query, 'includedData') ?? []);
    const matches = [...store.orders.values()]
      .filter((order) => {
        const time = timeOf(order, window.field);
        return time >= window.afterMs && time <= window.beforeMs;
      })
      .filter((order) => marketplaces === undefined || marketplaces.includes(order.marketplaceId))
      .filter((order) => statuses === undefined || statuses.includes(store.status(order)))
      .filter((order) => fulfilledBy === undefined || fulfilledBy.includes(order.seed.fulfilledBy ?? 'MERCHANT'))
      .filter((order) => {
        if (cursor === null) return true;
        const time = timeOf(order, window.field);
        return time > cursor.time || (time === cursor.time && order.orderId > cursor.orderId);
      })
      .sort((a, b) => timeOf(a, window.field) - timeOf(b, window.field) || a.orderId.localeCompare(b.orderId));

    const page = matches.slice(0, pageSize);
    const body: Record<string, unknown> = { orders: page.map((order) => store.render(order, included)) };
    const last = page[page.length - 1];
    if (matches.length > pageSize && last !== undefined) {
      const nextToken = Buffer.from(randomUUID()).toString('base64url');
      tokens.set(nextToken, { filters: filterKey(query), window, cursor: { time: timeOf(last, window.field), orderId: last.orderId }, issuedMs: now() });
      body.pagination = { nextToken };
    }
    body[window.field === 'created' ? 'createdBefore' : 'lastUpdatedBefore'] = iso(window.beforeMs);
    return { status: 200, body };
  }

  function getOrder(orderId: string, query: URLSearchParams): Answer {
    if (!ORDER_ID.test(orderId)) return invalidInput('Invalid Input', `orderId must be in 3-7-7 format, got ${JSON.stringify(orderId)}.`);
    const order = store.get(orderId);
    if (order === undefined) return notFound(`Order ${orderId} was not found.`);
    return { status: 200, body: { order: store.render(order, new Set(list(query, 'includedData') ?? [])) } };
  }

  type ConfirmShipmentBody = {
    marketplaceId: string;
    packageDetail: {
      packageReferenceId: string;
      carrierCode: string;
      carrierName?: string;
      shippingMethod?: string;
      trackingNumber: string;
      shipDate: string;
      orderItems: { orderItemId: string; quantity: number }[];
    };
  };

  /** 204, or the 400/404 Amazon gives; re-sending a packageReferenceId edits that package. */
  function confirmShipment(orderId: string, body: ConfirmShipmentBody): Answer {
    if (!ORDER_ID.test(orderId)) return invalidInput('Invalid Input', `orderId must be in 3-7-7 format, got ${JSON.stringify(orderId)}.`);
    const order = store.get(orderId);
    if (order === undefined) return notFound(`Order ${orderId} was not found.`);
    const blocked = orderProblem(order, store);
    if (blocked !== null) return invalidInput(blocked.message);
    if (body.marketplaceId !== order.marketplaceId) return invalidInput(`Order ${orderId} does not belong to marketplace ${body.marketplaceId}.`);
    const detail = body.packageDetail;
    if (!/^\d+$/.test(detail.packageReferenceId) || /^0+$/.test(detail.packageReferenceId)) {
      return invalidInput(`packageReferenceId must be a positive number, got ${JSON.stringify(detail.packageReferenceId)}.`);
    }
    const existing = order.packages.find((pkg) => pkg.via === 'api' && pkg.packageReferenceId === detail.packageReferenceId);
    const { perMarketplace, fallback } = carrierCodes();
    const items = detail.orderItems.map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity }));
    const problems = packageProblems(order, store, { carrierCode: detail.carrierCode, carrierName: detail.carrierName ?? null, items }, carrierCodesFor(order.marketplaceId, perMarketplace, fallback), existing);
    if (problems.length > 0) return errors(400, problems.map((problem) => ({ code: 'InvalidInput', message: problem.message })));
    store.savePackage(
      order,
      {
        orderId,
        packageReferenceId: detail.packageReferenceId,
        packageId: detail.packageReferenceId,
        carrierCode: detail.carrierCode,
        carrierName: detail.carrierName ?? null,
        shippingMethod: detail.shippingMethod ?? null,
        trackingNumber: detail.trackingNumber,
        shipDate: detail.shipDate,
        items,
        via: 'api',
      },
      existing,
    );
    return { status: 204 };
  }

  return { searchOrders, getOrder, confirmShipment, renderFull: (order: StoredOrder) => store.render(order, ALL_INCLUDED_DATA) };
}
