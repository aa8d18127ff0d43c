// Exactly once across a crash: a file-to-parquet stream on a dedicated server is killed
// (SIGKILL to the JVM's process group) while files remain, a new server starts on the
// same port, and the query restarted from its checkpoint writes every input row once.
import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../../src/index.js";
import { dedicatedServer } from "../support/dedicatedServer.js";

const dir = mkdtempSync(join(tmpdir(), "sc-crash-"));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test("a stream killed with its server mid-way resumes from the checkpoint on a new server: every row exactly once", async (t) => {
  const inDir = join(dir, "in");
  const out = join(dir, "out");
  const chk = join(dir, "chk");
  mkdirSync(inDir);
  const ids: number[] = [];
  for (let f = 0; f < 12; f++) {
    const rows = Array.from({ length: 50 }, (_, i) => f * 50 + i);
    ids.push(...rows);
    writeFileSync(join(inDir, `f${String(f).padStart(2, "0")}.json`), rows.map((id) => JSON.stringify({ id })).join("\n") + "\n");
  }
  const start = (spark: SparkSession) =>
    spark.readStream
      .schema("id INT")
      .option("maxFilesPerTrigger", 1)
      .json(inDir)
      .writeStream.format("parquet")
      .checkpointLocation(chk)
      .trigger({ processingTime: "300 milliseconds" })
      .start(out);

  const first = await dedicatedServer();
  let second: Awaited<ReturnType<typeof dedicatedServer>> | undefined;
  try {
    const spark = await SparkSession.connect(`sc://127.0.0.1:${first.port}`, { retry: { maxRetries: 0 } });
    const query = await start(spark);
    // Let a few batches commit, then crash the server while files remain.
    const deadline = Date.now() + 120_000;
    while ((await query.recentProgress()).filter((p) => p.numInputRows > 0n).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const before = (await query.recentProgress()).filter((p) => p.numInputRows > 0n).length;
    t.true(before >= 3 && before < 12, `crashed after ${before} of 12 files`);
    process.kill(first.pid, "SIGKILL");
    await spark.close().catch(() => undefined);

    second = await dedicatedServer({ port: first.port });
    const again = await SparkSession.connect(`sc://127.0.0.1:${second.port}`);
    try {
      const resumed = await start(again);
      t.is(resumed.id, query.id, "the same query, from its checkpoint");
      try {
        await resumed.processAllAvailable({ timeout: 180_000 });
      } finally {
        await resumed.stop();
      }
      t.deepEqual(await again.streams.active(), [], "no query left running");
      const rows = await again.read.parquet(out).collect();
      const seen = rows.map((r) => r["id"] as number).sort((a, b) => a - b);
      t.is(seen.length, ids.length, "no row lost or repeated");
      t.deepEqual(seen, ids);
    } finally {
      await again.close();
    }
  } finally {
    await second?.stop();
    await first.stop().catch(() => undefined);
  }
});
