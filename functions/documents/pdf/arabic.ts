// Arabic joining: each letter takes its isolated, final, initial or medial form from its neighbours (Unicode's
// ArabicShaping joining types), written as the Arabic Presentation Forms-B characters (U+FE70-U+FEFF) that every
// Arabic font maps to its joined glyphs; lam followed by an alef becomes the obligatory lam-alef ligature.
// Input and output are in logical order; the bidi step (line.ts) puts them right to left afterwards.

/** Isolated, final, initial, medial: the forms of U+0621..U+064A as offsets into FE80.., by how many forms each has. */
const FORM_COUNTS: Record<number, 1 | 2 | 4> = {};
const FORM_BASE: Record<number, number> = {};
{
  // 0621 hamza (1); 0622-0625 (2 each); 0626 (4); 0627 (2); 0628 (4); 0629 (2); 062A-062E (4); 062F-0632 (2);
  // 0633-063A (4); 0641-0647 (4); 0648, 0649 (2); 064A (4). U+0649 has no initial or medial presentation form.
  const layout: Array<[from: number, to: number, count: 1 | 2 | 4]> = [
    [0x621, 0x621, 1],
    [0x622, 0x625, 2],
    [0x626, 0x626, 4],
    [0x627, 0x627, 2],
    [0x628, 0x628, 4],
    [0x629, 0x629, 2],
    [0x62a, 0x62e, 4],
    [0x62f, 0x632, 2],
    [0x633, 0x63a, 4],
    [0x641, 0x647, 4],
    [0x648, 0x649, 2],
    [0x64a, 0x64a, 4],
  ];
  let next = 0xfe80;
  for (const [from, to, count] of layout) {
    for (let letter = from; letter <= to; letter++) {
      FORM_COUNTS[letter] = count;
      FORM_BASE[letter] = next;
      next += count;
    }
  }
}

const TATWEEL = 0x640;
const LAM = 0x644;
/** Lam + alef (with madda, hamza above, hamza below, plain): the ligature's isolated form; +1 is its final form. */
const LAM_ALEF: Record<number, number> = { 0x622: 0xfef5, 0x623: 0xfef7, 0x625: 0xfef9, 0x627: 0xfefb };

/** Harakat and other marks: transparent, they neither join nor break a join. */
const isTransparent = (code: number) => (code >= 0x64b && code <= 0x65f) || code === 0x670;
/** Joins to the letter after it (dual-joining letters and the tatweel). */
const joinsForward = (code: number | undefined) => code === TATWEEL || (code !== undefined && FORM_COUNTS[code] === 4);
/** Joins to the letter before it (every letter with a final form, and the tatweel). */
const joinsBackward = (code: number | undefined) => code === TATWEEL || (code !== undefined && (FORM_COUNTS[code] ?? 0) >= 2);

/** The nearest non-transparent code point from `index` in `step` direction. */
function neighbour(codes: readonly number[], index: number, step: 1 | -1): number | undefined {
  for (let at = index + step; at >= 0 && at < codes.length; at += step) {
    if (!isTransparent(codes[at]!)) {
      return codes[at];
    }
  }
  return undefined;
}

function formOf(code: number, joinedBefore: boolean, joinsAfter: boolean): number {
  const count = FORM_COUNTS[code];
  const base = FORM_BASE[code];
  if (count === undefined || base === undefined) {
    return code;
  }
  const final = joinedBefore && count >= 2;
  const initial = joinsAfter && count === 4;
  if (final && initial) {
    return base + 3;
  }
  return initial ? base + 2 : final ? base + 1 : base;
}

/** Arabic letters in their joined forms (logical order kept); other characters unchanged. */
export function shapeArabic(text: string): string {
  const codes = Array.from(text, (char) => char.codePointAt(0)!);
  const out: number[] = [];
  for (let index = 0; index < codes.length; index++) {
    const code = codes[index]!;
    const before = neighbour(codes, index, -1);
    const joinedBefore = joinsForward(before) && joinsBackward(code);
    const after = neighbour(codes, index, 1);
    const ligature = code === LAM && after !== undefined ? LAM_ALEF[after] : undefined;
    if (ligature !== undefined) {
      out.push(ligature + (joinedBefore ? 1 : 0));
      // The alef is part of the ligature; marks between the two stay after it.
      const alefAt = codes.indexOf(after!, index + 1);
      out.push(...codes.slice(index + 1, alefAt));
      index = alefAt;
      continue;
    }
    out.push(formOf(code, joinedBefore, joinsForward(code) && joinsBackward(after)));
  }
  return String.fromCodePoint(...out);
}
