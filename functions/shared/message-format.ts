// How Jordanians read amounts, dates and numbers in messages: 42.750 د.أ, the weekday with the date, Amman time,
// Latin plates and phone numbers isolated inside Arabic text, SMS held to two UCS-2 parts.
import { ammanInstant } from './working-calendar';

type Bilingual = { readonly en: string; readonly ar: string };

/** Dinars with their three decimals (fils), as Jordanians write them. */
export function formatJod(amount: number): Bilingual {
  const fixed = amount.toFixed(3);
  return { en: `${fixed} JOD`, ar: `${fixed} د.أ` };
}

const dayFormat = (locale: string) => new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Amman', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
// Made on first use: ICU's first date format costs some 30 ms of a cold start, most of which never format a date.
let formats: { readonly time: Intl.DateTimeFormat; readonly en: Intl.DateTimeFormat; readonly ar: Intl.DateTimeFormat } | undefined;
const dateFormats = () =>
  (formats ??= {
    time: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Amman', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    en: dayFormat('en-GB'),
    ar: dayFormat('ar-JO-u-nu-latn'),
  });

/** A calendar date (YYYY-MM-DD, an Amman date) with its weekday: "Monday, 4 May 2026" / "الاثنين، 4 أيار 2026". */
export function formatDate(date: string): Bilingual {
  const noon = ammanInstant(date, 12 * 60);
  const days = dateFormats();
  return { en: days.en.format(noon), ar: days.ar.format(noon) };
}

/** An instant as its Amman weekday, date and time: "Monday, 4 May 2026, 12:30 (Amman time)". */
export function formatDateTime(at: Date): Bilingual {
  const { time: timeFormat, ...days } = dateFormats();
  const time = timeFormat.format(at);
  return { en: `${days.en.format(at)}, ${time} (Amman time)`, ar: `${days.ar.format(at)}، الساعة ${time} بتوقيت عمّان` };
}

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
const ARABIC_LETTER = /[\u0600-\u06FF]/;

/** Wraps Latin text (a plate, a phone number, a reference) in Unicode isolates so it keeps its order inside Arabic text. */
export function isolate(value: string): string {
  return ARABIC_LETTER.test(value) || value === '' ? value : `${FIRST_STRONG_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}`;
}

/** GSM 03.38 basic characters: a message of only these goes as 7-bit text. */
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]*$/;

export const SMS_MAX_PARTS = 2;

/** Characters per part: one part holds 160 (GSM-7) or 70 (UCS-2); a multipart message 153 or 67 per part. */
export function smsBudget(text: string): { single: number; perPart: number; encoding: 'gsm7' | 'ucs2' } {
  return GSM7.test(text) ? { single: 160, perPart: 153, encoding: 'gsm7' } : { single: 70, perPart: 67, encoding: 'ucs2' };
}

/** How many parts the message takes (UCS-2 counts UTF-16 code units, as the network does). */
export function smsParts(text: string): number {
  const { single, perPart } = smsBudget(text);
  return text.length <= single ? 1 : Math.ceil(text.length / perPart);
}

/** The message cut (on a word boundary where one is near, with an ellipsis) to at most two parts. */
export function fitSms(text: string): string {
  if (smsParts(text) <= SMS_MAX_PARTS) {
    return text;
  }
  const { perPart, encoding } = smsBudget(text);
  const ellipsis = encoding === 'gsm7' ? '...' : '…';
  const max = perPart * SMS_MAX_PARTS - ellipsis.length;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.7 ? cut.slice(0, space) : cut}${ellipsis}`;
}
