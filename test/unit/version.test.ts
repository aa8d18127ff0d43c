import test from "ava";
import { readFileSync } from "node:fs";
import { VERSION } from "../../runtime/version.js";

test("the version sent in client_type is package.json's", (t) => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  t.is(VERSION, pkg.version);
});
