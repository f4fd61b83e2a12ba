import { encodeCode128 } from '../../../../shared/label/code128';

/** Light space each side of the symbol, in modules. ISO/IEC 15417 asks for at least 10. */
export const QUIET_ZONE_MODULES = 10;
/**
 * Printed width of the narrowest bar. Hand-held scanners read 0.33 mm (13 mil) and wider
 * reliably from a sheet lying on the bench; 0.4 mm leaves room for a printer that spreads.
 */
export const MODULE_MM = 0.4;
const BAR_HEIGHT_MM = 15;

export type BarcodeLayout = { totalModules: number; bars: Array<{ x: number; width: number }> };

/** Bars in module units, the first one after the left quiet zone. */
export function layoutCode128(text: string): BarcodeLayout {
  const widths = encodeCode128(text);
  const bars: BarcodeLayout['bars'] = [];
  let x = QUIET_ZONE_MODULES;
  widths.forEach((width, index) => {
    // Widths alternate bar, space, bar, …, starting with a bar.
    if (index % 2 === 0) bars.push({ x, width });
    x += width;
  });
  return { totalModules: x + QUIET_ZONE_MODULES, bars };
}

/**
 * A Code 128 symbol as SVG rectangles. Sized in millimetres, so the printed module is
 * MODULE_MM whatever the screen's zoom; one viewBox unit is one module, so every bar edge
 * falls on a whole unit and crispEdges keeps it sharp.
 */
export function Code128Svg({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { totalModules, bars } = layoutCode128(text);
  const heightModules = BAR_HEIGHT_MM / MODULE_MM;
  return (
    <svg
      className="code128"
      data-testid={testId}
      data-text={text}
      data-modules={totalModules}
      role="img"
      aria-label={label}
      xmlns="http://www.w3.org/2000/svg"
      width={`${totalModules * MODULE_MM}mm`}
      height={`${BAR_HEIGHT_MM}mm`}
      viewBox={`0 0 ${totalModules} ${heightModules}`}
      shapeRendering="crispEdges"
    >
      <rect className="quiet-zone" x={0} y={0} width={totalModules} height={heightModules} fill="#fff" />
      {bars.map((bar) => (
        <rect key={bar.x} x={bar.x} y={0} width={bar.width} height={heightModules} fill="#000" />
      ))}
    </svg>
  );
}
