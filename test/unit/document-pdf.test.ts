// The issued document's PDF: Arabic joined (initial, medial, final forms and the lam-alef ligature) and ordered
// right to left with numbers left to right; the page read back with poppler: its English text, its Arabic in
// logical order once extracted, and the QR code decoding to the verification link.
import bidiFactory from 'bidi-js';
import { shapeArabic } from '../../functions/documents/pdf/arabic';
import type { Font } from '../../functions/documents/pdf/font';
import { documentFonts } from '../../functions/documents/pdf/fonts';
import { type PdfContent, renderDocumentPdf } from '../../functions/documents/pdf/layout';
import { layoutLine, visualOrder } from '../../functions/documents/pdf/line';
import { pdfQrCode, pdfText, renderPage } from '../support/pdf';

const hex = (text: string) => Array.from(text, (char) => char.codePointAt(0)!.toString(16).toUpperCase());

describe('Arabic joining', () => {
  it('gives each letter its initial, medial, final or isolated form', () => {
    // ب initial, ي medial, ت final: "بيت"
    expect(hex(shapeArabic('بيت'))).toEqual(['FE91', 'FEF4', 'FE96']);
    // د joins only to the letter before it, so the ا after it stands alone and ر is isolated: "دار"
    expect(hex(shapeArabic('دار'))).toEqual(['FEA9', 'FE8D', 'FEAD']);
    // A space ends the word: "من عمان"
    expect(hex(shapeArabic('من عمان'))).toEqual(['FEE3', 'FEE6', '20', 'FECB', 'FEE4', 'FE8E', 'FEE5']);
  });

  it('joins lam and alef into the ligature, final after a joining letter', () => {
    expect(hex(shapeArabic('لا'))).toEqual(['FEFB']);
    // "سلام": س initial, لا final ligature, م isolated
    expect(hex(shapeArabic('سلام'))).toEqual(['FEB3', 'FEFC', 'FEE1']);
    // "الأردن": ا, لأ ligature (isolated: ا does not join forward), ر, د, ن
    expect(hex(shapeArabic('الأردن'))).toEqual(['FE8D', 'FEF7', 'FEAD', 'FEA9', 'FEE5']);
  });

  it('lets harakat through without breaking a join', () => {
    // "بَيت" with a fatha on the ب: ب initial, fatha, ي medial, ت final
    expect(hex(shapeArabic('بَيت'))).toEqual(['FE91', '64E', 'FEF4', 'FE96']);
  });
});

describe('right-to-left ordering', () => {
  it('draws Arabic words right to left and keeps numbers and Latin left to right', () => {
    expect(visualOrder('رقم 125 للوثيقة DOC-7', 'rtl').join('')).toBe('DOC-7 ةقيثولل 125 مقر');
  });

  it('keeps an isolated date whole inside an Arabic sentence', () => {
    expect(visualOrder('سارية في \u20662026-12-06\u2069 فقط', 'rtl').join('').replace(/[\u2066-\u2069]/g, '')).toBe('طقف 2026-12-06 يف ةيراس');
  });

  it('keeps harakat after their letter, so they are drawn on it', () => {
    // "رقمٌ": the dammatan stays after the م it belongs to, though the word is reversed
    expect(visualOrder('رقمٌ', 'rtl').join('')).toBe('مٌقر');
  });

  it('mirrors brackets inside right-to-left text', () => {
    expect(visualOrder('رخصة (مؤقتة)', 'rtl').join('')).toBe('(ةتقؤم) ةصخر');
  });

  it('reads the Unicode character types from bidi-js as patched (its ranges searched, patches/bidi-js+1.1.0.patch)', () => {
    // The same types as the unpatched map of every code point, checked once over 0 to 0x10FFFF; a few across the planes.
    const bidi = bidiFactory();
    const types = [0x41, 0x31, 0x20, 0x28, 0x5d0, 0x628, 0x660, 0x64b, 0x200f, 0x2067, 0xfe91, 0x10800, 0x1e900, 0xe0001, 0x10ffff].map((code) => bidi.getBidiCharTypeName(String.fromCodePoint(code)));
    expect(types).toEqual(['L', 'EN', 'WS', 'ON', 'R', 'AL', 'AN', 'NSM', 'R', 'RLI', 'AL', 'R', 'R', 'BN', 'BN']);
  });

  it('takes the Arabic font for Arabic letters and the Latin one for the rest, each glyph found', () => {
    const runs = layoutLine('رقم الوثيقة DOC-7', 'rtl', documentFonts());
    expect(runs.map((run) => run.font)).toEqual(['latin', 'arabic']);
    expect(runs.flatMap((run) => run.glyphs)).not.toContain(0);
  });
});

