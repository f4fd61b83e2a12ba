// The bench's scale, read in the renderer: a USB HID postal scale through WebHID, a serial scale
// through Web Serial (MT-SICS or continuous output), or the simulated scale of browser mode,
// tests and demos. Every reading goes through the pure capture rule of shared/scale/
// weight-capture.ts, which alone decides when a weight is taken; this module only moves bytes
// and time to it. One service lives for the whole session (the capture state must outlive an
// order, so that the last box of one order cannot fill the first package of the next).

import type { ScaleSettings } from '../../../shared/contract';
import { feedContinuous, createContinuousStream } from '../../../shared/scale/continuous';
import type { ContinuousStreamState } from '../../../shared/scale/continuous';
import { HID_SCALE_USAGE_PAGE, parseHidScaleData } from '../../../shared/scale/hid-scale';
import { createMtSicsStream, feedMtSics, MT_SICS_SEND_IMMEDIATE_REPEAT, mtSicsCommandBytes } from '../../../shared/scale/mt-sics';
import type { MtSicsStreamState } from '../../../shared/scale/mt-sics';
import { isScaleError } from '../../../shared/scale/reading';
import type { ScaleReading, ScaleResult } from '../../../shared/scale/reading';
import { createSimulatedScale } from '../../../shared/scale/simulated';
import type { SimulatedScale } from '../../../shared/scale/simulated';
import { captureStep, createCaptureState, packageClosed, resetForNewPackage, takeOnRequest } from '../../../shared/scale/weight-capture';
import type { CaptureOptions, CaptureState } from '../../../shared/scale/weight-capture';
import type { DeviceApis, HidDeviceLike, HidInputReport, SerialPortLike } from './web-devices';

/**
 * How often the latest reading is fed again. HID scales report only when the weight changes,
 * and a weight standing still must still be seen to last `stableForMs` (weight-capture.ts).
 */
export const SCALE_TICK_MS = 100;

export type ScaleConnection = 'off' | 'disconnected' | 'connecting' | 'connected' | 'unsupported' | 'failed';

export type ScaleSnapshot = {
  mode: ScaleSettings['mode'];
  connection: ScaleConnection;
  /** The latest readable reading, or null before the first. */
  reading: ScaleReading | null;
  /** The latest frame could not be read (code from shared/scale/reading.ts). */
  readError: string | null;
  /** Why connecting failed (the browser's words; shown, not translated). */
  failure: string | null;
  /** The device's name, where the browser gives one. */
  deviceName: string | null;
};

export type ScaleService = {
  snapshot: () => ScaleSnapshot;
  subscribe: (listener: () => void) => () => void;
  /** Settings changed: switches source, keeping the capture state. */
  configure: (settings: ScaleSettings) => void;
  /** The "Connect scale" gesture: the browser's device or port chooser. */
  connect: () => Promise<void>;
  /** The package now ready for its weight (`key` names it), or null when none is. */
  setPackage: (key: string | null) => void;
  /** The packer's deliberate "use this weight" (a box weighing exactly what the last one did). */
  takeNow: () => void;
  simulated: { place: (grams: number) => void; remove: () => void };
  dispose: () => void;
};

export type ScaleServiceOptions = {
  /** A weight the capture rule took for the package `key`. */
  onTake: (grams: number, key: string) => void;
  devices: DeviceApis;
  now?: () => number;
};

const INITIAL: ScaleSnapshot = { mode: 'none', connection: 'off', reading: null, readError: null, failure: null, deviceName: null };

/** Two readings the screen shows the same way. */
function sameReading(a: ScaleReading | null, b: ScaleReading | null): boolean {
  return a === b || (a !== null && b !== null && a.grams === b.grams && a.stable === b.stable && a.status === b.status && a.fault === b.fault);
}

