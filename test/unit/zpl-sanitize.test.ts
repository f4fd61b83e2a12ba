import { describe, expect, it } from 'vitest';
import { hasPrinterSetupCommands, sanitizeCarrierZpl } from '../../shared/label/zpl-sanitize';

// A carrier label as some carriers send it: printer setup mixed into the format.
const CARRIER_LABEL = [
  '^XA',
  '^MMT',
  '^MNY',
  '^PW812^LL1218',
  '~SD25^PR4,4',
  '^FO40,40^A0N,30,30^FDUPS GROUND^FS',
  '^FO40,100^BY3^BCN,120,Y,N,N^FD1Z999AA10123456784^FS',
  '^JUS',
  '^XZ',
  '',
].join('\r\n');

describe('carrier ZPL is cleaned of printer setup', () => {
  it('drops the print mode, media tracking, darkness, speed and the save, and keeps the label itself byte for byte', () => {
    const { zpl, removed } = sanitizeCarrierZpl(CARRIER_LABEL);
    expect(removed).toEqual(['^MMT', '^MNY', '~SD25', '^PR4,4', '^JUS']);
    expect(zpl).toBe(
      ['^XA', '^PW812^LL1218', '^FO40,40^A0N,30,30^FDUPS GROUND^FS', '^FO40,100^BY3^BCN,120,Y,N,N^FD1Z999AA10123456784^FS', '^XZ', ''].join('\r\n'),
    );
    expect(hasPrinterSetupCommands(CARRIER_LABEL)).toBe(true);
    expect(hasPrinterSetupCommands(zpl)).toBe(false);
  });

  it.each([
    ['^MMC', 'cutter mode'],
    ['^MNN', 'continuous media'],
    ['^MTD', 'direct thermal'],
    ['^MD10', 'relative darkness'],
    ['~SD30', 'absolute darkness'],
    ['^JUF', 'factory reset'],
    ['^JZN', 'no reprint after error'],
    ['~JC', 'sensor calibration'],
    ['~JR', 'power-on reset'],
    ['^KP5678', 'front panel password'],
    ['^PR2', 'print speed'],
    ['^MFF,F', 'media feed'],
    ['~TA010', 'tear-off adjust'],
    ['~JSN', 'backfeed sequence'],
    ['^mmt', 'lower-case print mode'],
  ])('%s (%s) is removed', (command) => {
    const label = `^XA${command}^FO10,10^FDx^FS^XZ`;
    expect(sanitizeCarrierZpl(label)).toEqual({ zpl: '^XA^FO10,10^FDx^FS^XZ', removed: [command] });
  });

  it('leaves a label without setup commands untouched, including UTF-8 text, hex escapes and graphics', () => {
    const label = '^XA^CI28^PW812^LL1218^LH0,0^FO20,20^A@N,40,40,E:SIMSUN.TTF^FD深圳市^FS^FO20,80^FH^FDA_5EB^FS^FO0,0^GFA,8,8,1,FF00FF00FF00FF00^FS^PQ1^XZ';
    expect(sanitizeCarrierZpl(label)).toEqual({ zpl: label, removed: [] });
    expect(hasPrinterSetupCommands(label)).toBe(false);
  });

  it('does not mistake a field that merely contains the letters for a command', () => {
    const label = '^XA^FO10,10^FDMMT MNY JUS PR4^FS^XZ';
    expect(sanitizeCarrierZpl(label).removed).toEqual([]);
  });

  it('a label that changes the command prefix is not parsed but flagged, so it is looked at instead of trusted', () => {
    const label = '^XA^CC+^FO10,10^FDx^FS+MMC+XZ';
    expect(sanitizeCarrierZpl(label)).toEqual({ zpl: label, removed: [] });
    expect(hasPrinterSetupCommands(label)).toBe(true);
  });
});
