// A TrueType font as the PDF writer needs it: the tables a PDF embeds (a WOFF 1.0 file's inflated, the layout
// tables a PDF never reads left compressed), and the three things read from them: code point -> glyph (cmap formats
// 4 and 12, looked up in place), each glyph's advance (hmtx), and the vertical metrics (head, hhea). The program a
// page embeds holds only the glyphs it draws (subset.ts). Shaping is not done here: Arabic letters arrive already in
// their presentation forms (arabic.ts), which the font maps like any other character.
import { inflateSync } from 'node:zlib';
import { EMBEDDED_TABLES, subsetProgram } from './subset';

export interface Font {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly bbox: readonly [number, number, number, number];
  /** The glyph of a code point; 0 (.notdef) when the font has none. */
  glyphOf(codePoint: number): number;
  /** A glyph's advance width in font units. */
  advanceOf(glyph: number): number;
  /** The sfnt (TrueType) program to embed: these glyphs (with .notdef and their components), each under its own id. */
  program(glyphs: Iterable<number>): Buffer;
}

const WOFF_SIGNATURE = 0x774f4646;

/** A WOFF 1.0 file's tables (those a PDF embeds), each inflated when it was compressed. */
function woffTables(woff: Buffer): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  for (let index = 0; index < woff.readUInt16BE(12); index++) {
    const at = 44 + index * 20;
    const tag = woff.toString('latin1', at, at + 4);
    if ((EMBEDDED_TABLES as readonly string[]).includes(tag)) {
      const [offset, compressed, original] = [4, 8, 12].map((delta) => woff.readUInt32BE(at + delta)) as [number, number, number];
      const raw = woff.subarray(offset, offset + compressed);
      tables.set(tag, compressed < original ? inflateSync(raw) : raw);
    }
  }
  return tables;
}

function sfntTables(sfnt: Buffer): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  for (let index = 0; index < sfnt.readUInt16BE(4); index++) {
    const at = 12 + index * 16;
    const offset = sfnt.readUInt32BE(at + 8);
    tables.set(sfnt.toString('latin1', at, at + 4), sfnt.subarray(offset, offset + sfnt.readUInt32BE(at + 12)));
  }
  return tables;
}

type Lookup = (codePoint: number) => number;

/** The greatest index whose `startOf` is at most `codePoint`, or -1 (the ranges are sorted). */
function rangeAt(count: number, startOf: (index: number) => number, codePoint: number): number {
  let [low, high, found] = [0, count - 1, -1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (startOf(middle) <= codePoint) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Format 12: sequential groups (start, end, first glyph) over the whole Unicode range. */
function format12(table: Buffer): Lookup {
  const groups = table.readUInt32BE(12);
  return (codePoint) => {
    const group = rangeAt(groups, (index) => table.readUInt32BE(16 + index * 12), codePoint);
    const at = 16 + group * 12;
    return group >= 0 && codePoint <= table.readUInt32BE(at + 4) ? table.readUInt32BE(at + 8) + codePoint - table.readUInt32BE(at) : 0;
  };
}

/** Format 4: BMP segments (end, start, delta, range offset), searched by their ends. */
function format4(table: Buffer): Lookup {
  const segments = table.readUInt16BE(6) / 2;
  const [ends, starts] = [14, 16 + segments * 2];
  const [deltas, ranges] = [starts + segments * 2, starts + segments * 4];
  return (codePoint) => {
    // The first segment whose end is at or past the code point.
    const segment = rangeAt(segments, (index) => (index === 0 ? 0 : table.readUInt16BE(ends + (index - 1) * 2) + 1), codePoint);
    const start = table.readUInt16BE(starts + segment * 2);
    if (segment < 0 || codePoint > 0xfffe || codePoint < start || codePoint > table.readUInt16BE(ends + segment * 2)) {
      return 0;
    }
    const [delta, rangeOffset] = [table.readUInt16BE(deltas + segment * 2), table.readUInt16BE(ranges + segment * 2)];
    if (rangeOffset === 0) {
      return (codePoint + delta) & 0xffff;
    }
    const glyph = table.readUInt16BE(ranges + segment * 2 + rangeOffset + (codePoint - start) * 2);
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  };
}

/** The best Unicode subtable: format 12 (full range) if there is one, else format 4 (the BMP). */
function readCmap(cmap: Buffer): Lookup {
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, index) => cmap.subarray(cmap.readUInt32BE(4 + index * 8 + 4)));
  const table12 = subtables.find((table) => table.readUInt16BE(0) === 12);
  const table4 = subtables.find((table) => table.readUInt16BE(0) === 4);
  if (!table12 && !table4) {
    throw new Error('the font has no Unicode cmap (format 4 or 12)');
  }
  const lookup = table12 ? format12(table12) : format4(table4!);
  const known = new Map<number, number>();
  return (codePoint) => {
    let glyph = known.get(codePoint);
    if (glyph === undefined) {
      glyph = lookup(codePoint);
      known.set(codePoint, glyph);
    }
    return glyph;
  };
}

/** Reads a TrueType font (plain or WOFF 1.0). */
export function readFont(file: Buffer): Font {
  const tables = file.readUInt32BE(0) === WOFF_SIGNATURE ? woffTables(file) : sfntTables(file);
  const table = (tag: string) => {
    const found = tables.get(tag);
    if (!found) {
      throw new Error(`the font has no ${tag} table`);
    }
    return found;
  };
  const head = table('head');
  const hhea = table('hhea');
  const hmtx = table('hmtx');
  const metrics = hhea.readUInt16BE(34);
  const glyphOf = readCmap(table('cmap'));
  return {
    unitsPerEm: head.readUInt16BE(18),
    bbox: [head.readInt16BE(36), head.readInt16BE(38), head.readInt16BE(40), head.readInt16BE(42)],
    ascent: hhea.readInt16BE(4),
    descent: hhea.readInt16BE(6),
    glyphOf,
    // Glyphs past the last long metric share its advance.
    advanceOf: (glyph) => hmtx.readUInt16BE(Math.min(glyph, metrics - 1) * 4),
    program: (glyphs) => subsetProgram(tables, glyphs),
  };
}
