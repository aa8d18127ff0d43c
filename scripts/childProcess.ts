// Running a child process of the repository's scripts to its end.
import { spawn } from "node:child_process";

/**
 * Runs `file` with `args` and resolves with everything it printed (stdout and stderr in
 * arrival order) and its exit code (1 when a signal ended it). With `echo`, its output
 * also goes to this process's stdout and stderr as it comes.
 */
export function runChild(
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean } = {},
): Promise<{ out: string; code: number }> {
  return new Promise((ok) => {
    const child = spawn(file, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const collect = (d: Buffer, to: NodeJS.WriteStream) => {
      out += d.toString();
      if (options.echo) to.write(d);
    };
    child.stdout.on("data", (d: Buffer) => collect(d, process.stdout));
    child.stderr.on("data", (d: Buffer) => collect(d, process.stderr));
    child.on("error", (e) => (out += String(e)));
    child.on("close", (c) => ok({ out, code: c ?? 1 }));
  });
}
