#!/usr/bin/env node
// The spark-connect-ts command line: check, codegen, sql, server (see --help). The
// commands are compiled into dist/src/cli/.
import { main } from "../dist/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
