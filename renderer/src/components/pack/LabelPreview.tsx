import type { ReactElement } from 'react';
import { encodeCode128 } from '../../../../shared/label/code128';
import { barcodeHumanReadable, textElementLines, textLinePitchMm } from '../../../../shared/label/label-model';
import type { LabelModel, LabelTextElement } from '../../../../shared/label/label-model';

// The label as the station built it, drawn from the same model the ZPL and PDF come from, in
// millimetres: the packer sees what the printer will print (Chinese included, in the screen's
// font) without a file download. The content security policy forbids blob frames, so an SVG
// drawn here stands in for a PDF viewer.

function textLines(el: LabelTextElement, key: string): ReactElement[] {
  const pitch = textLinePitchMm(el);
  // The model's y is the top of the capitals; SVG places text by its baseline.
  return textElementLines(el).map((line, index) => (
    <text
      key={`${key}-${index}`}
      x={el.align === 'center' ? el.xMm + el.widthMm / 2 : el.xMm}
      y={el.yMm + el.heightMm + index * pitch}
      fontSize={el.heightMm / 0.72}
      fontWeight={el.bold ? 700 : 400}
      textAnchor={el.align === 'center' ? 'middle' : 'start'}
      fontFamily="'Noto Sans CJK SC', 'Noto Sans', Arial, sans-serif"
    >
      {line}
    </text>
  ));
}

export function LabelPreview({ model, title }: { model: LabelModel; title: string }) {
  const shapes: ReactElement[] = [];
  model.elements.forEach((el, index) => {
    const key = `e${index}`;
    switch (el.kind) {
      case 'text':
        shapes.push(...textLines(el, key));
        break;
      case 'line':
        shapes.push(<line key={key} x1={el.x1Mm} y1={el.y1Mm} x2={el.x2Mm} y2={el.y2Mm} stroke="#000" strokeWidth={el.thicknessMm} />);
        break;
      case 'box': {
        const half = el.thicknessMm / 2;
        shapes.push(
          <rect key={key} x={el.xMm + half} y={el.yMm + half} width={el.widthMm - el.thicknessMm} height={el.heightMm - el.thicknessMm} fill="none" stroke="#000" strokeWidth={el.thicknessMm} />,
        );
        break;
      }
      case 'barcode128': {
        let x = el.xMm;
        encodeCode128(el.data).forEach((modules, bar) => {
          const width = modules * el.moduleMm;
          if (bar % 2 === 0) shapes.push(<rect key={`${key}-${bar}`} x={x} y={el.yMm} width={width} height={el.heightMm} fill="#000" />);
          x += width;
        });
        const readable = barcodeHumanReadable(el);
        if (readable) shapes.push(...textLines(readable, `${key}-hr`));
        break;
      }
    }
  });
  return (
    <svg
      className="label-preview"
      data-testid="label-preview"
      role="img"
      aria-label={title}
      viewBox={`0 0 ${model.widthMm} ${model.heightMm}`}
    >
      <rect x={0} y={0} width={model.widthMm} height={model.heightMm} fill="#fff" stroke="#888" strokeWidth={0.3} />
      {shapes}
    </svg>
  );
}
