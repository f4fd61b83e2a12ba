import type { PackView } from '../../../shared/contract';

/**
 * Nothing is left to do at the bench for this order: every unit is in a package (or shipped
 * short) and the package on screen has its label. A scan then means the next order, not a
 * unit of this one, and a sign-out has no order in progress to come back to.
 */
export function orderFinished(view: PackView): boolean {
  return view.allScanned && view.package.trackingNumber !== null;
}
