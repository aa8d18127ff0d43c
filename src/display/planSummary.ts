// What the client knows of a DataFrame without asking the server: the chain of its plan's
// steps and, where the steps name them, its columns.
import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "../plan/PlanNode.js";
import { structFromDDL } from "../types/ddl.js";
import { exprText, shorten } from "./exprText.js";

/** The steps shown before the rest of a long chain is elided. */
const MAX_STEPS = 6;

function quote(text: string, max: number): string {
  return JSON.stringify(shorten(text, max));
}

/** One step of the plan as a short label: `Filter`, `Limit 10`, `Sql "SELECT …"`. */
function label(node: PlanNode): string {
  switch (node.kind) {
    case "Sql":
      return `Sql ${quote(node.query, 40)}`;
    case "Range":
      return `Range(${node.start}, ${node.end}${node.step !== 1n ? `, ${node.step}` : ""})`;
    case "Read":
      return node.source.type === "table"
        ? `Table ${node.source.name}`
        : `Read ${node.source.format ?? "data source"}${node.source.paths.length > 0 ? ` ${quote(node.source.paths.join(", "), 40)}` : ""}`;
    case "LocalRelation":
      return "LocalRelation";
    case "Limit":
      return `Limit ${node.limit}`;
    case "Offset":
      return `Offset ${node.offset}`;
    case "Tail":
      return `Tail ${node.limit}`;
    case "Join":
      return `Join ${node.how}`;
    case "SetOp":
      return `${node.op[0]!.toUpperCase()}${node.op.slice(1)}${node.all ? " all" : ""}${node.byName ? " by name" : ""}`;
    case "SubqueryAlias":
      return `Alias ${node.alias}`;
    case "Stat":
      return `Stat ${node.stat.type}`;
    case "Hint":
      return `Hint ${node.name}`;
    case "CollectMetrics":
      return `Observe ${node.name}`;
    case "Aggregate":
      return node.grouping.type === "groupBy" ? "Aggregate" : `Aggregate ${node.grouping.type}`;
    default:
      return node.kind;
  }
}

/** The inputs of a step: none for a source, two for a join or a set operation. */
function inputs(node: PlanNode): PlanNode[] {
  if ("input" in node) return [node.input];
  if (node.kind === "Join" || node.kind === "SetOp") return [node.left, node.right];
  return [];
}

/**
 * The plan as a chain from the last step to its source, `←` between steps; the two sides
 * of a join or set operation in parentheses. Long chains are elided in the middle.
 *
 * @example
 * ```ts
 * planChain(spark.sql("SELECT 1 AS a").where("a > 0").select("a").plan); // 'Project ← Filter ← Sql "SELECT 1 AS a"'
 * ```
 */
export function planChain(plan: PlanNode, depth = 0): string {
  const steps: string[] = [];
  let node: PlanNode | undefined = plan;
  while (node !== undefined) {
    const ins = inputs(node);
    if (ins.length === 2) {
      steps.push(depth >= 2 ? `${label(node)}(…)` : `${label(node)}(${planChain(ins[0]!, depth + 1)}, ${planChain(ins[1]!, depth + 1)})`);
      break;
    }
    steps.push(label(node));
    node = ins[0];
  }
  if (steps.length > MAX_STEPS) steps.splice(MAX_STEPS - 2, steps.length - MAX_STEPS + 1, "…");
  return steps.join(" ← ");
}

/** The output name of an expression when the client can tell it; undefined when only Spark can. */
function outputName(e: ExprNode): string | undefined {
  switch (e.kind) {
    case "Alias":
      return e.names.length === 1 ? e.names[0] : undefined;
    case "ColumnRef": {
      if (e.name.includes("`")) return undefined;
      const parts = e.name.split(".");
      return parts[parts.length - 1];
    }
    default:
      return undefined;
  }
}

/** Output names of a projection, `*` expanded to the input's columns; undefined when any is unknown. */
function projected(exprs: readonly ExprNode[], input: readonly string[] | undefined): string[] | undefined {
  const out: string[] = [];
  for (const e of exprs) {
    if (e.kind === "Star" && e.target === undefined) {
      if (input === undefined) return undefined;
      out.push(...input);
      continue;
    }
    const name = outputName(e);
    if (name === undefined) return undefined;
    out.push(name);
  }
  return out;
}

/**
 * The DataFrame's column names when its plan names them all (a projection of named
 * columns and aliases, a range, renames, ...); undefined when only the server can tell
 * (a SQL query, a table, an unaliased expression).
 *
 * @example
 * ```ts
 * knownColumns(spark.range(3).withColumn("x", lit(1)).plan); // ["id", "x"]
 * ```
 */
export function knownColumns(plan: PlanNode): string[] | undefined {
  // Past this depth only Spark can tell (and the stack stays small).
  if (columnsDepth >= MAX_COLUMNS_DEPTH) return undefined;
  columnsDepth++;
  try {
    return columnsOf(plan);
  } finally {
    columnsDepth--;
  }
}

const MAX_COLUMNS_DEPTH = 500;
let columnsDepth = 0;

function columnsOf(plan: PlanNode): string[] | undefined {
  switch (plan.kind) {
    case "Range":
      return ["id"];
    case "LocalRelation":
      if (plan.schema === undefined || plan.schema === "") return plan.table === undefined ? [] : undefined;
      try {
        return structFromDDL(plan.schema).fields.map((f) => f.name);
      } catch {
        return undefined;
      }
    case "Project":
      return projected(plan.exprs, knownColumns(plan.input));
    case "Aggregate":
      if (plan.grouping.type === "pivot" || plan.grouping.type === "groupingSets") return undefined;
      return projected([...plan.groupBy, ...plan.aggregates], undefined);
    case "WithColumns": {
      const input = knownColumns(plan.input);
      if (input === undefined) return undefined;
      const out = [...input];
      for (const c of plan.columns) {
        const name = c.names[0]!;
        if (!out.includes(name)) out.push(name);
      }
      return out;
    }
    case "Rename": {
      const input = knownColumns(plan.input);
      if (input === undefined) return undefined;
      const renames = new Map(plan.renames);
      return input.map((c) => renames.get(c) ?? c);
    }
    case "ToDF":
      return [...plan.names];
    case "Drop": {
      const input = knownColumns(plan.input);
      if (input === undefined || plan.columns.length > 0) return undefined;
      return input.filter((c) => !plan.names.includes(c));
    }
    case "Unpivot": {
      const ids = projected(plan.ids, undefined);
      return ids === undefined ? undefined : [...ids, plan.variableColumn, plan.valueColumn];
    }
    case "SetOp":
      // By name or by position, the columns are the left side's, unless a union by name adds the right side's missing ones.
      return plan.allowMissingColumns ? undefined : knownColumns(plan.left);
    case "Filter":
    case "Sort":
    case "Limit":
    case "Offset":
    case "Tail":
    case "Deduplicate":
    case "Sample":
    case "SubqueryAlias":
    case "Repartition":
    case "RepartitionByExpression":
    case "Hint":
    case "WithWatermark":
    case "NAFill":
    case "NADrop":
    case "NAReplace":
    case "CollectMetrics":
      return knownColumns(plan.input);
    default:
      return undefined;
  }
}

/** A list of names cut after `max` of them: `a, b, c, … (12 more)`. */
export function nameList(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => shorten(n, 40));
  return names.length > max ? `${shown.join(", ")}, … (${names.length - max} more)` : shown.join(", ");
}

/** An expression list for a label, cut to `max` characters. */
export function exprList(exprs: readonly ExprNode[], max = 60): string {
  return shorten(exprs.map(exprText).join(", "), max);
}
