// The issued document on one A4 page, Arabic and English side by side: Arabic on the right half, right-aligned and
// read right to left; English on the left half. Below them the QR code of the public verification link and the
// link itself, so a printed copy can be checked by anyone with a phone.
import type { QRCode, QRCodeSegment } from 'qrcode';
import { create as createQr } from 'qrcode/lib/core/qrcode';
import { type Fonts, layoutLine, widthOf } from './line';
import { type PdfPage, PdfPage as Page, type Rgb, writePdf } from './writer';

type Bilingual = { readonly ar: string; readonly en: string };

/** What the page says, already in words: the domain (document-pdf.ts) decides them. */
export interface PdfContent {
  readonly country: Bilingual;
  readonly agency: Bilingual;
  readonly title: Bilingual;
  /** Label and value rows, in order. */
  readonly rows: ReadonlyArray<{ readonly label: Bilingual; readonly value: Bilingual }>;
  /** The status note, a line or two. */
  readonly status: { readonly lines: readonly Bilingual[]; readonly tone: 'valid' | 'warning' };
  readonly verifyUrl: string;
  readonly verifyHint: Bilingual;
  readonly footer: Bilingual;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 42;
const GUTTER = 24;
const HALF = (A4.width - 2 * MARGIN - GUTTER) / 2;
const INK: Rgb = [0.1, 0.1, 0.1];
const MUTED: Rgb = [0.42, 0.42, 0.42];
const GREEN: Rgb = [0.05, 0.36, 0.24];
const RED: Rgb = [0.7, 0.1, 0.1];
const RULE: Rgb = [0.8, 0.8, 0.8];

interface Writer {
  readonly page: PdfPage;
  readonly fonts: Fonts;
}

/**
 * One line in a column: Arabic right-aligned to the right edge, English from the left edge. The size shrinks to
 * fit the column (down to 7 pt), then the text is cut with an ellipsis.
 */
function column(writer: Writer, text: string, side: 'ar' | 'en', at: { readonly y: number; readonly size: number; readonly color?: Rgb; readonly width?: number }): void {
  const width = at.width ?? HALF;
  const direction = side === 'ar' ? 'rtl' : 'ltr';
  let size = at.size;
  let runs = layoutLine(text, direction, writer.fonts);
  while ((widthOf(runs) * size) / 1000 > width && size > 7) {
    size -= 0.5;
  }
  for (let cut = text.length - 1; (widthOf(runs) * size) / 1000 > width && cut > 1; cut--) {
    runs = layoutLine(`${text.slice(0, cut)}...`, direction, writer.fonts);
  }
  const x = side === 'ar' ? A4.width - MARGIN - (widthOf(runs) * size) / 1000 : MARGIN;
  writer.page.text(runs, { x, y: at.y, size, color: at.color ?? INK });
}

function both(writer: Writer, text: Bilingual, at: { readonly y: number; readonly size: number; readonly color?: Rgb }): void {
  column(writer, text.ar, 'ar', at);
  column(writer, text.en, 'en', at);
}

/**
 * The verification link's QR code. Its two segments are given, not searched for: the link's tail of characters in
 * QR's alphanumeric set (the document id, `/DOC-` and 26 upper-case letters and digits) in alphanumeric mode, the
 * rest in byte mode, the segmentation the encoder's own search finds for these links (version 4 at level M). The
 * mask is given too: mask 2 had the lowest penalty (ISO/IEC 18004's score, as the encoder computes it) for 167 of
 * 300 random document links and the lowest mean; a reader takes the mask from the format information, so any mask
 * decodes. Searching both cost a first render about 30 ms of CPU (bench/PERFORMANCE.md, cold load).
 */
export function verificationQr(url: string): QRCode {
  const tail = /[0-9A-Z $%*+\-./:]*$/.exec(url)?.[0] ?? '';
  const head = url.slice(0, url.length - tail.length);
  const segments: QRCodeSegment[] = [
    ...(head ? [{ data: Buffer.from(head), mode: 'byte' as const }] : []),
    ...(tail ? [{ data: tail, mode: 'alphanumeric' as const }] : []),
  ];
  return createQr(segments, { errorCorrectionLevel: 'M', maskPattern: 2 });
}

/** The QR code's dark modules as rectangles, each row's adjacent modules merged; (x, top) is its upper-left corner. */
function drawQr(page: PdfPage, qr: QRCode, x: number, top: number, side: number): void {
  const { size, data } = qr.modules;
  const module = side / size;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!data[row * size + col]) {
        continue;
      }
      let end = col;
      while (end + 1 < size && data[row * size + end + 1]) {
        end++;
      }
      page.rect(x + col * module, top - (row + 1) * module, (end - col + 1) * module, module, [0, 0, 0]);
      col = end;
    }
  }
}

function header(writer: Writer, content: PdfContent): number {
  let y = A4.height - MARGIN - 14;
  both(writer, content.country, { y, size: 12, color: MUTED });
  y -= 22;
  both(writer, content.agency, { y, size: 15, color: GREEN });
  y -= 14;
  writer.page.line([MARGIN, y], [A4.width - MARGIN, y], 1.2, GREEN);
  y -= 34;
  both(writer, content.title, { y, size: 20 });
  return y - 34;
}

function rows(writer: Writer, content: PdfContent, top: number): number {
  let y = top;
  for (const row of content.rows) {
    both(writer, row.label, { y, size: 9, color: MUTED });
    y -= 17;
    both(writer, row.value, { y, size: 13 });
    y -= 10;
    writer.page.line([MARGIN, y], [A4.width - MARGIN, y], 0.5, RULE);
    y -= 18;
  }
  const tone = content.status.tone === 'valid' ? GREEN : RED;
  for (const line of content.status.lines) {
    y -= 6;
    both(writer, line, { y, size: 10, color: tone });
    y -= 10;
  }
  return y - 24;
}

function verification(writer: Writer, content: PdfContent, top: number): void {
  const side = 128;
  const qr = verificationQr(content.verifyUrl);
  // A quiet zone of four modules' white around it is the page's own margin.
  const x = (A4.width - side) / 2;
  drawQr(writer.page, qr, x, top, side);
  let y = top - side - 22;
  both(writer, content.verifyHint, { y, size: 10, color: MUTED });
  y -= 18;
  const link = layoutLine(content.verifyUrl, 'ltr', writer.fonts);
  const size = Math.min(10, (1000 * (A4.width - 2 * MARGIN)) / widthOf(link));
  writer.page.text(link, { x: (A4.width - (widthOf(link) * size) / 1000) / 2, y, size, color: INK });
  y = MARGIN + 10;
  column(writer, content.footer.ar, 'ar', { y: y + 14, size: 8, color: MUTED, width: A4.width - 2 * MARGIN });
  column(writer, content.footer.en, 'en', { y, size: 8, color: MUTED, width: A4.width - 2 * MARGIN });
}

/** The page as PDF bytes. */
export function renderDocumentPdf(content: PdfContent, fonts: Fonts): Buffer {
  const writer = { page: new Page(A4.width, A4.height), fonts };
  const afterRows = rows(writer, content, header(writer, content));
  verification(writer, content, afterRows);
  return writePdf(writer.page, fonts, `${content.title.en} | ${content.title.ar}`);
}
