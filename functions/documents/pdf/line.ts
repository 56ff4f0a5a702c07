// One line of text, Arabic, English or both, as glyphs in visual (left-to-right drawing) order: Arabic letters
// joined (arabic.ts), then the Unicode Bidirectional Algorithm (bidi-js) orders the runs, so an Arabic line reads
// right to left while the numbers, dates and Latin words inside it stay left to right; brackets are mirrored.
// bidi-js is patched at install (patches/bidi-js+1.1.0.patch, patch-package): it kept its character types as a Map
// of each of 17,639 code points, built on first use (about 20 ms of a cold render's CPU); it keeps the 699 ranges
// and searches them, the same type for every code point.
import bidiFactory from 'bidi-js';
import { shapeArabic } from './arabic';
import type { Font } from './font';

export type FontName = 'arabic' | 'latin';
export type Fonts = Readonly<Record<FontName, Font>>;

/** Consecutive glyphs of one font, left to right. */
export interface GlyphRun {
  readonly font: FontName;
  readonly glyphs: readonly number[];
  /** What each glyph stands for (the ToUnicode map, so text can be copied and searched). */
  readonly text: readonly string[];
  /** Width in font units (the fonts share 1000 units per em). */
  readonly width: number;
}

const bidi = bidiFactory();

/** Direction marks and isolates steer the algorithm and are not drawn. */
const isBidiControl = (code: number) => code === 0x200e || code === 0x200f || (code >= 0x2066 && code <= 0x2069);
const isArabic = (code: number) => (code >= 0x600 && code <= 0x6ff) || (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff);

/** The characters of a line in the order they are drawn, left to right. */
export function visualOrder(text: string, direction: 'rtl' | 'ltr'): string[] {
  const levels = bidi.getEmbeddingLevels(text, direction);
  // bidi-js counts UTF-16 code units; every Arabic and Latin character here is one.
  const chars = text.split('');
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels);
  mirrored.forEach((char, index) => {
    chars[index] = char;
  });
  for (const [start = 0, end = -1] of bidi.getReorderSegments(text, levels)) {
    const reversed = clusters(chars.slice(start, end + 1)).reverse().flat();
    chars.splice(start, reversed.length, ...reversed);
  }
  return chars;
}

/** Harakat and other combining marks: drawn after their letter, which they sit on (zero advance). */
const isMark = (char: string) => /[\u064B-\u065F\u0670]/.test(char);

/** Letters with the marks that follow them: a reversal moves each whole, so marks stay on their letter. */
function clusters(chars: readonly string[]): string[][] {
  const grouped: string[][] = [];
  for (const char of chars) {
    const last = grouped.at(-1);
    if (last && isMark(char)) {
      last.push(char);
    } else {
      grouped.push([char]);
    }
  }
  return grouped;
}

/** A line laid out: glyph runs, left to right, each in the font that has its characters. */
export function layoutLine(text: string, direction: 'rtl' | 'ltr', fonts: Fonts): GlyphRun[] {
  const runs: Array<{ font: FontName; glyphs: number[]; text: string[]; width: number }> = [];
  let previous: FontName | undefined;
  for (const char of visualOrder(shapeArabic(text), direction)) {
    const code = char.codePointAt(0)!;
    if (isBidiControl(code)) {
      continue;
    }
    // A space belongs to the run it sits in; elsewhere Arabic letters take the Arabic font, the rest the Latin one.
    const font: FontName = code === 0x20 && previous ? previous : isArabic(code) ? 'arabic' : 'latin';
    const glyph = fonts[font].glyphOf(code);
    if (font !== previous) {
      runs.push({ font, glyphs: [], text: [], width: 0 });
      previous = font;
    }
    const run = runs.at(-1)!;
    run.glyphs.push(glyph);
    run.text.push(char);
    run.width += fonts[font].advanceOf(glyph);
  }
  return runs;
}

/** The line's width in font units. */
export const widthOf = (runs: readonly GlyphRun[]) => runs.reduce((sum, run) => sum + run.width, 0);
