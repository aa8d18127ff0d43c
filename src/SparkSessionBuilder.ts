import { InvalidOptionError } from "../runtime/errors.js";
import { run } from "./internal/run.js";
import { applyInitialConf, type ConnectOptions, confPairs, SparkSession } from "./SparkSession.js";

/** A setting's value as the builder takes it (sent as a string). */
type ConfValue = string | number | boolean;

/** The session `getOrCreate` returns while it is open (PySpark's default session). */
let defaultSession: SparkSession | undefined;
/** The session a `getOrCreate` is opening: a concurrent `getOrCreate` waits for it instead of opening another. */
let opening: Promise<SparkSession> | undefined;

const isOpen = (spark: SparkSession | undefined): spark is SparkSession => spark !== undefined && !spark.handle.core.isClosed();

/**
 * PySpark's `SparkSession.builder` for porting code: the connection string and Spark
 * settings, then `getOrCreate()` or `create()`. Each setter returns the builder.
 *
 * @example
 * ```ts
 * const spark = await SparkSession.builder.remote("sc://localhost:15002").config("spark.sql.shuffle.partitions", 4).getOrCreate();
 * ```
 */
export class SparkSessionBuilder {
  private settings: Record<string, string> = {};
  private connectOptions: ConnectOptions = {};

  /**
   * A Spark setting for the session, or several from an object (PySpark's
   * `config(key, value)` and `config(map=...)`). `spark.remote` is the connection string.
   *
   * @example
   * ```ts
   * SparkSession.builder.config("spark.sql.ansi.enabled", true).config({ "spark.sql.shuffle.partitions": 4 });
   * ```
   */
  config(key: string | Readonly<Record<string, ConfValue>>, value?: ConfValue): this {
    const pairs = typeof key === "string" ? confPairsAll({ [key]: value as ConfValue }) : confPairsAll(key);
    for (const { key: k, value: v } of pairs) this.settings[k] = v;
    return this;
  }

  /**
   * The connection string (PySpark's `remote`, the `spark.remote` setting); without one,
   * the `SPARK_REMOTE` environment variable or `sc://localhost`, as `connect()` uses.
   *
   * @example
   * ```ts
   * SparkSession.builder.remote("sc://spark.example.com:443/;use_ssl=true");
   * ```
   */
  remote(url = "sc://localhost"): this {
    return this.config("spark.remote", url);
  }

  /**
   * The application name (the `spark.app.name` setting). A running server keeps its own
   * name: as in PySpark, the setting is refused with a warning.
   *
   * @example
   * ```ts
   * SparkSession.builder.appName("nightly-etl");
   * ```
   */
  appName(name: string): this {
    return this.config("spark.app.name", name);
  }

  /**
   * Does nothing, as in PySpark Connect: the server decides where work runs.
   *
   * @example
   * ```ts
   * SparkSession.builder.master("local[*]"); // ignored
   * ```
   */
  master(_master: string): this {
    return this;
  }

  /**
   * Options of `SparkSession.connect` that are not Spark settings: token, retry policy,
   * timeouts, TLS, row conversion, guardrails, services (see ConnectOptions).
   *
   * @example
   * ```ts
   * SparkSession.builder.remote(url).options({ token: process.env.SPARK_TOKEN, callTimeoutMs: 30_000 });
   * ```
   */
  options(options: ConnectOptions): this {
    if (typeof options !== "object" || options === null) {
      throw new InvalidOptionError({ message: "builder.options(): give an object of connect options, e.g. { callTimeoutMs: 30_000 }." });
    }
    this.connectOptions = { ...this.connectOptions, ...options };
    return this;
  }

  /**
   * A new session with the builder's settings (PySpark's `create()`); it becomes the
   * session `getOrCreate()` returns when there is none open.
   *
   * @example
   * ```ts
   * const spark = await SparkSession.builder.remote("sc://localhost").create();
   * ```
   */
  async create(): Promise<SparkSession> {
    const { ["spark.remote"]: remote, ...settings } = this.settings;
    const url = remote ?? process.env["SPARK_REMOTE"] ?? "sc://localhost";
    const conf = { ...this.connectOptions.conf, ...settings };
    const created = SparkSession.connect(url, { ...this.connectOptions, conf });
    const spark = await created;
    if (!isOpen(defaultSession)) defaultSession = spark;
    return spark;
  }

  /**
   * The open session made by an earlier `getOrCreate()` or `create()` (with this
   * builder's settings applied to it, as PySpark does; its connection string stays), or
   * a new one.
   *
   * @example
   * ```ts
   * const spark = await SparkSession.builder.remote("sc://localhost").getOrCreate();
   * const same = await SparkSession.builder.getOrCreate(); // the same session
   * ```
   */
  async getOrCreate(): Promise<SparkSession> {
    while (opening !== undefined) await opening.catch(() => undefined);
    const known = defaultSession;
    if (!isOpen(known)) {
      const pending = this.create();
      opening = pending;
      try {
        return await pending;
      } finally {
        if (opening === pending) opening = undefined;
      }
    }
    const { ["spark.remote"]: _remote, ...settings } = this.settings;
    const pairs = confPairs("builder.config()", { ...this.connectOptions.conf, ...settings });
    await run(known.handle, () => applyInitialConf(known.handle.core, pairs));
    return known;
  }

  /** What `console.log` shows: the settings' names, never the options (a token may be among them). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SparkSessionBuilder { settings: [${Object.keys(this.settings).map((k) => JSON.stringify(k)).join(", ")}] }`;
  }
}

/** The builder's settings as strings, checked (spark.remote included). */
function confPairsAll(conf: unknown): { key: string; value: string }[] {
  const remote = typeof conf === "object" && conf !== null ? (conf as Record<string, unknown>)["spark.remote"] : undefined;
  const pairs = confPairs("builder.config()", conf);
  if (remote !== undefined) {
    if (typeof remote !== "string" || remote === "") {
      throw new InvalidOptionError({ message: 'builder.remote(): give a connection string such as "sc://localhost:15002".' });
    }
    pairs.push({ key: "spark.remote", value: remote });
  }
  return pairs;
}

/**
 * A new builder that can also be called (`SparkSession.builder()` as well as
 * `SparkSession.builder.remote(...)`): calling it gives a fresh builder.
 * @internal
 */
export function newBuilder(): SparkSessionBuilder & (() => SparkSessionBuilder) {
  const callable = (() => newBuilder()) as unknown as SparkSessionBuilder & (() => SparkSessionBuilder);
  Object.setPrototypeOf(callable, SparkSessionBuilder.prototype);
  Object.assign(callable, new SparkSessionBuilder());
  return callable;
}
