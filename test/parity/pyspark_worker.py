"""PySpark Connect side of the parity suite (test/parity/harness.ts).

Reads one JSON batch from stdin:
    {"url": "sc://...", "fixtures": {name: sql}, "cases": [{"name", "py", "conf"}], "threads": n}
and writes one JSON line to stdout per case as soon as it has run:
    {"name": case name, "outcome": outcome}
then a last line {"done": true, "seconds": float, "poolSeconds": float}.

Each case's "py" is a Python expression, or statements that assign `result`, evaluated
with spark, F (pyspark.sql.functions), T (pyspark.sql.types), Window, Row, the fixture
DataFrames (one variable per fixture), `tmp` (a fresh directory) and `tag` (a unique
suffix for table names) in scope.

An outcome is one of
    {"kind": "df", "columns": [...], "types": simpleString, "nulls": signature, "rows": [...]}
    {"kind": "value", "value": ...}
    {"kind": "error", "errorClass": ..., "sqlState": ..., "exception": ..., "message": ...}
Values are encoded as in test/parity/harness.ts: null, booleans, "#<number>" for
integers and non-finite floats, JSON numbers for finite floats (the harness turns them
into "#<number>" with JavaScript's formatting), "'<text>" for strings and decimals,
"@d<date>", "@t<epoch micros>", "0x<hex>", lists, {"map": [[k, v], ...]} and
{"struct": [[name, v], ...]}.
"""

import os
import sys
import time

# Timestamps come back from collect() as naive datetimes in the process's time zone:
# UTC makes them read as the instant in UTC, whatever the session time zone.
os.environ["TZ"] = "UTC"
time.tzset()

import datetime  # noqa: E402
import decimal  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import math  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import traceback  # noqa: E402
import uuid  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

logging.disable(logging.CRITICAL)

from pyspark.errors import PySparkException  # noqa: E402
from pyspark.sql import DataFrame, Row, SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.sql import types as T  # noqa: E402
from pyspark.sql.window import Window  # noqa: E402

EPOCH = datetime.datetime(1970, 1, 1)
ONE_MICRO = datetime.timedelta(microseconds=1)


def canon(v):
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return "#" + str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "#NaN"
        if math.isinf(v):
            return "#Infinity" if v > 0 else "#-Infinity"
        return v
    if isinstance(v, decimal.Decimal):
        return "'" + format(v, "f")
    if isinstance(v, str):
        return "'" + v
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return "@t" + str((v - EPOCH) // ONE_MICRO)
    if isinstance(v, datetime.date):
        return "@d" + v.isoformat()
    if isinstance(v, datetime.timedelta):
        return "#" + str(v // ONE_MICRO)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "0x" + bytes(v).hex()
    if isinstance(v, Row):
        names = getattr(v, "__fields__", None)
        if names is None:
            return [canon(x) for x in v]
        return {"struct": [[n, canon(x)] for n, x in zip(names, v)]}
    if isinstance(v, tuple) and hasattr(v, "_fields"):
        # The catalog's records (Table, Column, Database, Function, ...) are NamedTuples.
        return {"struct": [[n, canon(x)] for n, x in zip(v._fields, v)]}
    if isinstance(v, (list, tuple)):
        return [canon(x) for x in v]
    if isinstance(v, dict):
        return {"map": [[canon(k), canon(x)] for k, x in v.items()]}
    return {"unknown": type(v).__name__, "repr": repr(v)}


def nulls(dt):
    """Nullability of a type tree: the same signature as nullSignature in harness.ts."""
    if isinstance(dt, T.StructType):
        return "<" + ",".join(("?" if f.nullable else "!") + nulls(f.dataType) for f in dt.fields) + ">"
    if isinstance(dt, T.ArrayType):
        return "[" + ("?" if dt.containsNull else "!") + nulls(dt.elementType) + "]"
    if isinstance(dt, T.MapType):
        return "{" + nulls(dt.keyType) + "," + ("?" if dt.valueContainsNull else "!") + nulls(dt.valueType) + "}"
    return ""


def error_outcome(e):
    if isinstance(e, PySparkException):
        try:
            cond = e.getCondition()
        except Exception:  # noqa: BLE001
            cond = e.getErrorClass()
        state = e.getSqlState()
    else:
        cond, state = None, None
    return {
        "kind": "error",
        "errorClass": cond,
        "sqlState": state,
        "exception": type(e).__name__,
        "message": str(e).split("\n")[0][:300],
    }


def materialize(df):
    columns = df.columns
    schema = df.schema
    target = df
    if len(set(columns)) != len(columns):
        target = df.toDF(*["c%d" % i for i in range(len(columns))])
    rows = target.collect()
    return {
        "kind": "df",
        "columns": list(columns),
        "types": schema.simpleString(),
        "nulls": nulls(schema),
        "rows": [[canon(x) for x in r] for r in rows],
    }


def run_case(spark, env_base, case):
    tmp = tempfile.mkdtemp(prefix="parity-py-")
    conf = case.get("conf") or {}
    env = dict(env_base)
    env["tmp"] = tmp
    env["tag"] = "py_" + uuid.uuid4().hex[:10]
    try:
        for k, v in conf.items():
            spark.conf.set(k, v)
        code = case["py"]
        try:
            compiled = compile(code, case["name"], "eval")
            result = eval(compiled, env)  # noqa: S307
        except SyntaxError:
            exec(compile(code, case["name"], "exec"), env)  # noqa: S102
            result = env.get("result")
        if isinstance(result, DataFrame):
            return materialize(result)
        return {"kind": "value", "value": canon(result)}
    except Exception as e:  # noqa: BLE001
        out = error_outcome(e)
        if not isinstance(e, PySparkException):
            out["trace"] = traceback.format_exc()[-1500:]
        return out
    finally:
        for k in conf:
            try:
                spark.conf.unset(k)
            except Exception:  # noqa: BLE001
                pass
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    started = time.time()
    batch = json.load(sys.stdin)
    url = batch["url"]
    cases = batch["cases"]
    threads = max(1, min(int(batch.get("threads", 4)), len(cases) or 1))
    local = threading.local()
    lock = threading.Lock()
    sessions = []

    def session_env():
        if getattr(local, "env", None) is None:
            spark = SparkSession.builder.remote(url).create()
            for k, v in batch.get("sessionConf", {}).items():
                spark.conf.set(k, v)
            with lock:
                sessions.append(spark)
            env = {"spark": spark, "F": F, "T": T, "Window": Window, "Row": Row, "datetime": datetime, "decimal": decimal}
            for name, sql in batch.get("fixtures", {}).items():
                env[name] = spark.sql(sql)
            local.env = env
        return local.env

    def emit(obj):
        line = json.dumps(obj, allow_nan=False)
        with lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    def one(case):
        env = session_env()
        t = time.time()
        outcome = run_case(env["spark"], env, case)
        outcome["took"] = round(time.time() - t, 3)
        # Each result is written as soon as it is known, so the tests waiting for it
        # can finish while the rest of the batch runs.
        emit({"name": case["name"], "outcome": outcome})

    # Each pool thread has a session of its own, so a case's configuration is seen by
    # that case only (run_case unsets it afterwards).
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, cases))
    pooled = time.time()
    for s in sessions:
        try:
            s.stop()
        except Exception:  # noqa: BLE001
            pass
    emit({"done": True, "seconds": time.time() - started, "poolSeconds": pooled - started})

if __name__ == "__main__":
    main()
