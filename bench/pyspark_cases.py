#!/usr/bin/env python3
"""The PySpark Connect side of `npm run bench` (the reference client, pyspark[connect]==4.1.1).

Two ways to run it:

  python bench/pyspark_cases.py serve <url>
      A worker for bench/run.ts: reads one JSON request per line on stdin, runs it once,
      answers one JSON line on stdout. The session stays open between requests, so the
      Node side can alternate clients repetition by repetition.

  python bench/pyspark_cases.py <case> <url> <N> [reps]
      One case by hand, printing JSON timings: to_arrow, collect, raw, latency,
      latency_prebuilt, stream, wide_select, joins, create_pandas, create_tuples (N rows),
      upload (N MiB). `stream` must run in a fresh process: its peak RSS is the process's.

Every timed region covers the client call only; the DataFrame is built beforehand, as on
the Node side.
"""
import gc
import json
import os
import resource
import sys
import time
import uuid

# Keep stdout for the JSON protocol; anything PySpark prints goes to stderr.
_out = sys.stdout
sys.stdout = sys.stderr

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402


def bulk_query(n: int) -> str:
    """The same SQL text as bench/cases.ts bulkQuery()."""
    return (
        "SELECT id, CAST(id AS DOUBLE) * 1.5 AS d, lpad(CAST(id AS STRING), 16, 'x') AS s, "
        "timestamp_seconds(1704067200 + id) AS ts, CAST(id / 100 AS DECIMAL(18,2)) AS dec "
        f"FROM range({n})"
    )


