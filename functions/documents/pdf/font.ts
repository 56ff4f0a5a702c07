// A TrueType font as the PDF writer needs it: the font program (a WOFF 1.0 file unpacked to plain sfnt, which is
// what a PDF embeds as FontFile2), and the three things read from its tables: code point -> glyph (cmap formats 4
// and 12), each glyph's advance (hmtx), and the vertical metrics (head, hhea). Shaping is not done here: Arabic
// letters arrive already in their presentation forms (arabic.ts), which the font maps like any other character.
import { inflateSync } from 'node:zlib';

export interface Font {
  /** The sfnt (TrueType) program, embedded whole. */
  readonly program: Buffer;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly bbox: readonly [number, number, number, number];
  /** The glyph of a code point; 0 (.notdef) when the font has none. */
  glyphOf(codePoint: number): number;
  /** A glyph's advance width in font units. */
  advanceOf(glyph: number): number;
}

const WOFF_SIGNATURE = 0x774f4646;

/** WOFF 1.0 -> sfnt: each table inflated when it was compressed, laid out again behind a table directory. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== WOFF_SIGNATURE) {
    return woff;
  }
  const tableCount = woff.readUInt16BE(12);
  const tables = Array.from({ length: tableCount }, (_, index) => {
    const at = 44 + index * 20;
    const [tag, offset, compressed, original, checksum] = [0, 4, 8, 12, 16].map((delta) => woff.readUInt32BE(at + delta)) as [number, number, number, number, number];
    const raw = woff.subarray(offset, offset + compressed);
    return { tag, checksum, data: compressed < original ? inflateSync(raw) : raw };
  });
  const selector = Math.floor(Math.log2(tableCount));
  const header = Buffer.alloc(12 + tableCount * 16);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(tableCount, 4);
  header.writeUInt16BE(2 ** selector * 16, 6);
  header.writeUInt16BE(selector, 8);
  header.writeUInt16BE(tableCount * 16 - 2 ** selector * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, index) => {
    const at = 12 + index * 16;
    header.writeUInt32BE(table.tag, at);
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

function tablesOf(sfnt: Buffer): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  for (let index = 0; index < sfnt.readUInt16BE(4); index++) {
    const at = 12 + index * 16;
    const offset = sfnt.readUInt32BE(at + 8);
    tables.set(sfnt.toString('latin1', at, at + 4), sfnt.subarray(offset, offset + sfnt.readUInt32BE(at + 12)));
  }
  return tables;
}

/** The best Unicode subtable: format 12 (full range) if there is one, else format 4 (the BMP). */
function readCmap(cmap: Buffer): Map<number, number> {
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, index) => cmap.subarray(cmap.readUInt32BE(4 + index * 8 + 4)));
  const format12 = subtables.find((table) => table.readUInt16BE(0) === 12);
  const format4 = subtables.find((table) => table.readUInt16BE(0) === 4);
  const map = new Map<number, number>();
  if (format12) {
    for (let group = 0; group < format12.readUInt32BE(12); group++) {
      const at = 16 + group * 12;
      const [start, end, glyph] = [format12.readUInt32BE(at), format12.readUInt32BE(at + 4), format12.readUInt32BE(at + 8)];
      for (let code = start; code <= end; code++) {
        map.set(code, glyph + code - start);
      }
    }
    return map;
  }
  if (!format4) {
    throw new Error('the font has no Unicode cmap (format 4 or 12)');
  }
  readFormat4(format4, map);
  return map;
}

function readFormat4(table: Buffer, map: Map<number, number>): void {
  const segments = table.readUInt16BE(6) / 2;
  const ends = 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const ranges = deltas + segments * 2;
  for (let segment = 0; segment < segments; segment++) {
    const [end, start, delta, rangeOffset] = [ends, starts, deltas, ranges].map((base) => table.readUInt16BE(base + segment * 2)) as [number, number, number, number];
    for (let code = start; code <= end && code !== 0xffff; code++) {
      const glyph = rangeOffset === 0 ? code + delta : table.readUInt16BE(ranges + segment * 2 + rangeOffset + (code - start) * 2);
      if (glyph !== 0) {
        map.set(code, (rangeOffset === 0 ? glyph : glyph + delta) & 0xffff);
      }
    }
  }
}

/** Reads a TrueType font (plain or WOFF 1.0). */
export function readFont(file: Buffer): Font {
  const program = woffToSfnt(file);
  const tables = tablesOf(program);
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
  const cmap = readCmap(table('cmap'));
  return {
    program,
    unitsPerEm: head.readUInt16BE(18),
    bbox: [head.readInt16BE(36), head.readInt16BE(38), head.readInt16BE(40), head.readInt16BE(42)],
    ascent: hhea.readInt16BE(4),
    descent: hhea.readInt16BE(6),
    glyphOf: (codePoint) => cmap.get(codePoint) ?? 0,
    // Glyphs past the last long metric share its advance.
    advanceOf: (glyph) => hmtx.readUInt16BE(Math.min(glyph, metrics - 1) * 4),
  };
}
