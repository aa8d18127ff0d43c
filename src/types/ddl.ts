// DDL type strings <-> DataType: `"id BIGINT NOT NULL, tags ARRAY<STRING>"` and back.
// The grammar is the part of Spark's that describes types (parseTableSchema / parseDataType).
import { InvalidPlanError } from "../../runtime/errors.js";
import type { DataType, StructField, StructType } from "./DataType.js";

const YM = ["YEAR", "MONTH"];
const DT = ["DAY", "HOUR", "MINUTE", "SECOND"];

function quoteName(name: string): string {
  return "`" + name.replaceAll("`", "``") + "`";
}

function quoteString(s: string): string {
  return "'" + s.replaceAll("\\", "\\\\").replaceAll("'", "\\'") + "'";
}

function comment(f: StructField): string {
  if (f.metadata === undefined) return "";
  try {
    const c = (JSON.parse(f.metadata) as { comment?: unknown }).comment;
    return typeof c === "string" ? ` COMMENT ${quoteString(c)}` : "";
  } catch {
    return "";
  }
}

function fieldDDL(f: StructField, sep: string): string {
  return `${quoteName(f.name)}${sep}${typeDDL(f.dataType)}${f.nullable ? "" : " NOT NULL"}${comment(f)}`;
}

function interval(units: string[], start: number, end: number): string {
  const s = units[start] ?? units[0]!;
  const e = units[end] ?? units[units.length - 1]!;
  return start === end ? `INTERVAL ${s}` : `INTERVAL ${s} TO ${e}`;
}

/** The DDL form of one type, as Spark's `DataType.sql` writes it. */
export function typeDDL(dt: DataType): string {
  switch (dt.kind) {
    case "null":
      return "VOID";
    case "byte":
      return "TINYINT";
    case "short":
      return "SMALLINT";
    case "integer":
      return "INT";
    case "long":
      return "BIGINT";
    case "string":
      return dt.collation ? `STRING COLLATE ${dt.collation}` : "STRING";
    case "calendar_interval":
      return "INTERVAL";
    case "decimal":
      return `DECIMAL(${dt.precision},${dt.scale})`;
    case "char":
    case "varchar":
      return `${dt.kind.toUpperCase()}(${dt.length})`;
    case "time":
      return `TIME(${dt.precision})`;
    case "year_month_interval":
      return interval(YM, dt.startField, dt.endField);
    case "day_time_interval":
      return interval(DT, dt.startField, dt.endField);
    case "array":
      return `ARRAY<${typeDDL(dt.elementType)}>`;
    case "map":
      return `MAP<${typeDDL(dt.keyType)}, ${typeDDL(dt.valueType)}>`;
    case "struct":
      return `STRUCT<${dt.fields.map((f) => fieldDDL(f, ": ")).join(", ")}>`;
    case "geometry":
    case "geography":
      return `${dt.kind.toUpperCase()}(${dt.srid})`;
    case "udt":
      if (dt.sqlType === undefined) throw new InvalidPlanError({ message: `The user-defined type ${dt.name} has no SQL type to write as DDL.` });
      return typeDDL(dt.sqlType);
    case "unparsed":
      return dt.text;
    default:
      return dt.kind.toUpperCase();
  }
}

/**
 * A schema as a DDL string, the form `spark.read.schema()` and `createDataFrame` accept:
 * backquoted names, `NOT NULL` for non-nullable fields, comments kept.
 *
 * @example
 * ```ts
 * toDDL({ kind: "struct", fields: [{ name: "id", dataType: { kind: "long" }, nullable: false }] }); // "`id` BIGINT NOT NULL"
 * ```
 */
export function toDDL(schema: StructType): string {
  return schema.fields.map((f) => fieldDDL(f, " ")).join(", ");
}

// ---- parsing ----

