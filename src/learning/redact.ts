/**
 * Removes personal data from a question before it is written to the event log. What counts as
 * personal, and what is kept on purpose:
 *
 * - e-mail addresses → `[email]`
 * - telephone numbers: Chinese mobile numbers (with or without +86 / 0086 / 86, spaces or dashes),
 *   landlines with an area code (010-12345678, (0755) 1234567, +86 10 1234 5678), and other numbers
 *   written with a + country code → `[phone]`
 * - resident identity card numbers, 18 digits or 17 and an X check digit (also spaced 6-8-4), and the
 *   15-digit old cards and old business-registration numbers → `[id-number]`
 * - unified social credit codes (18 characters, the number on a business licence; for a sole
 *   proprietor it identifies the person) → `[licence-number]`
 *
 * Kept: ICP filing numbers (京ICP备12345678号-1), ICP licence numbers (京ICP证030173号) and public
 * security filing numbers (京公网安备11010502030143号). They are printed in the footer of every filed
 * site and are public by law, and a question about a specific filing is worth seeing as written.
 * 400/800 service numbers of companies are kept too (they are not a person's).
 */
export function redactPersonalData(text: string): string {
  // Full-width digits, letters, @, + and - (１３８…) as ASCII, so the patterns see them; other text is kept as written.
  let out = text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF20\uFF0B\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // Every pattern below needs a digit or an @: most questions have neither, so one cheap test spares
  // them every pattern.
  if (!DIGIT_OR_AT.test(out)) return out;
  const kept: string[] = [];
  out = out.replace(PUBLIC_NUMBER, (match) => {
    kept.push(match);
    return `\u0000${kept.length - 1}\u0000`;
  });
  for (const [pattern, label] of RULES) out = out.replace(pattern, label);
  return out.replace(/\u0000(\d+)\u0000/g, (_match, index: string) => kept[Number(index)]);
}

/** Markers that {@link redactPersonalData} puts where it removed something. */
export const REDACTION_MARKERS = ['[email]', '[phone]', '[id-number]', '[licence-number]'] as const;

/** Whether a text holds a redaction marker (such a text makes a poor alternate phrasing). */
export function hasRedaction(text: string): boolean {
  return REDACTION_MARKERS.some((marker) => text.includes(marker));
}

// Digits or Latin letters must not continue a number on either side (Chinese text may).
const B = '(?<![0-9A-Za-z])';
const E = '(?![0-9A-Za-z])';
const SEP = '[\\s-]?';

const DIGIT_OR_AT = /[0-9@]/;

/** ICP filing / licence numbers and public security filing numbers: public, kept as written. */
const PUBLIC_NUMBER = /\p{Script=Han}{1,2}(?:ICP[备證证]|公网安备)\s*\d{4,16}\s*号(?:-\d{1,3})?/giu;

const RULES: [RegExp, string][] = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  // Resident ID: 6-digit area, 8-digit birth date, 3-digit sequence, digit or X.
  [new RegExp(`${B}\\d{6}${SEP}\\d{8}${SEP}\\d{3}[0-9Xx]${E}`, 'g'), '[id-number]'],
  // Unified social credit code: registration authority and type, 6-digit area, 9-character organisation code, check character.
  [new RegExp(`${B}[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}${E}`, 'gi'), '[licence-number]'],
  // Old 15-digit identity cards and business-registration numbers.
  [new RegExp(`${B}\\d{15}${E}`, 'g'), '[id-number]'],
  // Mobile numbers, optionally with the country code.
  [new RegExp(`${B}(?:(?:\\+|00)?86${SEP})?1[3-9]\\d(?:${SEP}\\d{4}){2}${E}`, 'g'), '[phone]'],
  // Landlines with the country code: +86 10 1234 5678, 0086-755-12345678.
  [new RegExp(`(?:\\+|${B}00)86${SEP}\\(?\\d{2,3}\\)?${SEP}\\d{3,4}${SEP}\\d{4}${E}`, 'g'), '[phone]'],
  // Domestic landlines with the area code: 010-12345678, (0755) 1234567, 0755 1234 5678.
  [new RegExp(`(?:\\(0\\d{2,3}\\)\\s?|${B}0\\d{2,3}[\\s-])\\d{3,4}${SEP}\\d{4}${E}`, 'g'), '[phone]'],
  [new RegExp(`${B}0[1-9]\\d{9,10}${E}`, 'g'), '[phone]'],
  // Any other number written with a + country code.
  [new RegExp(`\\+\\d{1,3}(?:${SEP}\\(?\\d{1,4}\\)?){2,5}${E}`, 'g'), '[phone]'],
];
