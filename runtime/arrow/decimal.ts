// Arrow decimals: little-endian two's-complement integers of `words` 32-bit words
// (4 for Decimal128), scaled by 10^-scale.

const TWO_32 = 4294967296;
const TWO_21 = 2097152;
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p);

/**
 * The unscaled value as a number when it is a safe integer (the common case, no BigInt
 * allocation), otherwise undefined.
 */
function unscaledNumber(w: Uint32Array, at: number, words: number): number | undefined {
  if (words === 1) return w[at] | 0;
  const hi = w[at + 1] | 0;
  if (hi < -TWO_21 || hi >= TWO_21) return undefined;
  const ext = hi < 0 ? 0xffffffff : 0;
  for (let k = 2; k < words; k++) if (w[at + k] !== ext) return undefined;
  const n = hi * TWO_32 + w[at];
  return Number.isSafeInteger(n) ? n : undefined;
}

function unscaledBigInt(w: Uint32Array, at: number, words: number): bigint {
  let v = 0n;
  for (let k = words - 1; k >= 0; k--) v = (v << 32n) | BigInt(w[at + k]);
  return BigInt.asIntN(32 * words, v);
}

/** Places the decimal point `scale` digits from the right of `digits` (no sign). */
function placePoint(digits: string, scale: number): string {
  if (scale <= 0) return scale === 0 || digits === "0" ? digits : digits + "0".repeat(-scale);
  if (digits.length <= scale) digits = digits.padStart(scale + 1, "0");
  const cut = digits.length - scale;
  return `${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** The exact decimal text of value `index`, with exactly `scale` fractional digits. */
export function decimalToString(w: Uint32Array, index: number, words: number, scale: number): string {
  const at = index * words;
  const n = unscaledNumber(w, at, words);
  if (n !== undefined) {
    return n < 0 ? `-${placePoint(String(-n), scale)}` : placePoint(String(n), scale);
  }
  const v = unscaledBigInt(w, at, words);
  return v < 0n ? `-${placePoint(String(-v), scale)}` : placePoint(String(v), scale);
}

/** The nearest double to value `index`. */
export function decimalToNumber(w: Uint32Array, index: number, words: number, scale: number): number {
  const n = unscaledNumber(w, index * words, words);
  // Both operands are exact doubles, so one IEEE division rounds correctly.
  if (n !== undefined && scale >= 0 && scale <= 22) return n / POW10[scale];
  return Number(decimalToString(w, index, words, scale));
}
