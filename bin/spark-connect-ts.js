#!/usr/bin/env node
// spark-connect-ts command line: `spark-connect-ts check [-p tsconfig.json] [--dsl-only]`.
import { main } from "../dist/transformer/check.js";

process.exitCode = main(process.argv.slice(2));
