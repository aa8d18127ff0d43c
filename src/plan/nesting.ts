// How deeply a request nests, as the server's protobuf parser counts it. A Spark Connect
// server parses each request with a recursion limit (spark.connect.grpc.marshallerRecursionLimit,
// 1024 by default) and refuses a deeper one before reading it; the encoders keep every plan
// within MAX_PLAN_NESTING so that never happens, and fail with InvalidPlanError instead.
import type { DescField, DescMessage, Message } from "@bufbuild/protobuf";
import { InvalidPlanError } from "../../runtime/errors.js";

/** The recursion limit of a Spark Connect server's request parser by default (Spark 3.5 to 4.1). */
export const SERVER_NESTING_LIMIT = 1024;

/**
 * The deepest nesting of a plan the client sends, in protobuf message levels counted from
 * the request: below SERVER_NESTING_LIMIT, with room for the request messages around the
 * plan (a write command or an analyze request adds a few levels).
 */
export const MAX_PLAN_NESTING = 1000;

/**
 * The deepest message of `message`, in levels below it (0 when no field holds a message).
 * A map entry counts as a level, as it is a message on the wire. Iterative: any depth.
 */
export function protoNesting(desc: DescMessage, message: Message): number {
  let deepest = 0;
  const stack: [DescMessage, Message, number][] = [[desc, message, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [d, m, depth] = top;
    if (depth > deepest) deepest = depth;
    const record = m as unknown as Record<string, unknown>;
    for (const field of d.fields) {
      const value = fieldValue(record, field);
      if (value === undefined || value === null) continue;
      switch (field.fieldKind) {
        case "message":
          stack.push([field.message, value as Message, depth + 1]);
          break;
        case "list":
          if (field.listKind === "message") for (const v of value as Message[]) stack.push([field.message, v, depth + 1]);
          break;
        case "map": {
          const entries = Object.values(value as Record<string, unknown>);
          if (entries.length === 0) break;
          if (depth + 1 > deepest) deepest = depth + 1;
          if (field.mapKind === "message") for (const v of entries) stack.push([field.message, v as Message, depth + 2]);
          break;
        }
      }
    }
  }
  return deepest;
}

function fieldValue(record: Record<string, unknown>, field: DescField): unknown {
  if (field.oneof === undefined) return record[field.localName];
  const chosen = record[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
  return chosen?.case === field.localName ? chosen.value : undefined;
}

/** The fix named by every nesting failure. */
export const NESTING_FIX =
  "Break long chains: save an intermediate DataFrame as a temp view (df.createOrReplaceTempView(name)) or a table " +
  "and continue from spark.table(name); build long expressions from a list rather than one operation per element " +
  "(greatest(...cols), concat(...cols), coalesce(...cols), or aggregate(array(...cols), lit(0), (acc, x) => acc.plus(x)) " +
  "for a sum).";

/**
 * The failure for `what` nesting `levels` protobuf levels deep (`atLeast`: more than
 * `levels`, when encoding stopped early).
 */
export function tooDeep(what: string, levels: number, atLeast = false): InvalidPlanError {
  const depth = atLeast
    ? `more than ${levels} protobuf message levels deep, the most this client sends`
    : `${levels} protobuf message levels deep, more than the ${MAX_PLAN_NESTING} this client sends`;
  return new InvalidPlanError({
    message:
      `${what} nests ${depth}: a Spark Connect server refuses a request nested deeper than ${SERVER_NESTING_LIMIT} levels ` +
      `(spark.connect.grpc.marshallerRecursionLimit), the request's own levels included. Each DataFrame operation adds 2 ` +
      `levels, each nested column operation 2 or more. ${NESTING_FIX}`,
  });
}

/** The nodes on the path an encoder is at; shared by the plan and expression encoders of one request. */
export interface Nesting {
  /** Enters a node; fails once the path holds more than MAX_PLAN_NESTING nodes (each is one protobuf level or more). */
  enter(): void;
  leave(): void;
  /**
   * Builds a root message (`what` names it in failures: "The plan") and returns it when it
   * nests at most MAX_PLAN_NESTING levels; else fails naming its depth.
   */
  checked<T extends Message>(schema: DescMessage, what: string, build: () => T): T;
}

/** A fresh path count. */
export function nesting(): Nesting {
  let level = 0;
  let what = "The plan";
  return {
    enter() {
      if (level >= MAX_PLAN_NESTING) throw tooDeep(what, MAX_PLAN_NESTING, true);
      level++;
    },
    leave() {
      level--;
    },
    checked(schema, name, build) {
      const outer = what;
      if (level === 0) what = name;
      try {
        const message = build();
        const levels = protoNesting(schema, message);
        if (levels > MAX_PLAN_NESTING) throw tooDeep(name, levels);
        return message;
      } finally {
        what = outer;
      }
    },
  };
}
