/** The session's Spark SQL configuration (`spark.conf`) as Effects. */
import * as Effect from "effect/Effect";
import { InvalidOptionError, type SparkConnectFailure } from "../../runtime/errors.js";
import type { ConfigOperation } from "../../runtime/Session.js";
import type { CallOptions } from "../internal/ops/action.js";
import { config } from "../internal/ops/config.js";
import { op } from "../internal/ops/typed.js";
import type { RuntimeConfig } from "../RuntimeConfig.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

function checkKey(key: unknown): string {
  if (typeof key !== "string" || key === "") {
    throw new InvalidOptionError({ message: `A Spark configuration key must be a non-empty string such as "spark.sql.shuffle.partitions" (got ${String(key)}).` });
  }
  return key;
}

/**
 * The value of a setting; without a default, an unset key with no default of its own
 * fails with Spark's error (SQL_CONF_NOT_FOUND).
 *
 * @example
 * ```ts
 * const ansi = yield* Spark.conf.get(spark.conf, "spark.sql.ansi.enabled");
 * ```
 */
export const get = (conf: RuntimeConfig, key: string, defaultValue?: string | CallOptions, options?: CallOptions): Eff<string | undefined> =>
  typeof defaultValue === "object" && defaultValue !== null ? get(conf, key, undefined, defaultValue) : op("conf.get", options, () => {
    const k = checkKey(key);
    const operation: ConfigOperation =
      defaultValue === undefined ? { case: "get", value: { keys: [k] } } : { case: "getWithDefault", value: { pairs: [{ key: k, value: String(defaultValue) }] } };
    return Effect.map(config(conf.handle, operation), (m) => m.get(k));
  });

/** Sets a setting for this session. @example yield* Spark.conf.set(spark.conf, "spark.sql.session.timeZone", "UTC") */
export const set = (conf: RuntimeConfig, key: string, value: string | number | boolean, options?: CallOptions): Eff<void> =>
  op("conf.set", options, () => Effect.asVoid(config(conf.handle, { case: "set", value: { pairs: [{ key: checkKey(key), value: String(value) }] } })));

/** Returns a setting to its default. @example yield* Spark.conf.unset(spark.conf, "spark.sql.shuffle.partitions") */
export const unset = (conf: RuntimeConfig, key: string, options?: CallOptions): Eff<void> =>
  op("conf.unset", options, () => Effect.asVoid(config(conf.handle, { case: "unset", value: { keys: [checkKey(key)] } })));

/** Every explicitly set setting, optionally those under a prefix. @example yield* Spark.conf.getAll(spark.conf, "spark.sql.") */
export const getAll = (conf: RuntimeConfig, prefix?: string | CallOptions, options?: CallOptions): Eff<Record<string, string>> =>
  typeof prefix === "object" && prefix !== null ? getAll(conf, undefined, prefix) : op("conf.getAll", options, () =>
    Effect.map(config(conf.handle, { case: "getAll", value: prefix === undefined ? {} : { prefix } }), (m) =>
      Object.fromEntries([...m].map(([k, v]) => [(prefix ?? "") + k, v ?? ""])),
    ),
  );

/** Whether a setting can be changed in a running session. @example yield* Spark.conf.isModifiable(spark.conf, "spark.sql.shuffle.partitions") */
export const isModifiable = (conf: RuntimeConfig, key: string, options?: CallOptions): Eff<boolean> =>
  op("conf.isModifiable", options, () => {
    const k = checkKey(key);
    return Effect.map(config(conf.handle, { case: "isModifiable", value: { keys: [k] } }), (m) => m.get(k) === "true");
  });
