import type { Table } from "apache-arrow";
import { arrowBytes } from "../internal/localRelation.js";

/**
 * Rows sent from the client: an Arrow table (none for zero rows) with an optional DDL
 * schema. They travel inline in the plan, or, past the session's
 * `spark.sql.session.localRelationCacheThreshold`, as artifacts the plan refers to.
 */
export interface LocalRelationNode {
  readonly kind: "LocalRelation";
  /** The rows; undefined with no rows. */
  readonly table: Table | undefined;
  readonly schema: string | undefined;
  /** The size of the rows' Arrow buffers in bytes (0 with no rows). */
  readonly sizeBytes: number;
}

export const LocalRelationNode = Object.freeze({
  create(table: Table | undefined, schema: string | undefined): LocalRelationNode {
    const rows = table !== undefined && table.numRows > 0 ? table : undefined;
    return Object.freeze({ kind: "LocalRelation", table: rows, schema, sizeBytes: rows === undefined ? 0 : arrowBytes(rows) });
  },
});
