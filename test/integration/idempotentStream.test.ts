// The idempotent-writes pattern of examples/idempotentStream.ts: merging twice, and
// replaying the events after losing the checkpoint, leave each event in the target once.
import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mergeIntoTarget, stageEvents } from "../../examples/idempotentStream.js";
import { connect } from "../support/server.js";

const spark = await connect();
const dir = mkdtempSync(join(tmpdir(), "sc-idempotent-"));
test.after.always(async () => {
  await Promise.resolve(spark.sql("DROP TABLE IF EXISTS idempotent_events")).catch(() => undefined);
  await spark.close();
  rmSync(dir, { recursive: true, force: true });
});

test.serial("each event reaches the target once: a duplicate in the input, a repeated merge, a replay without the checkpoint", async (t) => {
  const inDir = join(dir, "in");
  mkdirSync(inDir);
  const events = [
    { user: "ann", ts: "2024-01-01T10:00:00Z", action: "login" },
    { user: "bob", ts: "2024-01-01T10:00:01Z", action: "buy" },
    { user: "ann", ts: "2024-01-01T10:00:00Z", action: "login" }, // sent twice
  ];
  writeFileSync(join(inDir, "a.json"), events.map((e) => JSON.stringify(e)).join("\n") + "\n");
  const staging = join(dir, "staging");
  await stageEvents(spark, inDir, staging, join(dir, "chk"));
  await mergeIntoTarget(spark, staging, "idempotent_events");
  await mergeIntoTarget(spark, staging, "idempotent_events"); // a retried job
  t.is(await spark.table("idempotent_events").count(), 2);

  // The checkpoint is lost: a new stream replays every file (old and new) into new staging.
  writeFileSync(join(inDir, "b.json"), JSON.stringify({ user: "cid", ts: "2024-01-01T10:00:02Z", action: "logout" }) + "\n");
  const replayed = join(dir, "staging-replayed");
  await stageEvents(spark, inDir, replayed, join(dir, "chk-new"));
  t.is(await spark.read.parquet(replayed).count(), 4, "the replay staged every event again");
  await mergeIntoTarget(spark, replayed, "idempotent_events");
  const rows = await spark.sql("SELECT user, action FROM idempotent_events ORDER BY user").collect();
  t.deepEqual(rows, [
    { user: "ann", action: "login" },
    { user: "bob", action: "buy" },
    { user: "cid", action: "logout" },
  ]);
});

test.serial("no query left running", async (t) => {
  t.deepEqual((await spark.streams.active()).map((q) => q.name ?? q.id), []);
});