type Token = { readonly t: "id" | "qid" | "num" | "str" | "sym"; readonly v: string; readonly at: number };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new InvalidPlanError({ message: `Cannot parse the schema ${JSON.stringify(text)}: ${msg} at position ${i}.` });
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "`") {
      let v = "";
      const at = i++;
      for (;;) {
        if (i >= text.length) fail("unterminated `name`");
        if (text[i] === "`") {
          if (text[i + 1] === "`") {
            v += "`";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += text[i++];
      }
      out.push({ t: "qid", v, at });
    } else if (c === "'" || c === '"') {
      let v = "";
      const at = i++;
      for (;;) {
        if (i >= text.length) fail("unterminated string");
        const d = text[i]!;
        if (d === "\\" && i + 1 < text.length) {
          v += text[i + 1];
          i += 2;
          continue;
        }
        i++;
        if (d === c) break;
        v += d;
      }
      out.push({ t: "str", v, at });
    } else if (/[\p{L}\p{N}_]/u.test(c)) {
      const word = /^[\p{L}\p{N}_]+/u.exec(text.slice(i))![0];
      out.push({ t: /^[0-9]+$/.test(word) ? "num" : "id", v: word, at: i });
      i += word.length;
    } else if ("<>(),:".includes(c)) {
      out.push({ t: "sym", v: c, at: i++ });
    } else {
      fail(`unexpected ${JSON.stringify(c)}`);
    }
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly toks: Token[],
  ) {}

  fail(msg: string): never {
    const at = this.toks[this.i]?.at ?? this.text.length;
    throw new InvalidPlanError({
      message: `Cannot parse the schema ${JSON.stringify(this.text)}: ${msg} at position ${at}. Write it as DDL, e.g. "id BIGINT, name STRING, tags ARRAY<STRING>".`,
    });
  }
  get done(): boolean {
    return this.i >= this.toks.length;
  }
  peek(): Token | undefined {
    return this.toks[this.i];
  }
  isKw(kw: string, ahead = 0): boolean {
    const t = this.toks[this.i + ahead];
    return t?.t === "id" && t.v.toUpperCase() === kw;
  }
  isSym(s: string): boolean {
    const t = this.toks[this.i];
    return t?.t === "sym" && t.v === s;
  }
  sym(s: string): void {
    if (!this.isSym(s)) this.fail(`expected "${s}"`);
    this.i++;
  }
  kw(kw: string): void {
    if (!this.isKw(kw)) this.fail(`expected ${kw}`);
    this.i++;
  }
  num(): number {
    const t = this.peek();
    if (t?.t !== "num") this.fail("expected a number");
    this.i++;
    return Number(t.v);
  }
  name(): string {
    const t = this.peek();
    if (t?.t !== "id" && t?.t !== "qid") this.fail("expected a column name");
    this.i++;
    return t.v;
  }

  private intervalUnit(units: string[]): number | undefined {
    const t = this.peek();
    if (t?.t !== "id") return undefined;
    const u = t.v.toUpperCase().replace(/S$/, "");
    const k = units.indexOf(u);
    return k < 0 ? undefined : k;
  }

  private intervalType(): DataType {
    for (const [units, kind] of [
      [YM, "year_month_interval"],
      [DT, "day_time_interval"],
    ] as const) {
      const start = this.intervalUnit(units);
      if (start === undefined) continue;
      this.i++;
      let end = start;
      if (this.isKw("TO")) {
        this.i++;
        const e = this.intervalUnit(units);
        if (e === undefined || e < start) this.fail("invalid interval end unit");
        end = e;
        this.i++;
      }
      return { kind, startField: start, endField: end };
    }
    return { kind: "calendar_interval" };
  }

  private args(): number[] {
    if (!this.isSym("(")) return [];
    this.i++;
    const out = [this.num()];
    while (this.isSym(",")) {
      this.i++;
      out.push(this.num());
    }
    this.sym(")");
    return out;
  }

  type(): DataType {
    const t = this.peek();
    if (t?.t !== "id") this.fail("expected a type");
    this.i++;
    const name = t.v.toUpperCase();
    switch (name) {
      case "BOOLEAN":
        return { kind: "boolean" };
      case "TINYINT":
      case "BYTE":
        return { kind: "byte" };
      case "SMALLINT":
      case "SHORT":
        return { kind: "short" };
      case "INT":
      case "INTEGER":
        return { kind: "integer" };
      case "BIGINT":
      case "LONG":
        return { kind: "long" };
      case "FLOAT":
      case "REAL":
        return { kind: "float" };
      case "DOUBLE":
        return { kind: "double" };
      case "DATE":
        return { kind: "date" };
      case "TIMESTAMP":
      case "TIMESTAMP_LTZ":
        return { kind: "timestamp" };
      case "TIMESTAMP_NTZ":
        return { kind: "timestamp_ntz" };
      case "BINARY":
        return { kind: "binary" };
      case "VOID":
        return { kind: "null" };
      case "VARIANT":
        return { kind: "variant" };
      case "STRING": {
        if (!this.isKw("COLLATE")) return { kind: "string" };
        this.i++;
        const c = this.name();
        return c.toUpperCase() === "UTF8_BINARY" ? { kind: "string" } : { kind: "string", collation: c };
      }
      case "CHAR":
      case "CHARACTER":
      case "VARCHAR": {
        const [length] = this.args();
        if (length === undefined) this.fail(`${name} needs a length, e.g. ${name}(10)`);
        return { kind: name === "VARCHAR" ? "varchar" : "char", length };
      }
      case "DECIMAL":
      case "DEC":
      case "NUMERIC": {
        const [precision = 10, scale = 0] = this.args();
        if (precision < 1 || precision > 38 || scale > precision) this.fail(`DECIMAL(${precision},${scale}) is out of range (precision 1 to 38, scale <= precision)`);
        return { kind: "decimal", precision, scale };
      }
      case "TIME": {
        const [precision = 6] = this.args();
        return { kind: "time", precision };
      }
      case "INTERVAL":
        return this.intervalType();
      case "ARRAY": {
        this.sym("<");
        const elementType = this.type();
        this.sym(">");
        return { kind: "array", elementType, containsNull: true };
      }
      case "MAP": {
        this.sym("<");
        const keyType = this.type();
        this.sym(",");
        const valueType = this.type();
        this.sym(">");
        return { kind: "map", keyType, valueType, valueContainsNull: true };
      }
      case "STRUCT": {
        this.sym("<");
        const fields: StructField[] = [];
        if (!this.isSym(">")) {
          fields.push(this.field());
          while (this.isSym(",")) {
            this.i++;
            fields.push(this.field());
          }
        }
        this.sym(">");
        return { kind: "struct", fields };
      }
      case "GEOMETRY":
      case "GEOGRAPHY": {
        const [srid = name === "GEOMETRY" ? 0 : 4326] = this.args();
        return { kind: name === "GEOMETRY" ? "geometry" : "geography", srid };
      }
      default:
        this.i--;
        return this.fail(`unknown type ${t.v}`);
    }
  }

  field(): StructField {
    const name = this.name();
    if (this.isSym(":")) this.i++;
    const dataType = this.type();
    let nullable = true;
    let metadata: string | undefined;
    for (;;) {
      if (this.isKw("NOT") && this.isKw("NULL", 1)) {
        this.i += 2;
        nullable = false;
      } else if (this.isKw("COMMENT")) {
        this.i++;
        const t = this.peek();
        if (t?.t !== "str") this.fail("expected a quoted comment");
        this.i++;
        metadata = JSON.stringify({ comment: t.v });
      } else {
        break;
      }
    }
    return { name, dataType, nullable, ...(metadata !== undefined ? { metadata } : {}) };
  }
}

