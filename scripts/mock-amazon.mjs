#!/usr/bin/env node
// `npm run mock:amazon`: a mock Amazon marketplace on 127.0.0.1 for demos, manual testing and
// benchmarks (test/support/mock-amazon/). It serves Login with Amazon (POST /auth/o2/token),
// Orders 2026-01-01 searchOrders/getOrder, Orders v0 confirmShipment and Feeds 2021-06-30, checks
// every request against Amazon's published models, and throttles with Amazon's documented rates.
//
//   npm run mock:amazon -- [--port 8181] [--orders 20] [--seed 1] [--no-rate-limits]
//
// --port N          listen on N (default 8181; 0 picks a free port)
// --orders N        seed N demo orders with the demo catalogue's SKUs (default 20)
// --seed N          seed of the demo orders and of probabilistic faults (default 1)
// --no-rate-limits  answer every call (the x-amzn-RateLimit-Limit header is still sent)
//
// Point the bench's SP-API endpoint at the printed URL and its LWA endpoint at URL/auth/o2/token,
// with the printed client id, secret and refresh token. The control API (also printed) injects
// faults, changes orders and reports what was accepted: GET /__mock/record. Ctrl-C stops it.
// The TypeScript sources run through tsx, as bin/packbench.mjs does.
import { register } from 'tsx/esm/api';

register();
const { startMockAmazon } = await import('../test/support/mock-amazon/index.ts');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number, got ${process.argv[index + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return value;
}

const port = option('port', 8181);
const orders = option('orders', 20);
const seed = option('seed', 1);

const mock = await startMockAmazon({ port, seed, rateLimiting: !process.argv.includes('--no-rate-limits') });
const orderIds = mock.control.addDemoOrders(orders);
const { clientId, clientSecret, refreshToken } = mock.control.credentials;

console.log(`Mock Amazon marketplace listening on ${mock.url}`);
console.log(`  SP-API endpoint   ${mock.url}`);
console.log(`  LWA token URL     ${mock.lwaUrl}`);
console.log(`  client id         ${clientId}`);
console.log(`  client secret     ${clientSecret}`);
console.log(`  refresh token     ${refreshToken}`);
console.log(`  demo orders       ${orderIds.length}${orderIds.length > 0 ? ` (${orderIds[0]} …)` : ''}`);
console.log('Control API:');
console.log(`  GET    ${mock.url}/__mock/record               what was accepted, rejected and injected`);
console.log(`  POST   ${mock.url}/__mock/record/clear         forget the request log`);
console.log(`  POST   ${mock.url}/__mock/faults               {"kind":"429|500|503|timeout|reset-before|reset-after|slow","operation":"confirmShipment","times":1,"probability":0.1,"delayMs":2000}`);
console.log(`  DELETE ${mock.url}/__mock/faults               clear faults`);
console.log(`  POST   ${mock.url}/__mock/orders               {"demo":10} or {"orders":[…]}`);
console.log(`  GET    ${mock.url}/__mock/orders/ORDER-ID       the order with every dataset`);
console.log(`  POST   ${mock.url}/__mock/orders/ORDER-ID/cancel | /buyer-cancel | /address`);
console.log(`  PUT    ${mock.url}/__mock/rate-limits/OPERATION  {"ratePerSecond":10,"burst":50}`);
console.log(`  POST   ${mock.url}/__mock/feeds/finish         finish every feed still in progress`);
console.log(`  POST   ${mock.url}/__mock/down                 {"forMs":5000} refuse connections for a while`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the mock marketplace`);
  await mock.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
