// What `util.inspect` (console.log, the REPL, tslab's cell output) and a notebook show of
// the library's objects without a server round trip: the user's view of them, never
// handles, runtimes or credentials.
import type { ExprNode } from "../expr/ExprNode.js";
import type { Grouping } from "../plan/AggregateNode.js";
import type { PlanNode } from "../plan/PlanNode.js";
import { bareExprText, shorten } from "./exprText.js";
import { exprList, knownColumns, nameList, planChain } from "./planSummary.js";
import { escapeHTML } from "./render.js";
import type { MimeBundle } from "./symbols.js";

export { INSPECT, JUPYTER_DISPLAY, type MimeBundle } from "./symbols.js";

/** `DataFrame [Project ← Filter ← Sql "SELECT …"] columns: a, b` (columns when the plan names them). */
export function dataFrameText(plan: PlanNode): string {
  const columns = knownColumns(plan);
  return `DataFrame [${planChain(plan)}]${columns !== undefined ? ` columns: ${columns.length === 0 ? "(none)" : nameList(columns)}` : ""}`;
}

/** `Column<amount * 2>`. */
export function columnText(node: ExprNode): string {
  return `Column<${shorten(bareExprText(node), 300)}>`;
}

/** `GroupedData [groupBy country] of DataFrame [...]`. */
export function groupedDataText(plan: PlanNode, keys: readonly ExprNode[], grouping: Grouping): string {
  const by = grouping.type === "pivot" ? `groupBy ${exprList(keys)} pivot ${exprList([grouping.column])}` : `${grouping.type} ${exprList(keys)}`;
  return `GroupedData [${by.trim()}] of ${dataFrameText(plan)}`;
}

/** What a session shows of itself: never its token or other connection secrets. */
export interface SessionFacts {
  readonly sessionId: string;
  /** `host:port` of the server. */
  readonly target: string;
  readonly closed: boolean;
  /** The server's Spark version, when known. */
  readonly serverVersion?: string | undefined;
}

/**
 * What `util.inspect` passes a custom inspector that this library uses: its `stylize`.
 * Declared here rather than taken from node:util, whose type names differ between
 * versions of @types/node, so the published declarations compile against any of them.
 */
export interface InspectStyle {
  readonly stylize?: (text: string, styleType: string) => string;
}

/** `SparkSession { sessionId: '…', target: 'sc://host:port', server: 'Spark 4.1.1', closed: false }`. */
export function sessionText(facts: SessionFacts, options?: InspectStyle): string {
  const str = (s: string) => (options?.stylize ? options.stylize(`'${s}'`, "string") : `'${s}'`);
  const bool = (b: boolean) => (options?.stylize ? options.stylize(String(b), "boolean") : String(b));
  const parts = [`sessionId: ${str(facts.sessionId)}`, `target: ${str(`sc://${facts.target}`)}`];
  if (facts.serverVersion !== undefined) parts.push(`server: ${str(`Spark ${facts.serverVersion}`)}`);
  parts.push(`closed: ${bool(facts.closed)}`);
  return `SparkSession { ${parts.join(", ")} }`;
}

/**
 * The MIME bundle a notebook shows for a DataFrame itself (no rows: those need the server,
 * which `await df.display()` asks): the plan's chain, the columns when known, and that hint.
 */
export function dataFrameBundle(plan: PlanNode): MimeBundle {
  const text = dataFrameText(plan);
  const call = "await df.display()";
  const hint = " shows the first rows";
  return {
    "text/plain": `${text}\n(${call}${hint})`,
    "text/html":
      `<div class="sct-df" style="font-size:13px"><code>${escapeHTML(text)}</code>` +
      `<div style="font-size:12px;opacity:.7;margin-top:2px"><code>${call}</code>${hint}</div></div>`,
  };
}
