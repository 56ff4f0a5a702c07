// The TrueType program a page embeds: only the glyphs it draws, each kept under its own id (the page's text is
// glyph ids, CIDToGIDMap /Identity), every other glyph left empty. A document draws about a hundred of the Arabic
// font's 1,347 glyphs: the program is a few KB to compress into each PDF instead of the whole 336 KB font.

/**
 * The tables a PDF's embedded TrueType program may use (ISO 32000-1, 9.9), in the directory's order (by tag); the
 * rest (layout tables, glyph names) stay out.
 */
export const EMBEDDED_TABLES = ['OS/2', 'cmap', 'cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'prep'] as const;

const COMPOSITE = { argsAreWords: 0x0001, scale: 0x0008, moreComponents: 0x0020, xyScale: 0x0040, twoByTwo: 0x0080 };

/** The components a composite glyph is drawn from (a simple glyph has none). */
function componentsOf(glyph: Buffer): number[] {
  if (glyph.length === 0 || glyph.readInt16BE(0) >= 0) {
    return [];
  }
  const components: number[] = [];
  let at = 10;
  for (let more = true; more; ) {
    const flags = glyph.readUInt16BE(at);
    components.push(glyph.readUInt16BE(at + 2));
    at += 4 + (flags & COMPOSITE.argsAreWords ? 4 : 2);
    at += flags & COMPOSITE.scale ? 2 : flags & COMPOSITE.xyScale ? 4 : flags & COMPOSITE.twoByTwo ? 8 : 0;
    more = (flags & COMPOSITE.moreComponents) !== 0;
  }
  return components;
}

/** The sum of a table's big-endian 32-bit words (padded with zeros), as the sfnt directory's checksums are. */
function checksum(data: Buffer): number {
  const padded = data.length % 4 === 0 ? data : Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]);
  const words = new DataView(padded.buffer, padded.byteOffset, padded.length);
  let sum = 0;
  for (let at = 0; at < padded.length; at += 4) {
    sum = (sum + words.getUint32(at)) >>> 0;
  }
  return sum;
}

/** glyf and loca (long offsets) holding `glyphs`, their components and .notdef; every other glyph empty. */
function subsetGlyphs(tables: ReadonlyMap<string, Buffer>, glyphs: Iterable<number>): { glyf: Buffer; loca: Buffer } {
  const [glyf, loca, head, maxp] = ['glyf', 'loca', 'head', 'maxp'].map((tag) => tables.get(tag)!) as [Buffer, Buffer, Buffer, Buffer];
  const count = maxp.readUInt16BE(4);
  const long = head.readInt16BE(50) === 1;
  const offset = (glyph: number) => (long ? loca.readUInt32BE(glyph * 4) : loca.readUInt16BE(glyph * 2) * 2);
  const dataOf = (glyph: number) => glyf.subarray(offset(glyph), offset(glyph + 1));
  const kept = new Set<number>();
  const pending = [0, ...glyphs];
  while (pending.length > 0) {
    const glyph = pending.pop()!;
    if (glyph < count && !kept.has(glyph)) {
      kept.add(glyph);
      pending.push(...componentsOf(dataOf(glyph)));
    }
  }
  const parts: Buffer[] = [];
  const newLoca = Buffer.alloc((count + 1) * 4);
  let length = 0;
  for (let glyph = 0; glyph < count; glyph++) {
    newLoca.writeUInt32BE(length, glyph * 4);
    if (kept.has(glyph)) {
      const data = dataOf(glyph);
      const padded = Buffer.alloc((data.length + 3) & ~3);
      data.copy(padded);
      parts.push(padded);
      length += padded.length;
    }
  }
  newLoca.writeUInt32BE(length, count * 4);
  return { glyf: Buffer.concat(parts), loca: newLoca };
}

/** An sfnt of the font's embedded tables with glyf and loca subset to `glyphs` (head says: long offsets). */
export function subsetProgram(tables: ReadonlyMap<string, Buffer>, glyphs: Iterable<number>): Buffer {
  const { glyf, loca } = subsetGlyphs(tables, glyphs);
  const head = Buffer.from(tables.get('head')!);
  head.writeUInt32BE(0, 8);
  head.writeInt16BE(1, 50);
  const out = new Map(tables);
  out.set('glyf', glyf).set('loca', loca).set('head', head);
  const tags = EMBEDDED_TABLES.filter((tag) => out.has(tag));
  const selector = Math.floor(Math.log2(tags.length));
  const directory = Buffer.alloc(12 + tags.length * 16);
  directory.writeUInt32BE(0x00010000, 0);
  directory.writeUInt16BE(tags.length, 4);
  directory.writeUInt16BE(2 ** selector * 16, 6);
  directory.writeUInt16BE(selector, 8);
  directory.writeUInt16BE(tags.length * 16 - 2 ** selector * 16, 10);
  const bodies: Buffer[] = [];
  let offset = directory.length;
  let tablesSum = 0;
  tags.forEach((tag, index) => {
    const data = out.get(tag)!;
    const at = 12 + index * 16;
    const sum = checksum(data);
    tablesSum = (tablesSum + sum) >>> 0;
    directory.write(tag, at, 'latin1');
    directory.writeUInt32BE(sum, at + 4);
    directory.writeUInt32BE(offset, at + 8);
    directory.writeUInt32BE(data.length, at + 12);
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  const program = Buffer.concat([directory, ...bodies]);
  // head's checkSumAdjustment: what makes the whole font's checksum 0xB1B0AFBA. Every table starts on a word and is
  // padded with zeros, so the whole font's sum is the directory's plus the tables' (not a second pass over the font).
  const headAt = directory.readUInt32BE(12 + tags.indexOf('head') * 16 + 8);
  program.writeUInt32BE((0xb1b0afba - checksum(directory) - tablesSum) >>> 0, headAt + 8);
  return program;
}
