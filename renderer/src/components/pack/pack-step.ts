import type { PackView } from '../../../../shared/contract';
import type { MessageKey, Params } from '../../i18n/translate';

// Where the packer is and what to do next, derived from the station's view alone, so the
// big instruction reads the same after a reload as before it.

/** Blocked (cancelled), scanning units, answering a serial prompt, measuring a closed package, or labelled. */
export type PackStep = 'cancelled' | 'scan' | 'serial' | 'measure' | 'label';

export function packStep(view: PackView, cancelled = false): PackStep {
  if (cancelled || view.order.status === 'cancelled') return 'cancelled';
  if (view.package.trackingNumber !== null) return 'label';
  if (view.packageClosed) return 'measure';
  if (view.session.awaiting !== null) return 'serial';
  return 'scan';
}

/** Units dealt with (scanned into a package or shipped short) and units ordered. */
export function unitProgress(view: PackView): { handled: number; total: number } {
  let handled = 0;
  let total = 0;
  for (const line of view.lines) {
    handled += Math.min(line.quantity, line.scanned + line.short);
    total += line.quantity;
  }
  return { handled, total };
}

export type Instruction = { key: MessageKey; params?: Params; tone: 'do' | 'stop' | 'done' };

export function instructionFor(view: PackView, step: PackStep, options: { alertShown: boolean; serviceChosen: boolean }): Instruction {
  if (step === 'cancelled') return { key: 'pack.instruction.cancelled', tone: 'stop' };
  if (options.alertShown) return { key: 'pack.instruction.alert', tone: 'stop' };
  switch (step) {
    case 'serial':
      return { key: 'pack.instruction.serial', params: { sku: view.session.awaiting?.sku ?? '' }, tone: 'do' };
    case 'scan': {
      const { handled, total } = unitProgress(view);
      if (handled >= total) return { key: 'pack.instruction.allScanned', tone: 'done' };
      return { key: 'pack.instruction.scan', params: { n: handled + 1, total }, tone: 'do' };
    }
    case 'measure':
      if (view.package.lengthMm === null) return { key: 'pack.instruction.box', tone: 'do' };
      if (view.package.weightG === null) return { key: 'pack.instruction.weigh', tone: 'do' };
      if (view.expectedWeight !== null && !view.expectedWeight.ok && view.weightOverride === null) return { key: 'pack.instruction.checkContents', tone: 'stop' };
      return options.serviceChosen ? { key: 'pack.instruction.print', tone: 'do' } : { key: 'pack.instruction.service', tone: 'do' };
    case 'label':
      if (view.print?.state === 'failed') return { key: 'pack.instruction.printFailed', tone: 'stop' };
      if (view.print?.state === 'pending') return { key: 'pack.instruction.printing', tone: 'do' };
      return view.allScanned ? { key: 'pack.instruction.done', tone: 'done' } : { key: 'pack.instruction.printing', tone: 'do' };
  }
}

/** The package being packed now, as listed in view.packages. */
export function currentPackage(view: PackView): PackView['packages'][number] | null {
  return view.packages.find((pkg) => pkg.id === view.package.id) ?? view.packages.at(-1) ?? null;
}
