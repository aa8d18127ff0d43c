const MAX_DATE_MS = 8.64e15;

/**
 * A `Date` that keeps the exact microsecond Spark sent. `TimestampType` and
 * `TimestampNTZType` values arrive as `SparkTimestamp`: every `Date` method works (at
 * millisecond precision) and `epochMicros` / `microseconds` / `toISOStringMicros()`
 * give the rest. For `TimestampNTZType` the UTC fields (`getUTCHours()`,
 * `toISOString()`) are the wall-clock fields; the trailing `Z` carries no meaning.
 *
 * The microseconds past the millisecond survive `Date` setters (`setTime`, `setUTCHours`, ...).
 * `valueOf()`, `<` and `>` compare milliseconds; compare `epochMicros` for exact order.
 * Values outside `Date`'s range (±8.64e15 ms) keep `epochMicros` exact while the `Date`
 * itself is invalid.
 *
 * @example
 * ```ts
 * const ts = new SparkTimestamp(-1n); // one microsecond before 1970
 * ts.toISOString();       // "1969-12-31T23:59:59.999Z"
 * ts.toISOStringMicros(); // "1969-12-31T23:59:59.999999Z"
 * ts.microseconds;        // 999
 * ts.epochMicros;         // -1n
 * ```
 */
export class SparkTimestamp extends Date {
  #micros: number;
  #outOfRange: bigint | undefined;

  /**
   * @param epochMicros Microseconds since 1970-01-01T00:00:00Z; a `number` must be a safe integer.
   *
   * @example
   * ```ts
   * new SparkTimestamp(1_700_000_000_123_456n).toISOStringMicros(); // "2023-11-14T22:13:20.123456Z"
   * ```
   */
  constructor(epochMicros: bigint | number) {
    let ms: number;
    let micros: number;
    let outOfRange: bigint | undefined;
    const n = typeof epochMicros === "number" ? epochMicros : Number(epochMicros);
    if (Number.isSafeInteger(n)) {
      micros = (n % 1000) + 0; // + 0 turns -0 into 0
      ms = (n - micros) / 1000;
      if (micros < 0) {
        micros += 1000;
        ms -= 1;
      }
    } else if (typeof epochMicros === "number") {
      throw new RangeError(
        `SparkTimestamp: ${epochMicros} is not a safe integer number of microseconds; pass a bigint`,
      );
    } else {
      let q = epochMicros / 1000n;
      let r = epochMicros % 1000n;
      if (r < 0n) {
        r += 1000n;
        q -= 1n;
      }
      ms = Number(q);
      micros = Number(r);
      if (!(Math.abs(ms) <= MAX_DATE_MS)) outOfRange = epochMicros;
    }
    super(ms);
    this.#micros = micros;
    this.#outOfRange = outOfRange;
  }

  /**
   * Exact microseconds since the epoch.
   *
   * @example
   * ```ts
   * new SparkTimestamp(1_500n).epochMicros; // 1500n
   * ```
   */
  get epochMicros(): bigint {
    const ms = this.getTime();
    if (Number.isNaN(ms)) {
      if (this.#outOfRange !== undefined) return this.#outOfRange;
      throw new RangeError("SparkTimestamp: invalid time value");
    }
    return BigInt(ms) * 1000n + BigInt(this.#micros);
  }

  /**
   * The microseconds past the millisecond, 0 to 999 (also for instants before 1970).
   *
   * @example
   * ```ts
   * new SparkTimestamp(-1n).microseconds; // 999 (the Date holds -1 ms)
   * ```
   */
  get microseconds(): number {
    return this.#micros;
  }

  /**
   * ISO 8601 in UTC with six fractional digits. Throws `RangeError` when the instant is
   * outside `Date`'s range (like `toISOString()`).
   *
   * @example
   * ```ts
   * new SparkTimestamp(1_000_001n).toISOStringMicros(); // "1970-01-01T00:00:01.000001Z"
   * ```
   */
  toISOStringMicros(): string {
    const iso = this.toISOString();
    return `${iso.slice(0, -1)}${String(this.#micros).padStart(3, "0")}Z`;
  }
}
