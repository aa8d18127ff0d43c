// Type test: toArrow() and batches() carry the row type as Arrow types. Compiled by the
// main build; code in functions never called.
import type { Bool, DataType, Decimal, Float, Int, Int64, LargeUtf8, RecordBatch, Table, Utf8, Vector } from "apache-arrow";
import type { DataFrame } from "../../src/DataFrame.js";
import { tableToRows } from "../../src/index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const expectType =
  <Expected>() =>
  <Actual>(_value: Actual, ..._mismatch: Equal<Actual, Expected> extends true ? [] : [never]): void => {};

interface Person {
  id: bigint;
  name: string | null;
  score: number;
  active: boolean;
}

export async function typedTable(df: DataFrame<Person>): Promise<void> {
  const table = await df.toArrow();
  expectType<Table<{ id: Int64; name: Utf8 | LargeUtf8 | Decimal; score: Int | Float | Decimal; active: Bool }>>()(table);
  expectType<Vector<Int64> | null>()(table.getChild("id"));
  // @ts-expect-error a column the row type does not have
  table.getChild("nope");
  for await (const batch of df.batches()) {
    expectType<RecordBatch<{ id: Int64; name: Utf8 | LargeUtf8 | Decimal; score: Int | Float | Decimal; active: Bool }>>()(batch);
    const rows = tableToRows<Person>(batch);
    expectType<Person[]>()(rows);
  }
}

export async function untypedTable(df: DataFrame): Promise<void> {
  // Rows of unknown shape: apache-arrow's untyped schema, any column name accepted.
  const table = await df.toArrow();
  const child: Vector<DataType> | null = table.getChild("anything");
  void child;
}
