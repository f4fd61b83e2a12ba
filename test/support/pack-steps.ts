import type { ChannelOutput, PackView } from '../../shared/contract';

type Call = <T>(channel: string, input: unknown) => Promise<T>;

/**
 * Opens the order, scans every unit by its GTIN (or SKU), takes the box and enters what the
 * scale would show (the catalogue weights, the box's tare and the allowance, read as a scale
 * reading): the package is then ready for its service.
 */
export async function packAndWeigh(call: Call, orderId: string, boxId: string): Promise<PackView> {
  const opened = await call<PackView>('pack:open', { orderId });
  for (const line of opened.lines) {
    for (let unit = 0; unit < line.quantity; unit += 1) await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId, code: line.gtin ?? line.sku });
  }
  const boxed = await call<PackView>('pack:setBox', { orderId, boxId });
  return call<PackView>('pack:setWeight', { orderId, weight: `${boxed.expectedWeight?.expectedG ?? 0} g`, source: 'scale' });
}
