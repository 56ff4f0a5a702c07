// Digits as people type them: Arabic keyboards give Arabic-Indic (٠-٩), Persian ones Extended Arabic-Indic (۰-۹).
// Every identifier is converted to Latin digits at the edge, before any check (kept apart from free-text normalisation).

const ARABIC_INDIC = /[\u0660-\u0669]/g;
const PERSIAN = /[\u06F0-\u06F9]/g;

/** The same text with Arabic-Indic and Persian digits as 0-9; everything else as it was. */
export function latinDigits(text: string): string {
  return text.replace(ARABIC_INDIC, (digit) => String(digit.charCodeAt(0) - 0x0660)).replace(PERSIAN, (digit) => String(digit.charCodeAt(0) - 0x06f0));
}
