import type { PackView } from '../../../shared/contract';

/**
 * The service the print button will use: the packer's pick while the station still lets the
 * service carry the parcel, else the bench's proposal. Null when neither is eligible.
 */
export function chosenServiceId(view: PackView | null, picked: string | null): string | null {
  if (view === null) return null;
  const eligible = (id: string | null) => id !== null && view.services.some((service) => service.serviceId === id && service.eligible);
  if (eligible(picked)) return picked;
  const proposed = view.proposal?.serviceId ?? null;
  return eligible(proposed) ? proposed : null;
}

/** The package waits for a pre-printed label: closed, measured, no number yet, and the chosen service uses them. */
export function awaitingPreprintedLabel(view: PackView | null, picked: string | null): boolean {
  if (view === null || !view.packageClosed || view.package.trackingNumber !== null || view.package.weightG === null) return false;
  const id = chosenServiceId(view, picked);
  return view.services.some((service) => service.serviceId === id && service.trackingSource === 'pre-printed');
}