const verifyUrl = 'https://api.khidma.example/v1/verify/DOC-01JZ8Y2Q4N5M6P7R8S9T0V1W2X';
const content: PdfContent = {
  country: { ar: 'المملكة الأردنية الهاشمية', en: 'The Hashemite Kingdom of Jordan' },
  agency: { ar: 'إدارة ترخيص السواقين والمركبات', en: 'Driver and Vehicle Licensing Department' },
  title: { ar: 'رخصة: تجديد ترخيص مركبة', en: 'Licence: Vehicle licence renewal' },
  rows: [
    { label: { ar: 'حامل الوثيقة', en: 'Holder' }, value: { ar: 'ليلى خالد الحسن', en: 'Layla Khaled Al-Hassan' } },
    { label: { ar: 'رقم اللوحة', en: 'Plate number' }, value: { ar: '12-34567', en: '12-34567' } },
    { label: { ar: 'رقم الوثيقة', en: 'Document number' }, value: { ar: 'DOC-01JZ8Y2Q4N5M6P7R8S9T0V1W2X', en: 'DOC-01JZ8Y2Q4N5M6P7R8S9T0V1W2X' } },
  ],
  status: { tone: 'valid', lines: [{ ar: 'سارية', en: 'Valid on 2026-12-06, the day this copy was made' }] },
  verifyUrl,
  verifyHint: { ar: 'امسح الرمز للتحقق من الوثيقة', en: 'Scan the code or open the link to verify this document' },
  footer: { ar: 'صادرة إلكترونياً', en: 'Issued electronically' },
};

describe('the document page', () => {
  const pdf = renderDocumentPdf(content, documentFonts());

  it('is a PDF that embeds its fonts', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FontFile2');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('reads back its English text', () => {
    const text = pdfText(pdf);
    for (const line of ['The Hashemite Kingdom of Jordan', 'Licence: Vehicle licence renewal', 'Layla Khaled Al-Hassan', 'Plate number', '12-34567', verifyUrl]) {
      expect(text).toContain(line);
    }
  });

  it('reads back its Arabic in logical order, drawn with joined letter forms', () => {
    const raw = pdfText(pdf, { normalize: false });
    // The glyphs drawn are the presentation forms (initial ﻟ, medial ﻴ...), so the letters are joined.
    expect(raw).toContain(shapeArabic('ليلى خالد الحسن'));
    // Once normalised, the words come out in reading order: the page drew them right to left.
    expect(pdfText(pdf)).toContain('المملكة الأردنية الهاشمية');
    expect(pdfText(pdf)).toContain('ليلى خالد الحسن');
    expect(pdfText(pdf)).toContain('امسح الرمز للتحقق من الوثيقة');
  });

  it('carries a QR code that decodes to the verification link', () => {
    expect(pdfQrCode(pdf)).toBe(verifyUrl);
  });

  it('draws a QR code that decodes with its fixed mask and segments, whatever the link', () => {
    // Mask 2 and the byte + alphanumeric split are given to the encoder (layout.ts): other ids and hosts decode too.
    for (const link of ['http://localhost:3000/v1/verify/DOC-7ZZZZZZZZZZZZZZZZZZZZZZZZZ', 'https://khidma.gov.jo/v1/verify/DOC-00000000000000000000000000']) {
      expect(pdfQrCode(renderDocumentPdf({ ...content, verifyUrl: link }, documentFonts()))).toBe(link);
    }
  });

  it('embeds only the glyphs it draws, and looks the same as with the whole fonts', () => {
    const fonts = documentFonts();
    const everyGlyph = Array.from({ length: 65_536 }, (_, glyph) => glyph);
    const whole = (font: Font): Font => ({ ...font, program: () => font.program(everyGlyph) });
    const withWholeFonts = renderDocumentPdf(content, { arabic: whole(fonts.arabic), latin: whole(fonts.latin) });
    expect(pdf.length).toBeLessThan(withWholeFonts.length / 3);
    expect(renderPage(pdf).pixels.equals(renderPage(withWholeFonts).pixels)).toBe(true);
  });
});
