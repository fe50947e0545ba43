/**
 * A number as people read it in a report: at most `digits` significant digits, no trailing zeros, no
 * exponent for everyday magnitudes. Non-finite values are spelled out ("NaN", "∞", "−∞") so a check's detail
 * never hides that a metric was undefined.
 *
 * @param digits Significant digits, default 4.
 * @example
 * formatNumber(0.86123); // "0.8612"
 * formatNumber(50000); // "50000"
 * formatNumber(NaN); // "NaN"
 */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  // Through Number() so that toPrecision's "0.8500" and "5.000e+4" come back as "0.85" and "50000".
  return String(Number(value.toPrecision(digits)));
}
