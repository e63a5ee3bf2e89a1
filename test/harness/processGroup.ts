// Child processes that fork further processes (code-server starts an extension host, a file watcher and a pty
// host) are started in their own process group, so the whole tree can be stopped with one signal — also when the
// test run is interrupted, crashes or times out.
import { spawn, type SpawnOptions } from 'node:child_process';

/** A detached child process and everything it forks. */
export interface ProcessGroup {
  readonly pid: number;
  /** Settles with the exit code (null when killed by a signal) once the leader exits. */
  readonly exited: Promise<number | null>;
  /** SIGTERM to the group, SIGKILL after `graceMs` if the leader is still alive, then SIGKILL to any leftovers. */
  stop(graceMs?: number): Promise<void>;
}

const liveGroups = new Set<number>();
const cleanups = new Set<() => Promise<void>>();
let handlersInstalled = false;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Runs every registered cleanup (for at most 10 s) and exits with `code`. For interrupts and overall timeouts;
 * whatever is still alive then is killed by the exit handler.
 */
export async function shutdown(code: number, reason: string): Promise<never> {
  console.error(`\n[harness] ${reason}: stopping the processes started for VS Code…`);
  const deadline = new Promise((res) => setTimeout(res, 10_000).unref());
  await Promise.race([Promise.allSettled([...cleanups].map((fn) => fn())), deadline]);
  process.exit(code);
}

/** Runs the registered cleanups on Ctrl+C/SIGTERM/SIGHUP, and kills any group still alive when the process exits. */
function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => liveGroups.forEach((pid) => signalGroup(pid, 'SIGKILL')));
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => void shutdown(code, signal));
  }
}

/**
 * Registers an async cleanup to run when the process is interrupted by a signal or `shutdown()`.
 * @returns a function that unregisters it (call it once the cleanup ran normally).
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  installHandlers();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Spawns `command` as the leader of a new process group that is killed at the latest when this process exits. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ProcessGroup {
  installHandlers();
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  liveGroups.add(pid);
  const exited = new Promise<number | null>((res) => {
    child.once('exit', (code) => res(code));
    child.once('error', () => res(null));
  });
  const stop = async (graceMs = 5_000): Promise<void> => {
    signalGroup(pid, 'SIGTERM');
    const timer = new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), graceMs).unref());
    await Promise.race([exited, timer]);
    // The leader may be gone while a forked extension host or watcher still lingers in the group.
    signalGroup(pid, 'SIGKILL');
    await exited;
    liveGroups.delete(pid);
  };
  return { pid, exited, stop };
}
