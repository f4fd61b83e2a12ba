// The few parts of WebHID and Web Serial the scale reader uses. TypeScript's DOM library does
// not declare either API (both are Chromium-only), so they are typed here, narrowly, and found
// at run time: jsdom, Firefox and Safari have neither, and the screen says so instead of failing.

export type HidInputReport = { reportId: number; data: DataView };

export type HidDeviceLike = {
  opened: boolean;
  productName?: string;
  open(): Promise<void>;
  close(): Promise<void>;
  addEventListener(type: 'inputreport', listener: (event: HidInputReport) => void): void;
  removeEventListener(type: 'inputreport', listener: (event: HidInputReport) => void): void;
};

export type HidLike = {
  requestDevice(options: { filters: Array<{ usagePage?: number }> }): Promise<HidDeviceLike[]>;
  getDevices(): Promise<HidDeviceLike[]>;
};

export type SerialPortLike = {
  open(options: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  readable: ReadableStream<Uint8Array> | null;
  writable: WritableStream<Uint8Array> | null;
};

export type SerialLike = {
  requestPort(): Promise<SerialPortLike>;
  getPorts(): Promise<SerialPortLike[]>;
};

export type DeviceApis = { hid: HidLike | null; serial: SerialLike | null };

/** WebHID and Web Serial as this browser offers them (null where it does not). */
export function browserDeviceApis(): DeviceApis {
  const nav = (typeof navigator === 'undefined' ? {} : navigator) as { hid?: HidLike; serial?: SerialLike };
  return { hid: nav.hid ?? null, serial: nav.serial ?? null };
}
