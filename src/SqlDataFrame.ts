import * as Effect from "effect/Effect";
import { DataFrame } from "./DataFrame.js";
import { sqlRelation } from "./internal/ops/sql.js";
import { run } from "./internal/run.js";
import type { SqlNode } from "./plan/SqlNode.js";

/**
 * The DataFrame `spark.sql()` returns: a DataFrame whose SQL command was sent at once,
 * which can also be awaited. `await` waits for the command (a CREATE, an INSERT, ...) and
 * rejects with its error; it resolves to a plain DataFrame over the command's answer.
 * Actions on it (or on DataFrames built from it) also wait for the command; it runs once.
 *
 * @example
 * ```ts
 * await spark.sql("CREATE TABLE t (id INT) USING parquet"); // runs now; rejects on error
 * const n = await spark.sql("SELECT count(*) AS n FROM t").collect(); // also fine without await
 * ```
 */
export class SqlDataFrame<Row = Record<string, unknown>> extends DataFrame<Row> implements PromiseLike<DataFrame<Row>> {
  /**
   * Waits for the SQL command; resolves to the DataFrame (not awaitable again).
   *
   * @example
   * ```ts
   * const df = await spark.sql("SHOW TABLES");
   * ```
   */
  then<A = DataFrame<Row>, B = never>(
    onfulfilled?: ((df: DataFrame<Row>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const settled = run(this.handle, () => Effect.as(sqlRelation(this.handle, this.plan as SqlNode), new DataFrame<Row>(this.handle, this.plan)));
    return settled.then(onfulfilled, onrejected);
  }
}
