// Values of a result as short display strings: what a preview table shows in a cell. The
// JavaScript value is as `collect()` returns it (docs/types.md); the Spark type, when
// known, decides what the value means (a Date of a DateType column is a day, a bigint of a
// day-time interval is microseconds, ...). Nested values are written compactly on one line.
import type { DataType } from "../types/DataType.js";

/** How a cell's value is shown: the text and what kind of value it is (for styling). */
export interface Cell {
  /** The value as text, at most `limit` characters (see formatValue). */
  readonly text: string;
  /** Whether `text` was cut: the full text is longer. */
  readonly cut: boolean;
  /** `null` for a SQL NULL, `number` for numbers (right-aligned), `other` otherwise. */
  readonly kind: "null" | "number" | "other";
}

/** Settings of the formatting. */
export interface FormatContext {
  /** The session time zone of TimestampType values (an IANA name); UTC when absent or unknown. */
  readonly timeZone?: string | undefined;
}

const NUMERIC = new Set(["byte", "short", "integer", "long", "float", "double", "decimal"]);

/** Whether values of this type are numbers (right-aligned in a table). */
export function isNumeric(dt: DataType | undefined): boolean {
  return dt !== undefined && NUMERIC.has(dt.kind);
}

/**
 * The display text of one value, cut to `limit` characters (code points; a cut text ends
 * in "…"). Control characters (line breaks, tabs) are shown as visible symbols so a cell
 * stays on one line.
 */
export function formatValue(value: unknown, dataType: DataType | undefined, limit: number, ctx: FormatContext = {}): Cell {
  if (value === null || value === undefined) return { text: "null", cut: false, kind: "null" };
  const out = new Writer(limit);
  write(out, value, dataType, ctx, false);
  return { text: out.result(), cut: out.cut, kind: isNumeric(dataType) && (typeof value === "number" || typeof value === "bigint" || typeof value === "string") ? "number" : "other" };
}

/**
 * Collects text up to a budget of code points. Past it, writing stops (nested values are
 * not walked further) and the text ends in "…", so a huge array or string costs no more
 * than the budget.
 */
class Writer {
  private parts: string[] = [];
  private length = 0;
  cut = false;

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.cut;
  }

  add(text: string): void {
    if (this.cut) return;
    if (text.includes("\r\n")) text = text.replace(/\r\n/g, "\n"); // one line break, one symbol
    // Fast path: plain text well within the budget.
    if (this.length + text.length <= this.limit && !/[\u0000-\u001f\u007f\ud800-\udfff]/.test(text)) {
      this.parts.push(text);
      this.length += text.length;
      return;
    }
    let piece = "";
    for (const ch of text) {
      if (this.length >= this.limit) {
        this.cut = true;
        break;
      }
      piece += visible(ch);
      this.length += 1;
    }
    this.parts.push(piece);
  }

  result(): string {
    const text = this.parts.join("");
    if (!this.cut) return text;
    // Leave room for the ellipsis within the limit.
    const chars = Array.from(text);
    return chars.slice(0, Math.max(0, this.limit - 1)).join("") + "…";
  }
}

const CONTROL: Record<string, string> = { "\n": "↵", "\r": "␍", "\t": "⇥" };

/** A control character as a visible symbol; other characters as they are. */
function visible(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return CONTROL[ch] ?? `\\u${code.toString(16).padStart(4, "0")}`;
  // A lone surrogate (not valid UTF-16) as the replacement character.
  if (code >= 0xd800 && code <= 0xdfff) return "\ufffd";
  return ch;
}

