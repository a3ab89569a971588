/** A watermark from a query string: undefined for none (`''`, `-`), a position, or invalid. */
export type WatermarkParse = { valid: true; value: number | undefined } | { valid: false };

/** Reads `?watermark=`: directlinejs sends it empty before it has one; anything but an integer is invalid. */
export function parseWatermark(raw: string | null): WatermarkParse {
  if (raw === null || raw === '' || raw === '-') return { valid: true, value: undefined };
  if (!/^-?\d{1,15}$/.test(raw)) return { valid: false };
  return { valid: true, value: Number(raw) };
}