def stream_query(n: int) -> str:
    """The same SQL text as bench/cases.ts streamQuery()."""
    return f"SELECT id, CAST(id AS DOUBLE) * 1.5 AS d FROM range(0, {n}, 1, {max(1, -(-n // 1_000_000))})"


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def max_rss_bytes() -> int:
    # Linux carries ru_maxrss over fork + exec: it includes the spawning process's peak.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def vm_hwm_bytes():
    """This process image's peak RSS (VmHWM), unaffected by the parent."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


BASE_SECONDS = 1704067200  # 2024-01-01T00:00:00Z, as in bench/upload.ts
CREATE_SCHEMA = "id BIGINT, name STRING, x DOUBLE, ts TIMESTAMP"  # bench/upload.ts CREATE_SCHEMA
UPLOAD_ROW_BYTES = 44  # bench/upload.ts UPLOAD_ROW_BYTES


def create_data(n: int, form: str):
    """Case 8's rows (bench/upload.ts makeRows): id i, name "name-<i>", x i * 0.25,
    ts 2024-01-01 + i seconds; as a pandas DataFrame or as a list of tuples."""
    if form == "pandas":
        import numpy as np
        import pandas as pd

        ids = np.arange(n, dtype=np.int64)
        return pd.DataFrame(
            {
                "id": ids,
                "name": [f"name-{i}" for i in range(n)],
                "x": ids * 0.25,
                "ts": pd.to_datetime(ids + BASE_SECONDS, unit="s", utc=True),
            }
        )
    if form == "tuples":
        import datetime

        utc = datetime.timezone.utc
        return [
            (i, f"name-{i}", i * 0.25, datetime.datetime.fromtimestamp(BASE_SECONDS + i, tz=utc))
            for i in range(n)
        ]
    raise ValueError(f"unknown form {form!r}")


def upload_table(mib: float):
    """Case 9's table (bench/upload.ts makeUploadTable): about `mib` MiB of Arrow data,
    id BIGINT, x DOUBLE (id * 0.5), name STRING (id as 16 zero-padded digits),
    ts TIMESTAMP (2024-01-01 + id seconds, UTC). Built from numpy buffers."""
    import numpy as np
    import pyarrow as pa

    n = int(mib * 2**20) // UPLOAD_ROW_BYTES
    ids = np.arange(n, dtype=np.int64)
    chars = np.empty((n, 16), dtype=np.uint8)
    d = ids.copy()
    for k in range(15, -1, -1):
        chars[:, k] = d % 10 + 48
        d //= 10
    offsets = np.arange(0, (n + 1) * 16, 16, dtype=np.int32)
    name = pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(chars.reshape(-1)))
    ts = pa.array((ids + BASE_SECONDS) * 1_000_000, type=pa.timestamp("us", tz="UTC"))
    return pa.table({"id": ids, "x": ids * 0.5, "name": name, "ts": ts})


class Cases:
    def __init__(self, url: str):
        self.spark = SparkSession.builder.remote(url).getOrCreate()
        self.frames = {}
        self.data = {}

    def _data(self, key, make):
        # Input data is made once, outside the timed region, and kept for the next runs.
        if key not in self.data:
            self.data.clear()
            gc.collect()
            self.data[key] = make()
        return self.data[key]

    def create_df(self, n: int, form: str) -> dict:
        """spark.createDataFrame(data).count(): a pandas DataFrame (schema from its dtypes)
        or a list of tuples with the DDL schema."""
        data = self._data(("create", n, form), lambda: create_data(n, form))
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        if form == "pandas":
            df = self.spark.createDataFrame(data)
        else:
            df = self.spark.createDataFrame(data, CREATE_SCHEMA)
        rows = df.count()
        return {"seconds": time.perf_counter() - t0, "rows": rows, "cpu": time.process_time() - c0}

    def upload(self, mib: float) -> dict:
        """spark.createDataFrame(pyarrow_table).count() of about `mib` MiB."""
        table = self._data(("upload", mib), lambda: upload_table(mib))
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        rows = self.spark.createDataFrame(table).count()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        return {"seconds": seconds, "rows": rows, "cpu": cpu, "bytes": table.nbytes}

    def _df(self, query: str):
        # One DataFrame per query, built (and its schema cached) outside the timed region.
        df = self.frames.get(query)
        if df is None:
            df = self.frames[query] = self.spark.sql(query)
        return df

    def to_arrow(self, query: str) -> dict:
        df = self._df(query)
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        table = df.toArrow()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        rows = table.num_rows
        del table
        return {"seconds": seconds, "rows": rows, "cpu": cpu}

    def collect(self, query: str) -> dict:
        df = self._df(query)
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        rows = df.collect()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        n = len(rows)
        del rows
        return {"seconds": seconds, "rows": n, "cpu": cpu}

    def raw(self, query: str) -> dict:
        """ExecutePlan responses drained without Arrow decoding (PySpark's own reattachable
        iterator, as collect/toArrow use it underneath)."""
        from pyspark.sql.connect.client.reattach import ExecutePlanResponseReattachableIterator

        df = self._df(query)
        client = self.spark.client
        plan = df._plan.to_proto(client)
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        req = client._execute_plan_request_with_metadata()
        req.plan.CopyFrom(plan)
        req.operation_id = str(uuid.uuid4())
        it = ExecutePlanResponseReattachableIterator(req, client._stub, client._retrying, client._builder.metadata())
        rows = 0
        try:
            for res in it:
                if res.HasField("arrow_batch"):
                    rows += res.arrow_batch.row_count
        finally:
            it.close()
        return {"seconds": time.perf_counter() - t0, "rows": rows, "cpu": time.process_time() - c0}

    def latency(self, query: str, count: int, prebuilt: bool) -> dict:
        """`count` sequential round trips; per-call seconds. Without `prebuilt` each call is
        spark.sql(q).collect() (PySpark runs sql() eagerly: two ExecutePlan calls)."""
        df = self.spark.sql(query) if prebuilt else None
        samples = []
        for _ in range(count):
            t0 = time.perf_counter()
            (df if prebuilt else self.spark.sql(query)).collect()
            samples.append(time.perf_counter() - t0)
        return {"samples": samples}

    def wide_select(self, width: int, inner: int) -> dict:
        """Builds and encodes spark.range(10).select((col("id") + i).alias(f"c{i}") ...)."""
        client = self.spark.client
        t0 = time.perf_counter()
        size = 0
        for _ in range(inner):
            base = self.spark.range(10)
            df = base.select(*[(F.col("id") + F.lit(i)).alias(f"c{i}") for i in range(width)])
            size = len(df._plan.to_proto(client).SerializeToString())
        return {"seconds": (time.perf_counter() - t0) / inner, "bytes": size}

    def joins(self, count: int, inner: int) -> dict:
        """Builds and encodes spark.range(10) joined `count` times with spark.range(10) on id."""
        client = self.spark.client
        t0 = time.perf_counter()
        size = 0
        for _ in range(inner):
            df = self.spark.range(10)
            for _ in range(count):
                df = df.join(self.spark.range(10), "id")
            size = len(df._plan.to_proto(client).SerializeToString())
        return {"seconds": (time.perf_counter() - t0) / inner, "bytes": size}

    def stream(self, query: str) -> dict:
        """Iterates the result batch by batch, keeping none: the layer under the public
        toLocalIterator(), without its per-row conversion. Peak RSS is this process's."""
        df = self.spark.sql(query)
        client = self.spark.client
        plan = df._plan.to_proto(client)
        gc.collect()
        baseline = rss_bytes()
        peak = baseline
        rows = batches = 0
        c0, t0 = time.process_time(), time.perf_counter()
        for item in client.to_table_as_iterator(plan, {}):
            if hasattr(item, "num_rows"):
                rows += item.num_rows
                batches += 1
                del item
                peak = max(peak, rss_bytes())
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        return {
            "seconds": seconds,
            "cpu": cpu,
            "rows": rows,
            "batches": batches,
            "rssBaseline": baseline,
            "rssPeakSampled": peak,
            "peakRSS": vm_hwm_bytes() or peak,
            "maxRSS": max_rss_bytes(),
        }

    def info(self) -> dict:
        import pyspark
        import pyarrow
        import google.protobuf
        import grpc

        return {
            "python": sys.version.split()[0],
            "pyspark": pyspark.__version__,
            "pyarrow": pyarrow.__version__,
            "protobuf": google.protobuf.__version__,
            "grpcio": grpc.__version__,
            "sparkServer": self.spark.version,
        }


