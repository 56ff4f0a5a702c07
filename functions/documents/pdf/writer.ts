// A one-page PDF 1.7 writer, just what a document needs: text as glyph ids in embedded TrueType fonts (Type0,
// Identity-H, with a ToUnicode map so the text copies and searches), filled rectangles (the QR code, rules) and
// lines. PDF libraries that shape text bring a full OpenType engine (pdf-lib with fontkit: 1.5 MB bundled, over the
// 400 KB Lambda budget); Arabic needs only joining, which presentation forms give (arabic.ts).
import { deflateSync } from 'node:zlib';
import type { Fonts, FontName, GlyphRun } from './line';

export type Rgb = readonly [number, number, number];

const fontNames: readonly FontName[] = ['arabic', 'latin'];
const resourceOf = (font: FontName) => `F${fontNames.indexOf(font) + 1}`;
const number = (value: number) => String(Math.round(value * 100) / 100);
const color = ([r, g, b]: Rgb, operator: 'rg' | 'RG') => `${number(r)} ${number(g)} ${number(b)} ${operator}`;
const hex4 = (value: number) => value.toString(16).padStart(4, '0');

export class PdfPage {
  readonly operations: string[] = [];
  /** Per font: each glyph drawn and the text it stands for. */
  readonly used: Record<FontName, Map<number, string>> = { arabic: new Map(), latin: new Map() };

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** Glyph runs from (x, y), the baseline's left end, left to right. */
  text(runs: readonly GlyphRun[], at: { readonly x: number; readonly y: number; readonly size: number; readonly color?: Rgb }): void {
    let x = at.x;
    this.operations.push(color(at.color ?? [0, 0, 0], 'rg'));
    for (const run of runs) {
      run.glyphs.forEach((glyph, index) => this.used[run.font].set(glyph, run.text[index]!));
      const glyphs = run.glyphs.map(hex4).join('');
      this.operations.push(`BT /${resourceOf(run.font)} ${number(at.size)} Tf 1 0 0 1 ${number(x)} ${number(at.y)} Tm <${glyphs}> Tj ET`);
      x += (run.width * at.size) / 1000;
    }
  }

  rect(x: number, y: number, width: number, height: number, fill: Rgb): void {
    this.operations.push(`${color(fill, 'rg')} ${number(x)} ${number(y)} ${number(width)} ${number(height)} re f`);
  }

  line(from: readonly [number, number], to: readonly [number, number], width: number, stroke: Rgb): void {
    this.operations.push(`${color(stroke, 'RG')} ${number(width)} w ${number(from[0])} ${number(from[1])} m ${number(to[0])} ${number(to[1])} l S`);
  }
}

/** UTF-16BE with a byte-order mark, as a PDF hex string: how a PDF text string carries Arabic. */
const utf16 = (text: string) => Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
const textString = (text: string) => `<FEFF${utf16(text)}>`;

function toUnicode(used: Map<number, string>): Buffer {
  const entries = [...used].sort(([a], [b]) => a - b);
  const blocks: string[] = [];
  for (let start = 0; start < entries.length; start += 100) {
    const block = entries.slice(start, start + 100);
    blocks.push(`${block.length} beginbfchar\n${block.map(([glyph, text]) => `<${hex4(glyph)}> <${utf16(text) || '0020'}>`).join('\n')}\nendbfchar`);
  }
  return Buffer.from(
    [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def',
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      ...blocks,
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n'),
  );
}

/** Widths of the glyphs drawn, in the PDF's thousandths of an em: [gid [w] gid [w] ...]. */
function widths(used: Map<number, string>, advanceOf: (glyph: number) => number, unitsPerEm: number): string {
  return [...used.keys()]
    .sort((a, b) => a - b)
    .map((glyph) => `${glyph} [${Math.round((advanceOf(glyph) * 1000) / unitsPerEm)}]`)
    .join(' ');
}

/** The page with its fonts embedded, as PDF bytes. */
export function writePdf(page: PdfPage, fonts: Fonts, title: string): Buffer {
  const objects: Array<string | { readonly dictionary: string; readonly data: Buffer }> = [];
  const add = (object: (typeof objects)[number]) => objects.push(object);
  const stream = (data: Buffer, extra = '') => {
    const packed = deflateSync(data);
    return { dictionary: `<< /Length ${packed.length} /Filter /FlateDecode${extra} >>`, data: packed };
  };
  // 1 catalog, 2 pages, 3 page, 4 contents, 5 info, then five objects per font.
  add('<< /Type /Catalog /Pages 2 0 R /Lang (ar) >>');
  add('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  const fontRefs = fontNames.map((font, index) => `/${resourceOf(font)} ${6 + index * 5} 0 R`).join(' ');
  add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.width} ${page.height}] /Resources << /Font << ${fontRefs} >> >> /Contents 4 0 R >>`);
  add(stream(Buffer.from(page.operations.join('\n'))));
  add(`<< /Title ${textString(title)} /Producer (Khidma) >>`);
  fontNames.forEach((name, index) => {
    const font = fonts[name];
    const first = 6 + index * 5;
    const baseFont = name === 'arabic' ? 'NotoNaskhArabic-Regular' : 'NotoNaskhArabic-Latin';
    const scale = (value: number) => Math.round((value * 1000) / font.unitsPerEm);
    add(`<< /Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H /DescendantFonts [${first + 1} 0 R] /ToUnicode ${first + 4} 0 R >>`);
    add(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
        `/FontDescriptor ${first + 2} 0 R /W [${widths(page.used[name], font.advanceOf, font.unitsPerEm)}] /CIDToGIDMap /Identity >>`,
    );
    add(
      `<< /Type /FontDescriptor /FontName /${baseFont} /Flags 4 /FontBBox [${font.bbox.map(scale).join(' ')}] /ItalicAngle 0 ` +
        `/Ascent ${scale(font.ascent)} /Descent ${scale(font.descent)} /CapHeight ${scale(font.ascent)} /StemV 80 /FontFile2 ${first + 3} 0 R >>`,
    );
    const program = font.program(page.used[name].keys());
    add(stream(program, ` /Length1 ${program.length}`));
    add(stream(toUnicode(page.used[name])));
  });
  return serialize(objects);
}

function serialize(objects: ReadonlyArray<string | { readonly dictionary: string; readonly data: Buffer }>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  const push = (part: Buffer) => {
    parts.push(part);
    length += part.length;
  };
  objects.forEach((object, index) => {
    offsets.push(length);
    if (typeof object === 'string') {
      push(Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`, 'latin1'));
    } else {
      push(Buffer.from(`${index + 1} 0 obj\n${object.dictionary}\nstream\n`, 'latin1'));
      push(object.data);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
  });
  const xref = length;
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
