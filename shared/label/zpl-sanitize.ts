// Carrier-supplied ZPL is printed as bought, but some carriers put printer setup in their
// labels. On a shared bench printer that setup outlives the label: one carrier's ^MMC would
// make the printer try to cut every later label, a ^MNN would turn off gap sensing and feed
// labels across the perforation, and a ^JUS would save it all for the next power-on. These
// commands are taken out; every other byte is left exactly as the carrier sent it, because
// the barcodes and their positions are the carrier's and must not move.
//
// Why each command goes (ZPL II Programming Guide, the command's own page):
const SETUP_COMMANDS: Record<string, string> = {
  '^MM': 'print mode (tear-off, peel-off, cutter, rewind): a printer setting that stays until changed',
  '^MN': 'media tracking (gap, black mark, continuous): wrong value feeds across the label gaps',
  '^MT': 'media type (thermal transfer or direct thermal): wrong value burns the head or prints nothing',
  '^MD': 'media darkness, relative to the printer setting: stays in effect for every later label',
  '~SD': 'set darkness, absolute: replaces the darkness the bench set for its labels',
  '^JU': 'configuration update: saves (S) the current setup for power-on, or reloads factory (F, A, N) settings',
  '^JZ': 'reprint after error: stays active until changed or power-off; the bench decides about reprints itself',
  '~JC': 'media sensor calibration: feeds and wastes labels, and runs at once on receipt',
  '~JR': 'power-on reset: restarts the printer and drops anything in its buffer',
  '^KP': 'front panel password: locks the packers out of the printer menu',
  '^PR': 'print, slew and backfeed speed: stays in effect for every later label',
  '^MF': 'media feed at power-up and head close: a printer setting saved with ^JUS',
  '~TA': 'tear-off position adjustment: a printer setting saved with ^JUS',
  '~JS': 'backfeed sequence: a printer setting that changes where every later label starts',
};

// Hazards: the command prefixes are the defaults (^ and ~). A label that changes them with
// ^CC/~CC/^CT/~CT is not parsed further and reported as having setup commands, so that it is
// looked at rather than trusted. Field data cannot hold a literal ^ or ~ (they would start a
// command; carriers escape them with ^FH), so the next prefix always ends a command.
const PREFIX_CHANGE = /[\^~]C[CT]/i;

type Command = { start: number; end: number; name: string };

function commandsOf(zpl: string): Command[] {
  const commands: Command[] = [];
  let start = -1;
  for (let i = 0; i <= zpl.length; i += 1) {
    const ch = zpl[i];
    if (i === zpl.length || ch === '^' || ch === '~') {
      if (start >= 0) commands.push({ start, end: i, name: zpl.slice(start, start + 3).toUpperCase() });
      start = i;
    }
  }
  return commands;
}

/**
 * Removes the printer-setup commands from carrier ZPL. Each removed command takes its
 * parameters with it (everything up to the next ^ or ~); `removed` lists them as they were
 * written, trimmed of trailing line breaks, for the log.
 */
export function sanitizeCarrierZpl(zpl: string): { zpl: string; removed: string[] } {
  if (PREFIX_CHANGE.test(zpl)) return { zpl, removed: [] };
  const removed: string[] = [];
  let kept = '';
  let from = 0;
  for (const command of commandsOf(zpl)) {
    if (!(command.name in SETUP_COMMANDS)) continue;
    kept += zpl.slice(from, command.start);
    removed.push(zpl.slice(command.start, command.end).replace(/[\r\n]+$/, ''));
    from = command.end;
  }
  if (removed.length === 0) return { zpl, removed };
  return { zpl: kept + zpl.slice(from), removed };
}

/** Whether carrier ZPL would change the printer's own setup (or hides its commands behind a prefix change). */
export function hasPrinterSetupCommands(zpl: string): boolean {
  if (PREFIX_CHANGE.test(zpl)) return true;
  return commandsOf(zpl).some((command) => command.name in SETUP_COMMANDS);
}

/** The command names removed and why, for the settings screen and the log. */
export function printerSetupCommandReasons(): Readonly<Record<string, string>> {
  return SETUP_COMMANDS;
}