def dispatch(cases: Cases, req: dict) -> dict:
    op = req["op"]
    if op == "to_arrow":
        return cases.to_arrow(req["query"])
    if op == "collect":
        return cases.collect(req["query"])
    if op == "raw":
        return cases.raw(req["query"])
    if op == "latency":
        return cases.latency(req["query"], req["count"], req.get("prebuilt", False))
    if op == "wide_select":
        return cases.wide_select(req["width"], req["inner"])
    if op == "joins":
        return cases.joins(req["count"], req["inner"])
    if op == "stream":
        return cases.stream(req["query"])
    if op == "create_df":
        return cases.create_df(req["n"], req["form"])
    if op == "upload":
        return cases.upload(req["mib"])
    if op == "info":
        return cases.info()
    raise ValueError(f"unknown op {op!r}")


def reply(obj: dict) -> None:
    _out.write(json.dumps(obj) + "\n")
    _out.flush()


def serve(url: str) -> None:
    cases = Cases(url)
    reply({"ready": True})
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply(dispatch(cases, json.loads(line)))
        except Exception as e:  # reported to the Node side, which fails the case
            reply({"error": f"{type(e).__name__}: {e}"})
    cases.spark.stop()


def one_case(case: str, url: str, n: int, reps: int) -> None:
    cases = Cases(url)
    requests = {
        "to_arrow": {"op": "to_arrow", "query": bulk_query(n)},
        "collect": {"op": "collect", "query": bulk_query(n)},
        "raw": {"op": "raw", "query": bulk_query(n)},
        "latency": {"op": "latency", "query": "SELECT 1", "count": n},
        "latency_prebuilt": {"op": "latency", "query": "SELECT 1", "count": n, "prebuilt": True},
        "stream": {"op": "stream", "query": stream_query(n)},
        "wide_select": {"op": "wide_select", "width": n, "inner": 10},
        "joins": {"op": "joins", "count": n, "inner": 10},
        "create_pandas": {"op": "create_df", "n": n, "form": "pandas"},
        "create_tuples": {"op": "create_df", "n": n, "form": "tuples"},
        "upload": {"op": "upload", "mib": n},
    }
    if case not in requests:
        raise SystemExit(f"unknown case {case!r}; one of {', '.join(requests)}")
    if case == "stream":
        reps = 1  # peak RSS is per process: one run, no warm-up
    else:
        dispatch(cases, requests[case])  # warm-up
    reply({"case": case, "n": n, "runs": [dispatch(cases, requests[case]) for _ in range(reps)]})
    cases.spark.stop()


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "serve":
        serve(sys.argv[2])
    elif len(sys.argv) >= 4:
        one_case(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 3)
    else:
        raise SystemExit(__doc__)
