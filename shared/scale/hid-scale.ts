// USB HID postal and shipping scales (Dymo M-series, Stamps.com, Fairbanks, Mettler Toledo…)
// send the Scale Data Report of the HID Point of Sale usage tables (usage page 0x8D, "HID Point of
// Sale Usage Tables" 1.02, Scales page; the same usages are in "HID Usage Tables" 1.3+, section
// "Scales Page"). In the report ids that those tables' example descriptor assigns, the data report
// is id 3, five bytes after the id:
//
//   [0] Scale Status  (Named Array 0x70; value n selects usage 0x70 + n)
//         1 Fault · 2 Stable at Center of Zero · 3 In Motion · 4 Weight Stable · 5 Under Zero
//         6 Over Weight Limit · 7 Requires Calibration · 8 Requires Rezeroing
//   [1] Weight Unit   (Named Array 0x50; value n selects usage 0x50 + n)
//         1 mg · 2 g · 3 kg · 4 carat · 5 tael · 6 grain · 7 pennyweight · 8 metric ton
//         9 avoir ton · 10 troy ounce · 11 ounce · 12 pound
//   [2] Data Scaling  (signed 8-bit power of ten applied to the weight)
//   [3..4] Data Weight (16-bit, little-endian)
//
// WebHID hands the report id separately (`HIDInputReportEvent.reportId`) and the five bytes as
// `data`; node-hid and hidraw give all six bytes. Both paths end in the same parser.

import type { ScaleFault, ScaleResult, ScaleUnit } from './reading';
import { classifyReading, scaleByPowerOfTen, scaleError } from './reading';

export const HID_SCALE_USAGE_PAGE = 0x8d;
export const HID_SCALE_DATA_REPORT_ID = 3;

const HID_UNITS: Record<number, { unit: ScaleUnit; rawUnit: string } | undefined> = {
  1: { unit: 'mg', rawUnit: 'mg' },
  2: { unit: 'g', rawUnit: 'g' },
  3: { unit: 'kg', rawUnit: 'kg' },
  4: { unit: 'ct', rawUnit: 'ct' },
  // 5 (tael) is deliberately absent: which tael the scale means is not in the report.
  6: { unit: 'gr', rawUnit: 'gr' },
  7: { unit: 'dwt', rawUnit: 'dwt' },
  8: { unit: 't', rawUnit: 't' },
  9: { unit: 'ton', rawUnit: 'ton' },
  10: { unit: 'ozt', rawUnit: 'ozt' },
  11: { unit: 'oz', rawUnit: 'oz' },
  12: { unit: 'lb', rawUnit: 'lb' },
};

const HID_FAULTS: Record<number, ScaleFault | undefined> = {
  1: 'device-fault',
  7: 'calibration-required',
  8: 'rezero-required',
};

/**
 * A whole input report as read from hidraw or node-hid: the report id, then the five data bytes.
 * Five bytes alone are taken as the data without its id (as some HID stacks deliver them).
 */
export function parseHidScaleReport(bytes: Uint8Array): ScaleResult {
  if (bytes.length === 5) return parseHidScaleData(HID_SCALE_DATA_REPORT_ID, bytes);
  if (bytes.length < 6) {
    return scaleError('SCALE_REPORT_SHORT', `A scale report has 6 bytes; this one has ${bytes.length}.`);
  }
  return parseHidScaleData(bytes[0] ?? 0, bytes.subarray(1));
}

/**
 * The WebHID shape: `reportId` from the event, `data` without the id. A device whose descriptor has
 * no report ids gives reportId 0 and the whole report as data.
 */
export function parseHidScaleData(reportId: number, data: Uint8Array): ScaleResult {
  if (reportId === 0) return parseHidScaleReport(data);
  if (reportId !== HID_SCALE_DATA_REPORT_ID) {
    return scaleError('SCALE_REPORT_NOT_DATA', `Report ${reportId} is not the scale data report (id 3).`);
  }
  if (data.length < 5) {
    return scaleError('SCALE_REPORT_SHORT', `A scale data report has 5 bytes after its id; this one has ${data.length}.`);
  }
  const status = data[0] ?? 0;
  const unitCode = data[1] ?? 0;
  const exponent = ((data[2] ?? 0) << 24) >> 24;
  const raw = (data[3] ?? 0) | ((data[4] ?? 0) << 8);

  if (status < 1 || status > 8) {
    return scaleError('SCALE_STATUS_UNKNOWN', `Scale status ${status} is not in the HID scale status table (1-8).`);
  }
  const unit = HID_UNITS[unitCode];
  if (unit === undefined) {
    return scaleError('SCALE_UNIT_UNKNOWN', `Scale unit ${unitCode} is not a weight unit PackBench reads.`);
  }
  // Under Zero: postal scales send the magnitude and let the status carry the sign; a scale whose
  // descriptor declares the weight signed sends two's complement instead, recognisable because no
  // postal scale reads 32768 units or more below zero.
  const magnitude = status === 5 ? (raw >= 0x8000 ? raw - 0x10000 : -raw) : raw;
  const value = scaleByPowerOfTen(magnitude, exponent);

  return classifyReading({
    value,
    unit: unit.unit,
    rawUnit: unit.rawUnit,
    // Weight Stable and Stable at Center of Zero are the only statuses that promise no motion; the
    // others are exclusive choices of the same named array, so they say nothing about stability.
    stable: status === 2 || status === 4,
    overload: status === 6,
    underZero: status === 5,
    atZero: status === 2,
    ...(HID_FAULTS[status] === undefined ? {} : { fault: HID_FAULTS[status] }),
  });
}
