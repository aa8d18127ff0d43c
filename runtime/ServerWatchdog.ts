// The parent-death watchdog of a local server started by the library (connect("local"),
// startLocalServer with stopOnExit). The server runs under a small /bin/sh script that
// leads the server's process group and holds a pipe from the Node process on its stdin.
// When the pipe closes (stop(), a normal exit, Ctrl-C, SIGTERM, SIGKILL, a crash or an
// out-of-memory abort of Node: the kernel closes the pipe whatever ends the process),
// the script sends SIGTERM to the whole group, waits for the server to exit, and sends
// SIGKILL to what is left after the grace period. Pure data: LocalServer.ts spawns it.
//
// Process layout (one group, led by the script, in a session of its own so a terminal's
// Ctrl-C reaches only the Node process):
//   sh (leader: waits for the server, exits with its code)
//   ├── the server command (spark-submit, exec'd into the JVM), stdin /dev/null
//   └── sh (watcher: `cat` on the pipe, then TERM to the group, grace, KILL to the group)
//
// File descriptors: 0 the pipe from the parent, 1 and 2 the server log, 3 a pipe on which
// the script writes the server's pid once.

/**
 * The script, run as `sh -c WATCHDOG_SCRIPT spark-connect-ts-watchdog <grace seconds>
 * <command> <args...>`. POSIX sh only (dash, bash, the sh of macOS).
 */
export const WATCHDOG_SCRIPT = `
grace=$1; shift
exec 4<&0 </dev/null
"$@" 3>&- 4<&- &
server=$!
(
  cat <&4 >/dev/null 2>&1
  trap '' TERM
  kill -s TERM 0 2>/dev/null
  i=0
  while [ "$i" -lt "$grace" ] && kill -0 "$server" 2>/dev/null; do sleep 1; i=$((i + 1)); done
  kill -s KILL 0 2>/dev/null
) 3>&- &
exec 4<&-
echo "$server" >&3
exec 3>&-
trap : TERM INT HUP
code=0
while kill -0 "$server" 2>/dev/null; do wait "$server"; code=$?; done
trap '' TERM
kill -s TERM 0 2>/dev/null
exit "$code"
`;

/** The name the script runs under (its `$0`, shown by ps). */
export const WATCHDOG_NAME = "spark-connect-ts-watchdog";

/** Seconds between the server's SIGTERM and the group's SIGKILL once the parent is gone. */
export const WATCHDOG_GRACE_SECONDS = 10;

/** The program and arguments that run `command args...` under the watchdog. */
export function watchdogCommand(command: string, args: readonly string[], graceSeconds = WATCHDOG_GRACE_SECONDS): { file: string; args: string[] } {
  return { file: "/bin/sh", args: ["-c", WATCHDOG_SCRIPT, WATCHDOG_NAME, String(Math.max(0, Math.floor(graceSeconds))), command, ...args] };
}
