import type { ReactElement } from 'react';
import { DRAWING_FONT_FAMILY, labelShapes } from '../../../../shared/label/drawing';
import type { LabelShape } from '../../../../shared/label/drawing';
import type { LabelModel } from '../../../../shared/label/label-model';

// The label as the station built it, drawn from the same model the ZPL and PDF come from, in
// millimetres: the packer sees what the printer will print (Chinese included, in the screen's
// font) without a file download. The content security policy forbids blob frames, so an SVG
// drawn here stands in for a PDF viewer. The shapes are the ones the desktop app prints on an
// office printer (shared/label/drawing.ts), so screen and paper cannot drift apart.

function shapeElement(shape: LabelShape, key: string): ReactElement {
  switch (shape.kind) {
    case 'bar':
      return <rect key={key} x={shape.x} y={shape.y} width={shape.width} height={shape.height} fill="#000" />;
    case 'frame':
      return <rect key={key} x={shape.x} y={shape.y} width={shape.width} height={shape.height} fill="none" stroke="#000" strokeWidth={shape.stroke} />;
    case 'line':
      return <line key={key} x1={shape.x1} y1={shape.y1} x2={shape.x2} y2={shape.y2} stroke="#000" strokeWidth={shape.stroke} />;
    case 'text':
      return (
        <text key={key} x={shape.x} y={shape.y} fontSize={shape.size} fontWeight={shape.bold ? 700 : 400} textAnchor={shape.anchor} fontFamily={DRAWING_FONT_FAMILY}>
          {shape.text}
        </text>
      );
  }
}

export function LabelPreview({ model, title }: { model: LabelModel; title: string }) {
  return (
    <svg
      className="label-preview"
      data-testid="label-preview"
      role="img"
      aria-label={title}
      viewBox={`0 0 ${model.widthMm} ${model.heightMm}`}
      shapeRendering="crispEdges"
    >
      <rect x={0} y={0} width={model.widthMm} height={model.heightMm} fill="#fff" stroke="#888" strokeWidth={0.3} />
      {labelShapes(model).map((shape, index) => shapeElement(shape, `s${index}`))}
    </svg>
  );
}
