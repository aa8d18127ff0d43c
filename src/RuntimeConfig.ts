import type { SessionHandle } from "./internal/handle.js";
import type { CallOptions } from "./internal/ops/action.js";
import { run } from "./internal/run.js";
import * as E from "./effect/conf.js";

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
  constructor(/** @internal */ readonly handle: SessionHandle) {}

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
  get(key: string, defaultValue?: string | CallOptions, options?: CallOptions): Promise<string | undefined> {
    return run(this.handle, () => E.get(this, key, defaultValue, options));
  }

  /**
   * Sets a setting for this session.
   *
   * @example
   * ```ts
   * await spark.conf.set("spark.sql.session.timeZone", "UTC");
   * ```
   */
  set(key: string, value: string | number | boolean, options?: CallOptions): Promise<void> {
    return run(this.handle, () => E.set(this, key, value, options));
  }

  /**
   * Returns a setting to its default.
   *
   * @example
   * ```ts
   * await spark.conf.unset("spark.sql.shuffle.partitions");
   * ```
   */
  unset(key: string, options?: CallOptions): Promise<void> {
    return run(this.handle, () => E.unset(this, key, options));
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
  getAll(prefix?: string | CallOptions, options?: CallOptions): Promise<Record<string, string>> {
    return run(this.handle, () => E.getAll(this, prefix, options));
  }

  /**
   * Whether a setting can be changed in a running session.
   *
   * @example
   * ```ts
   * await spark.conf.isModifiable("spark.sql.shuffle.partitions"); // true
   * ```
   */
  isModifiable(key: string, options?: CallOptions): Promise<boolean> {
    return run(this.handle, () => E.isModifiable(this, key, options));
  }

  /** What `console.log` shows: no session internals. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "RuntimeConfig {}";
  }
}