function write(out: Writer, value: unknown, dt: DataType | undefined, ctx: FormatContext, nested: boolean): void {
  if (out.full) return;
  if (value === null || value === undefined) {
    out.add("null");
    return;
  }
  if (dt?.kind === "udt" && dt.sqlType !== undefined) {
    write(out, value, dt.sqlType, ctx, nested);
    return;
  }
  switch (typeof value) {
    case "string":
      out.add(nested && dt?.kind !== "decimal" ? JSON.stringify(value) : value);
      return;
    case "number":
      out.add(numberText(value, dt));
      return;
    case "bigint":
      out.add(bigintText(value, dt));
      return;
    case "boolean":
      out.add(value ? "true" : "false");
      return;
    case "object":
      break;
    default:
      out.add(String(value));
      return;
  }
  if (value instanceof Date) {
    out.add(dateText(value, dt, ctx));
    return;
  }
  if (value instanceof Uint8Array) {
    binaryText(out, value);
    return;
  }
  if (Array.isArray(value)) {
    const element = dt?.kind === "array" ? dt.elementType : undefined;
    out.add("[");
    value.forEach((v, i) => {
      if (i > 0) out.add(", ");
      write(out, v, element, ctx, true);
    });
    out.add("]");
    return;
  }
  if (value instanceof Map) {
    const [k, v] = dt?.kind === "map" ? [dt.keyType, dt.valueType] : [undefined, undefined];
    out.add("{");
    let i = 0;
    for (const [key, val] of value) {
      if (out.full) return;
      if (i++ > 0) out.add(", ");
      write(out, key, k, ctx, true);
      out.add(" -> ");
      write(out, val, v, ctx, true);
    }
    out.add("}");
    return;
  }
  if (dt?.kind === "variant") {
    const bytes = (value as { value?: unknown }).value;
    out.add(bytes instanceof Uint8Array ? `<variant, ${bytes.byteLength} bytes>` : "<variant>");
    return;
  }
  if (dt?.kind === "calendar_interval") {
    const { months, days, nanoseconds } = value as { months: number; days: number; nanoseconds: bigint };
    out.add(calendarIntervalText(months, days, nanoseconds));
    return;
  }
  // A struct (or any other plain object): its fields in schema order when the schema is known.
  const record = value as Record<string, unknown>;
  const fields = dt?.kind === "struct" ? dt.fields.map((f) => [f.name, f.dataType] as const) : Object.keys(record).map((k) => [k, undefined] as const);
  out.add("{");
  fields.forEach(([name, type], i) => {
    if (i > 0) out.add(", ");
    out.add(/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
    out.add(": ");
    write(out, Object.hasOwn(record, name) ? record[name] : null, type, ctx, true);
  });
  out.add("}");
}

function numberText(n: number, dt: DataType | undefined): string {
  switch (dt?.kind) {
    case "year_month_interval": {
      const sign = n < 0 ? "-" : "";
      const m = Math.abs(n);
      return `INTERVAL '${sign}${Math.floor(m / 12)}-${m % 12}' YEAR TO MONTH`;
    }
    case "float":
    case "double":
      // As Spark shows doubles: an integral value keeps a ".0".
      if (Number.isInteger(n) && Math.abs(n) < 1e21) return Object.is(n, -0) ? "-0.0" : `${n}.0`;
      return String(n);
    default:
      return String(n);
  }
}

function bigintText(n: bigint, dt: DataType | undefined): string {
  switch (dt?.kind) {
    case "day_time_interval": {
      const sign = n < 0n ? "-" : "";
      const abs = n < 0n ? -n : n;
      const days = abs / 86_400_000_000n;
      const rest = abs % 86_400_000_000n;
      return `INTERVAL '${sign}${days} ${clock(rest * 1000n)}' DAY TO SECOND`;
    }
    case "time":
      return clock(n);
    default:
      return n.toString();
  }
}

/** `HH:MM:SS[.fraction]` of nanoseconds since midnight, trailing zeros of the fraction dropped. */
function clock(nanos: bigint): string {
  const seconds = nanos / 1_000_000_000n;
  const fraction = nanos % 1_000_000_000n;
  const h = seconds / 3600n;
  const m = (seconds / 60n) % 60n;
  const s = seconds % 60n;
  const two = (v: bigint) => v.toString().padStart(2, "0");
  return `${two(h)}:${two(m)}:${two(s)}${fractionText(fraction.toString().padStart(9, "0"))}`;
}

/** `.123` for "123000000": the digits without trailing zeros, or nothing when all are zero. */
function fractionText(digits: string): string {
  const trimmed = digits.replace(/0+$/, "");
  return trimmed === "" ? "" : `.${trimmed}`;
}

function calendarIntervalText(months: number, days: number, nanoseconds: bigint): string {
  const parts: string[] = [];
  if (months !== 0) parts.push(`${months} months`);
  if (days !== 0) parts.push(`${days} days`);
  if (nanoseconds !== 0n || parts.length === 0) {
    const sign = nanoseconds < 0n ? "-" : "";
    const abs = nanoseconds < 0n ? -nanoseconds : nanoseconds;
    parts.push(`${sign}${abs / 1_000_000_000n}${fractionText((abs % 1_000_000_000n).toString().padStart(9, "0"))} seconds`);
  }
  return parts.join(" ");
}

function pad(n: number, width: number): string {
  return n < 0 ? `-${String(-n).padStart(width, "0")}` : String(n).padStart(width, "0");
}

/** A Date of a DateType column as `YYYY-MM-DD`; a timestamp as `YYYY-MM-DD HH:MM:SS[.ffffff]`. */
function dateText(d: Date, dt: DataType | undefined, ctx: FormatContext): string {
  if (Number.isNaN(d.getTime())) {
    const micros = (d as { epochMicros?: bigint }).epochMicros;
    return micros !== undefined ? `<timestamp ${micros} µs>` : "<invalid date>";
  }
  if (dt?.kind === "date") return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  const micros = (d as { epochMicros?: bigint }).epochMicros;
  const fraction =
    micros !== undefined ? (((micros % 1_000_000n) + 1_000_000n) % 1_000_000n).toString().padStart(6, "0") : String(d.getUTCMilliseconds()).padStart(3, "0");
  // A TimestampType value is an instant, shown in the session's time zone as Spark shows
  // it; a TimestampNTZType value holds its wall-clock fields in UTC.
  const fields = dt?.kind === "timestamp" ? zonedFields(d, ctx.timeZone) : undefined;
  const [y, mo, da, h, mi, s] = fields ?? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(da, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${fractionText(fraction)}`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

/** Year, month, day, hour, minute, second of an instant in a time zone; undefined for UTC or an unknown zone. */
function zonedFields(d: Date, timeZone: string | undefined): number[] | undefined {
  if (timeZone === undefined || /^(utc|etc\/utc|gmt|z|\+00:00)$/i.test(timeZone)) return undefined;
  let format = zoneFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      format = null; // a zone Intl does not know: UTC instead
    }
    zoneFormats.set(timeZone, format);
  }
  if (format === null) return undefined;
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(d)) parts[p.type] = p.value;
  const year = Number(parts["year"]);
  // Years before 1 CE: era BC, year 1 BC is year 0 in ISO numbering.
  const isoYear = parts["era"] === "BC" ? 1 - year : year;
  return [isoYear, Number(parts["month"]), Number(parts["day"]), Number(parts["hour"]), Number(parts["minute"]), Number(parts["second"])];
}

/** Bytes as Spark shows them: `[48 65 6C 6C 6F]`; only as many as the budget can show are read. */
function binaryText(out: Writer, bytes: Uint8Array): void {
  out.add("[");
  for (let i = 0; i < bytes.length && !out.full; i++) {
    out.add((i > 0 ? " " : "") + bytes[i]!.toString(16).toUpperCase().padStart(2, "0"));
  }
  out.add("]");
}
