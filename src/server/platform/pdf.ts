import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * A small writer for the one-stop shop's paper forms: A5 as Circular 01/2018/TT-VPCP prints them,
 * a font that has every Vietnamese letter (DejaVu Sans), text that wraps and flows onto new pages.
 */
const require = createRequire(import.meta.url);
const fontFile = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
const FONTS = { regular: fontFile('DejaVuSans.ttf'), bold: fontFile('DejaVuSans-Bold.ttf') };

const MM = 72 / 25.4;
const SIZES = {
  A4: [210 * MM, 297 * MM],
  A5: [148 * MM, 210 * MM],
  'A5-landscape': [210 * MM, 148 * MM],
  'A4-landscape': [297 * MM, 210 * MM],
} as const;
const MARGIN = 12 * MM;

type TextOptions = { size?: number; bold?: boolean; align?: 'left' | 'center'; indent?: number };

export type PdfWriter = Awaited<ReturnType<typeof createPdf>>;

/** The Vietnamese-capable fonts, embedded (subset) in `doc`. */
export async function embedFonts(doc: PDFDocument) {
  doc.registerFontkit(fontkit);
  return {
    regular: await doc.embedFont(FONTS.regular, { subset: true }),
    bold: await doc.embedFont(FONTS.bold, { subset: true }),
  };
}

export async function createPdf(size: keyof typeof SIZES, meta: { title: string; author: string }) {
  const doc = await PDFDocument.create();
  const { regular, bold } = await embedFonts(doc);
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setLanguage('vi-VN');
  doc.setProducer('OpenDVC');
  doc.setCreationDate(new Date());
  const [width, height] = SIZES[size];
  let page: PDFPage = doc.addPage([width, height]);
  let y = height - MARGIN;

  const lineHeight = (fontSize: number) => fontSize * 1.35;
  const ensure = (space: number) => {
    if (y - space >= MARGIN) return;
    page = doc.addPage([width, height]);
    y = height - MARGIN;
  };

  /** Breaks text into lines that fit `maxWidth`; words longer than a line are cut. */
  function wrap(text: string, font: PDFFont, fontSize: number, maxWidth: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, fontSize) <= maxWidth) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        let rest = word;
        while (font.widthOfTextAtSize(rest, fontSize) > maxWidth && rest.length > 1) {
          let cut = rest.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), fontSize) > maxWidth) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  function drawLines(
    lines: string[],
    x: number,
    boxWidth: number,
    { size: fontSize = 9, bold: isBold = false, align = 'left' }: TextOptions,
  ) {
    const font = isBold ? bold : regular;
    for (const line of lines) {
      ensure(lineHeight(fontSize));
      const lineWidth = font.widthOfTextAtSize(line, fontSize);
      const left = align === 'center' ? x + (boxWidth - lineWidth) / 2 : x;
      page.drawText(line, { x: left, y: y - fontSize, size: fontSize, font, color: rgb(0, 0, 0) });
      y -= lineHeight(fontSize);
    }
  }

  const contentWidth = width - 2 * MARGIN;

  return {
    /** A paragraph across the page. */
    text(text: string, options: TextOptions = {}) {
      const indent = options.indent ?? 0;
      const fontSize = options.size ?? 9;
      const font = options.bold ? bold : regular;
      drawLines(
        wrap(text, font, fontSize, contentWidth - indent),
        MARGIN + indent,
        contentWidth - indent,
        options,
      );
    },

    space(mm = 2) {
      y -= mm * MM;
    },

    /** Keeps the bottom `mm` of the page free (the signature block goes there), moving on if needed. */
    keepFree(mm: number) {
      ensure(mm * MM);
    },

    /** A PNG at the left margin, `mm` wide and high, with a caption beside it. */
    async image(png: Uint8Array, mm: number, caption: string) {
      const picture = await doc.embedPng(png);
      const side = mm * MM;
      ensure(side);
      page.drawImage(picture, { x: MARGIN, y: y - side, width: side, height: side });
      const top = y;
      const captionX = MARGIN + side + 3 * MM;
      drawLines(wrap(caption, regular, 7, contentWidth - side - 3 * MM), captionX, 0, { size: 7 });
      y = Math.min(y, top - side);
    },

    /** Two blocks side by side (the heading of every form, the signatures). */
    columns(
      left: { text: string; options?: TextOptions }[],
      right: { text: string; options?: TextOptions }[],
    ) {
      const top = y;
      const half = contentWidth / 2 - 2 * MM;
      const draw = (blocks: typeof left, x: number) => {
        y = top;
        for (const block of blocks) {
          const fontSize = block.options?.size ?? 8;
          const font = block.options?.bold ? bold : regular;
          drawLines(wrap(block.text, font, fontSize, half), x, half, {
            align: 'center',
            size: fontSize,
            ...block.options,
          });
        }
        return y;
      };
      const leftEnd = draw(left, MARGIN);
      const rightEnd = draw(right, MARGIN + half + 4 * MM);
      y = Math.min(leftEnd, rightEnd);
    },

    /** A ruled table; column widths are shares of the page width. */
    table(columns: { title: string; share: number }[], rows: string[][]) {
      const fontSize = 7;
      const widths = columns.map((c) => c.share * contentWidth);
      const drawRow = (cells: string[], isHeader: boolean) => {
        const font = isHeader ? bold : regular;
        const wrapped = cells.map((cell, i) => wrap(cell, font, fontSize, (widths[i] ?? 0) - 4));
        const rowHeight = Math.max(...wrapped.map((l) => l.length)) * lineHeight(fontSize) + 4;
        ensure(rowHeight);
        let x = MARGIN;
        wrapped.forEach((lines, i) => {
          const cellWidth = widths[i] ?? 0;
          page.drawRectangle({
            x,
            y: y - rowHeight,
            width: cellWidth,
            height: rowHeight,
            borderColor: rgb(0, 0, 0),
            borderWidth: 0.5,
          });
          lines.forEach((line, n) => {
            page.drawText(line, {
              x: x + 2,
              y: y - 2 - fontSize - n * lineHeight(fontSize),
              size: fontSize,
              font,
            });
          });
          x += cellWidth;
        });
        y -= rowHeight;
      };
      drawRow(
        columns.map((c) => c.title),
        true,
      );
      for (const row of rows) drawRow(row, false);
    },

    save: () => doc.save(),
  };
}
