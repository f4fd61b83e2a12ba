import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCjkFonts, pdfLibFontkitFor } from '../../electron/label/cjk-font';
import type { CjkFace } from '../../electron/label/cjk-font';
import { renderLabelPdf } from '../../electron/services/label-pdf';
import { buildShippingLabel } from '../../shared/label/label-model';
import { hasTool, requireTool } from '../support/tools';

// The machine's CJK font, if it is one whose CFF this writer subsets (Noto Sans CJK): the tests
// compare its subsets with fontkit's, so a TrueType fallback font has nothing to compare.
const fonts = (() => {
  const loaded = loadCjkFonts();
  if (!loaded || !/CJK/.test(loaded.regular.postscriptName)) {
    if (process.env.CI === 'true') throw new Error('no Noto Sans CJK on this machine; CI must have fonts-noto-cjk');
    console.warn('no Noto Sans CJK on this machine; skipping the CFF subset comparisons');
    return null;
  }
  return loaded;
})();

// A seeded spread of ideographs from the whole CJK block, so the glyphs come from many of the
// font's Font DICTs and subroutine sets, not the few a single address touches.
function ideographs(count: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    out += String.fromCodePoint(0x4e00 + (state % (0x9fa5 - 0x4e00)));
  }
  return out;
}

const LINES = [
  '深圳市南山区科技路18号 Bldg 5, (Rm) #1203-A',
  '０１２３ＡＢＣ，。、；：「」！？ abcxyz ABCXYZ 0123456789',
  ...Array.from({ length: 10 }, (_, i) => ideographs(24, 1000 + i)),
];

/** The face as fontkit opens it, untouched: its subsets are fontkit's own encoder's. */
function fontkitOwnFace(face: CjkFace): Parameters<PDFDocument['registerFontkit']>[0] {
  const opened = fontkit.openSync(face.file);
  const font = ('fonts' in opened ? opened.fonts.find((f) => f.postscriptName === face.postscriptName) : opened) as Font;
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset() as ReturnType<Font['createSubset']> & { encodeStream?: unknown };
    subset.encodeStream = () => {
      const stream = {
        on(event: string, listener: (bytes?: Uint8Array) => void) {
          if (event === 'data') listener(subset.encode());
          else if (event === 'end') listener();
          return stream;
        },
      };
      return stream;
    };
    return subset;
  };
  return { create: () => font as unknown as ReturnType<Parameters<PDFDocument['registerFontkit']>[0]['create']> };
}

async function pageOfText(subsetter: 'ours' | 'fontkit'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([700, 900]);
  let y = 870;
  for (const face of fonts ? [fonts.regular, fonts.bold] : []) {
    doc.registerFontkit(subsetter === 'ours' ? pdfLibFontkitFor(face) : fontkitOwnFace(face));
    const font = await doc.embedFont(new Uint8Array(0), { subset: true });
    for (const line of LINES) {
      page.drawText(line, { x: 10, y, size: 22, font });
      y -= 34;
    }
  }
  return doc.save();
}

let workDir = '';
const files = { ours: '', fontkit: '' };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'packbench-cff-'));
  if (!fonts) return;
  for (const which of ['ours', 'fontkit'] as const) {
    files[which] = join(workDir, `${which}.pdf`);
    writeFileSync(files[which], await pageOfText(which));
  }
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.skipIf(!fonts || !requireTool('pdftoppm', 'poppler-utils'))('the CJK font subset written for PDF', () => {
  it('draws every glyph dot for dot as fontkit’s subset does, in poppler', () => {
    const render = (which: 'ours' | 'fontkit'): Buffer => {
      execFileSync('pdftoppm', ['-r', '100', '-gray', '-singlefile', files[which], join(workDir, `${which}-poppler`)]);
      return readFileSync(join(workDir, `${which}-poppler.pgm`));
    };
    const ours = render('ours');
    // Not two blank pages: the text inks a good share of the page.
    expect(ours.filter((v) => v < 128).length).toBeGreaterThan(50_000);
    expect(ours.equals(render('fontkit'))).toBe(true);
  });

  it.skipIf(!hasTool('gs'))('and in Ghostscript, a second reader of CIDFontType0C', () => {
    const render = (which: 'ours' | 'fontkit'): Buffer => {
      const out = join(workDir, `${which}-gs.pgm`);
      execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pgmraw', '-r100', `-o${out}`, files[which]]);
      return readFileSync(out);
    };
    expect(render('ours').equals(render('fontkit'))).toBe(true);
  });

  it('is embedded as a CID-keyed CFF, its text extractable, at a fraction of fontkit’s size', () => {
    const fontList = execFileSync('pdffonts', [files.ours], { encoding: 'utf8' });
    for (const face of [fonts?.regular, fonts?.bold]) expect(fontList).toMatch(new RegExp(`${face?.postscriptName}\\S*\\s+CID Type 0C\\s+Identity-H\\s+yes`));
    const text = execFileSync('pdftotext', [files.ours, '-'], { encoding: 'utf8' });
    for (const line of LINES) expect(text).toContain(line);
    expect(readFileSync(files.ours).length).toBeLessThan(readFileSync(files.fontkit).length);
  });

  it('keeps a shipping label with a Chinese ship-from small', async () => {
    const label = buildShippingLabel({
      shipFrom: { name: '深圳市光明贸易有限公司', lines: ['深圳市南山区科技路18号'], city: '深圳市', state: '广东省', postalCode: '518057', countryCode: 'CN' },
      shipTo: { name: 'Jane Q. Doe', lines: ['1200 Market Street'], city: 'San Francisco', state: 'CA', postalCode: '94103-1234', countryCode: 'US' },
      carrierName: 'China Post',
      serviceName: 'ePacket registered',
      trackingNumber: 'RR000000015CN',
      orderId: '113-1234567-1234567',
      weightG: 1234,
      createdAt: '2025-03-04T05:06:07.000Z',
    });
    // fontkit's subsets made this about 115 kB (two faces, ~100 kB of subroutine slots each).
    expect((await renderLabelPdf(label, { cjkFonts: fonts })).byteLength).toBeLessThan(30_000);
  });
});