export function createScaleService(options: ScaleServiceOptions): ScaleService {
  const now = options.now ?? (() => Date.now());
  const listeners = new Set<() => void>();
  let snap: ScaleSnapshot = INITIAL;
  let settings: ScaleSettings | null = null;
  let capture: CaptureState = createCaptureState();
  let packageKey: string | null = null;
  let latest: ScaleResult | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let simulated: SimulatedScale | null = null;
  // Closes whatever device or port is open; replaced on each connection.
  let release: (() => Promise<void>) | null = null;
  // A newer connection attempt (or a mode change) makes an older one's late results void.
  let generation = 0;

  function update(patch: Partial<ScaleSnapshot>): void {
    const next = { ...snap, ...patch };
    if (
      next.mode === snap.mode &&
      next.connection === snap.connection &&
      sameReading(next.reading, snap.reading) &&
      next.readError === snap.readError &&
      next.failure === snap.failure &&
      next.deviceName === snap.deviceName
    ) {
      return;
    }
    snap = next;
    for (const listener of listeners) listener();
  }

  function captureOptions(): CaptureOptions {
    return { stableForMs: settings?.stableForMs ?? 500, minGrams: 1 };
  }

  function feed(result: ScaleResult, atMs: number): void {
    latest = result;
    if (isScaleError(result)) update({ readError: result.code });
    else update({ reading: result, readError: null });
    const step = captureStep(capture, result, atMs, captureOptions());
    capture = step.state;
    if (step.take !== undefined && packageKey !== null) options.onTake(step.take, packageKey);
  }

  function tick(): void {
    const atMs = now();
    if (simulated !== null) feed(simulated.read(atMs), atMs);
    else if (latest !== null) feed(latest, atMs);
  }

  function startTicking(): void {
    if (timer === null) timer = setInterval(tick, SCALE_TICK_MS);
  }

  function stopSource(): void {
    generation += 1;
    if (timer !== null) clearInterval(timer);
    timer = null;
    simulated = null;
    latest = null;
    const closing = release;
    release = null;
    if (closing) void closing().catch(() => undefined);
  }

  async function openHid(device: HidDeviceLike, mine: number): Promise<void> {
    if (!device.opened) await device.open();
    if (mine !== generation) {
      await device.close();
      return;
    }
    const onReport = (event: HidInputReport) => {
      const bytes = new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength);
      feed(parseHidScaleData(event.reportId, bytes), now());
    };
    device.addEventListener('inputreport', onReport);
    release = async () => {
      device.removeEventListener('inputreport', onReport);
      await device.close();
    };
    update({ connection: 'connected', failure: null, deviceName: device.productName ?? null });
    startTicking();
  }

  async function openSerial(port: SerialPortLike, mine: number): Promise<void> {
    const current = settings;
    if (current === null) return;
    await port.open({ baudRate: current.baudRate });
    if (mine !== generation) {
      await port.close();
      return;
    }
    const reader = port.readable?.getReader();
    if (!reader) throw new Error('The serial port cannot be read.');
    let stopped = false;
    release = async () => {
      stopped = true;
      await reader.cancel().catch(() => undefined);
      reader.releaseLock();
      await port.close();
    };
    if (current.serialProtocol === 'mt-sics') {
      // SIR: the balance sends every weight, stable or not, at its own rate, so motion is seen
      // as well as the stable value; a balance that lacks SIR answers ES and reads nothing.
      const writer = port.writable?.getWriter();
      if (writer) {
        await writer.write(mtSicsCommandBytes(MT_SICS_SEND_IMMEDIATE_REPEAT));
        writer.releaseLock();
      }
    }
    update({ connection: 'connected', failure: null, deviceName: null });
    startTicking();
    let mt: MtSicsStreamState = createMtSicsStream();
    let continuous: ContinuousStreamState = createContinuousStream(current.serialProtocol === 'toledo' ? 'toledo' : 'ascii');
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done || stopped || mine !== generation) return;
          if (value === undefined) continue;
          let results: ScaleResult[];
          if (current.serialProtocol === 'mt-sics') {
            const fed = feedMtSics(mt, value);
            mt = fed.state;
            results = fed.results;
          } else {
            const fed = feedContinuous(continuous, value);
            continuous = fed.state;
            results = fed.results;
          }
          for (const result of results) feed(result, now());
        }
      } catch (error) {
        if (!stopped && mine === generation) update({ connection: 'failed', failure: String(error) });
      }
    })();
  }

  function startMode(next: ScaleSettings): void {
    stopSource();
    const mine = generation;
    const { hid, serial } = options.devices;
    switch (next.mode) {
      case 'none':
        update({ mode: 'none', connection: 'off', reading: null, readError: null, failure: null, deviceName: null });
        return;
      case 'simulated':
        simulated = createSimulatedScale(1);
        update({ mode: 'simulated', connection: 'connected', reading: null, readError: null, failure: null, deviceName: null });
        startTicking();
        return;
      case 'hid':
        update({ mode: 'hid', connection: hid === null ? 'unsupported' : 'disconnected', reading: null, readError: null, failure: null, deviceName: null });
        // A scale allowed before opens again without asking (no gesture needed for that).
        if (hid !== null) {
          void hid
            .getDevices()
            .then((devices) => (devices[0] && mine === generation ? openHid(devices[0], mine) : undefined))
            .catch(() => undefined);
        }
        return;
      case 'serial':
        update({ mode: 'serial', connection: serial === null ? 'unsupported' : 'disconnected', reading: null, readError: null, failure: null, deviceName: null });
        if (serial !== null) {
          void serial
            .getPorts()
            .then((ports) => (ports[0] && mine === generation ? openSerial(ports[0], mine) : undefined))
            .catch(() => undefined);
        }
        return;
    }
  }

  return {
    snapshot: () => snap,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    configure: (next) => {
      const previous = settings;
      settings = next;
      const sourceChanged =
        previous === null ||
        previous.mode !== next.mode ||
        (next.mode === 'serial' && (previous.baudRate !== next.baudRate || previous.serialProtocol !== next.serialProtocol));
      if (sourceChanged) startMode(next);
    },
    connect: async () => {
      const current = settings;
      if (current === null || (current.mode !== 'hid' && current.mode !== 'serial')) return;
      const { hid, serial } = options.devices;
      stopSource();
      const mine = generation;
      update({ connection: 'connecting', failure: null });
      try {
        if (current.mode === 'hid') {
          if (hid === null) return update({ connection: 'unsupported' });
          const [device] = await hid.requestDevice({ filters: [{ usagePage: HID_SCALE_USAGE_PAGE }] });
          if (device === undefined) return update({ connection: 'disconnected' });
          await openHid(device, mine);
        } else {
          if (serial === null) return update({ connection: 'unsupported' });
          await openSerial(await serial.requestPort(), mine);
        }
      } catch (error) {
        // The packer closed the chooser (NotFoundError) or the device refused to open.
        if (mine === generation) update({ connection: 'failed', failure: error instanceof Error ? error.message : String(error) });
      }
    },
    setPackage: (key) => {
      if (key === packageKey) return;
      packageKey = key;
      capture = key === null ? packageClosed(capture) : resetForNewPackage(capture);
    },
    takeNow: () => {
      const step = takeOnRequest(capture, now(), captureOptions());
      capture = step.state;
      if (step.take !== undefined && packageKey !== null) options.onTake(step.take, packageKey);
    },
    simulated: {
      place: (grams) => simulated?.place(grams, now()),
      remove: () => simulated?.remove(now()),
    },
    dispose: () => {
      stopSource();
      // The next configure (React may mount the provider again) starts the source afresh.
      settings = null;
    },
  };
}
