import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/**
 * A raw-print peer on 127.0.0.1 that misbehaves on cue, like a Zebra on port 9100 that jams,
 * reboots or runs out of labels. Each connection takes the next behaviour from `plan`; once
 * the plan is used up, connections are served as a healthy printer does (`accept`).
 *
 * - `accept`: reads until the sender closes, keeps the job, closes its side.
 * - `close-after`: reads `bytes` bytes and then resets the connection, as a printer that
 *   drops a job part-way (the rest is never read).
 * - `stall`: never reads and never closes, as a printer whose buffer is full.
 * - `status`: answers `~HS` with `reply` and stays connected, as a Zebra does.
 */
export type FaultBehaviour = { kind: 'accept' } | { kind: 'close-after'; bytes: number } | { kind: 'stall' } | { kind: 'status'; reply: string };

export type FaultyPrinter = {
  port: number;
  /** Complete jobs, one per connection that ended cleanly. */
  jobs: string[];
  /** What each faulty connection got before it was cut. */
  partials: string[];
  connections: () => number;
  plan: FaultBehaviour[];
  close: () => Promise<void>;
};

export async function startFaultyPrinter(plan: FaultBehaviour[], port = 0): Promise<FaultyPrinter> {
  const jobs: string[] = [];
  const partials: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const printer = { plan: [...plan] };
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    const behaviour = printer.plan.shift() ?? { kind: 'accept' };
    const chunks: Buffer[] = [];
    switch (behaviour.kind) {
      case 'accept':
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('end', () => {
          jobs.push(Buffer.concat(chunks).toString('utf8'));
          socket.end();
        });
        break;
      case 'close-after': {
        let received = 0;
        socket.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.byteLength;
          if (received >= behaviour.bytes) {
            partials.push(Buffer.concat(chunks).subarray(0, behaviour.bytes).toString('utf8'));
            // A reset, not a close: what the sender sees when a printer drops a job.
            socket.resetAndDestroy();
          }
        });
        break;
      }
      case 'stall':
        socket.pause();
        break;
      case 'status':
        socket.on('data', (chunk: Buffer) => {
          if (chunk.toString('latin1').includes('~HS')) socket.write(behaviour.reply, 'latin1');
        });
        break;
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    jobs,
    partials,
    connections: () => connections,
    get plan() {
      return printer.plan;
    },
    set plan(next) {
      printer.plan = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A ~HS reply as a Zebra sends it: three <STX>…<ETX><CR><LF> strings. */
export function hostStatusReply(flags: { paperOut?: boolean; paused?: boolean; headOpen?: boolean; ribbonOut?: boolean; labelsRemaining?: number } = {}): string {
  const bit = (value: boolean | undefined) => (value ? '1' : '0');
  const one = `030,${bit(flags.paperOut)},${bit(flags.paused)},1218,000,0,0,0,000,0,0,0`;
  const two = `000,0,${bit(flags.headOpen)},${bit(flags.ribbonOut)},0,2,6,0,${String(flags.labelsRemaining ?? 0).padStart(8, '0')},1,000`;
  const three = '1234,0';
  return [one, two, three].map((line) => `\u0002${line}\u0003\r\n`).join('');
}
