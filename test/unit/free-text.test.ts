import { freeText, localizedText } from '../../schemas/common';

const text = freeText(10, 40);

describe('free text', () => {
  it('stores NFC, trimmed, without the direction marks Arabic keyboards add, and counts after that', () => {
    expect(text.parse('  Cafe\u0301 au lait, s\u0327il vous plait ')).toBe('Café au lait, şil vous plait');
    expect(text.parse('\u200fطلب تجديد\u200f الرخصة')).toBe('طلب تجديد الرخصة');
    expect(text.safeParse('\u200f\u200f\u200f\u200f\u200f\u200fabc\u200f\u200f\u200f\u200f').success).toBe(false);
  });

  it.each([
    ['a right-to-left override', 'Pay to \u202Egnp.exe the fee now'],
    ['zero-width spaces filling a minimum', '\u200b'.repeat(12)],
    ['a NUL', 'Plate 12-34567\u0000 please'],
    ['a lone surrogate', 'Broken text \ud83d here'],
    ['an isolate', 'Name \u2066hidden\u2069 text'],
    ['a byte order mark inside', 'complaint \ufefftext here'],
  ])('refuses %s', (_, value) => {
    expect(text.safeParse(value).success).toBe(false);
  });

  it('keeps line breaks, tabs, emoji with joiners and Persian joiners', () => {
    for (const value of ['First line\nsecond line', 'Family 👨‍👩‍👧 visit', 'می‌خواهم ثبت کنم']) {
      expect(text.parse(value)).toBe(value);
    }
    expect(freeText(1, 10).safeParse('\u200d\u200d\u200d').success).toBe(false);
  });

  it('applies to both languages of bilingual text', () => {
    expect(localizedText(50).safeParse({ ar: 'خدمة', en: 'Serv\u202Eice' }).success).toBe(false);
  });
});
