// SparkSession.connect("local"): a private server with a random token, stopped on close.
import test from "ava";
import { AuthenticationError, SparkSession } from "../../src/index.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("connect('local') starts a token-protected server and close() stops it", async (t) => {
  const spark = await SparkSession.connect("local");
  const server = (spark as unknown as { server: { pid: number; port: number; connectionString(): string } }).server;
  t.is(await spark.version(), "4.1.1");
  t.deepEqual(await spark.sql("SELECT 1 AS x").collect(), [{ x: 1 }]);

  const token = /;token=([^;]+)/.exec(server.connectionString())![1]!;
  t.true(token.length >= 32, "a random token protects the server");
  const intruder = await SparkSession.connect(`sc://127.0.0.1:${server.port}/;token=wrong-${token.slice(0, 8)}`);
  const err = await t.throwsAsync(intruder.version(), { instanceOf: AuthenticationError });
  t.false(err.message.includes(token.slice(0, 8)), "the token never appears in messages");
  t.regex(err.message, /token/);
  await intruder.close();

  await spark.close();
  t.false(alive(server.pid), "the server process is gone after close()");
});
