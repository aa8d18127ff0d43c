import { Effect } from "effect";
import type { ConfigOperation, Session } from "../runtime/Session.js";
import { InvalidOptionError, type SparkConnectError } from "../runtime/errors.js";
import { runPromise } from "./internal/run.js";

function checkKey(key: unknown): string {
  if (typeof key !== "string" || key === "") {
    throw new InvalidOptionError({ message: `A Spark configuration key must be a non-empty string such as "spark.sql.shuffle.partitions" (got ${String(key)}).` });
  }
  return key;
}

/**
 * The session's Spark SQL configuration (`spark.conf`), read and written on the server.
 *
 * @example
 * ```ts
 * await spark.conf.set("spark.sql.shuffle.partitions", "8");
 * await spark.conf.get("spark.sql.shuffle.partitions"); // "8"
 * ```
 */
export class RuntimeConfig {
  /** @internal */
  constructor(private readonly session: Session) {}

  private pairs(op: ConfigOperation): Effect.Effect<Map<string, string | undefined>, SparkConnectError> {
    return Effect.map(this.session.config(op), (res) => new Map(res.pairs.map((p) => [p.key, p.value])));
  }

  /**
   * The value of a setting. Without a default, an unset key with no default of its own
   * rejects with Spark's error (SQL_CONF_NOT_FOUND).
   *
   * @example
   * ```ts
   * await spark.conf.get("spark.sql.ansi.enabled"); // "true"
   * await spark.conf.get("my.own.key", "fallback"); // "fallback"
   * ```
   */
  get(key: string, defaultValue?: string): Promise<string | undefined> {
    checkKey(key);
    const op: ConfigOperation =
      defaultValue === undefined
        ? { case: "get", value: { keys: [key] } }
        : { case: "getWithDefault", value: { pairs: [{ key, value: defaultValue }] } };
    return runPromise(Effect.map(this.pairs(op), (m) => m.get(key)));
  }

  /**
   * Sets a setting for this session.
   *
   * @example
   * ```ts
   * await spark.conf.set("spark.sql.session.timeZone", "UTC");
   * ```
   */
  set(key: string, value: string | number | boolean): Promise<void> {
    checkKey(key);
    return runPromise(Effect.asVoid(this.session.config({ case: "set", value: { pairs: [{ key, value: String(value) }] } })));
  }

  /**
   * Returns a setting to its default.
   *
   * @example
   * ```ts
   * await spark.conf.unset("spark.sql.shuffle.partitions");
   * ```
   */
  unset(key: string): Promise<void> {
    checkKey(key);
    return runPromise(Effect.asVoid(this.session.config({ case: "unset", value: { keys: [key] } })));
  }

  /**
   * Every explicitly set setting, optionally only those whose key starts with `prefix`
   * (keys are returned whole; the server's answer without the prefix is completed).
   *
   * @example
   * ```ts
   * const sql = await spark.conf.getAll("spark.sql.");
   * ```
   */
  getAll(prefix?: string): Promise<Record<string, string>> {
    const op: ConfigOperation = { case: "getAll", value: prefix === undefined ? {} : { prefix } };
    return runPromise(
      Effect.map(this.pairs(op), (m) => Object.fromEntries([...m].map(([k, v]) => [(prefix ?? "") + k, v ?? ""]))),
    );
  }

  /**
   * Whether a setting can be changed in a running session.
   *
   * @example
   * ```ts
   * await spark.conf.isModifiable("spark.sql.shuffle.partitions"); // true
   * ```
   */
  isModifiable(key: string): Promise<boolean> {
    checkKey(key);
    return runPromise(Effect.map(this.pairs({ case: "isModifiable", value: { keys: [key] } }), (m) => m.get(key) === "true"));
  }
}