/**
 * Parses a DDL schema (`"id BIGINT, name STRING NOT NULL"`) or a single DDL type
 * (`"ARRAY<INT>"`, `"STRUCT<a: INT>"`). A field list gives a struct; a lone type
 * gives that type. Throws InvalidPlanError naming the position of the mistake.
 *
 * @example
 * ```ts
 * fromDDL("id BIGINT, tags ARRAY<STRING>"); // { kind: "struct", fields: [...] }
 * fromDDL("double"); // { kind: "double" }
 * ```
 */
export function fromDDL(text: string): DataType {
  const toks = tokenize(text);
  // A field list starts with a name followed by a type (optionally after ":"); a lone
  // type starts with a type keyword followed by "<", "(" or nothing.
  const asFields = new Parser(text, toks);
  try {
    const fields: StructField[] = [];
    if (!asFields.done) {
      fields.push(asFields.field());
      while (asFields.isSym(",")) {
        asFields.sym(",");
        fields.push(asFields.field());
      }
    }
    if (!asFields.done) asFields.fail("unexpected text");
    return { kind: "struct", fields };
  } catch (fieldsError) {
    const asType = new Parser(text, toks);
    try {
      const dt = asType.type();
      if (!asType.done) asType.fail("unexpected text");
      return dt;
    } catch {
      throw fieldsError;
    }
  }
}

/** Parses a DDL schema that must describe a struct (a field list or `STRUCT<...>`). */
export function structFromDDL(text: string): StructType {
  const dt = fromDDL(text);
  if (dt.kind !== "struct") {
    throw new InvalidPlanError({ message: `The schema ${JSON.stringify(text)} is a single ${typeDDL(dt)}, not a list of columns; write it as "name ${typeDDL(dt)}".` });
  }
  return dt;
}
