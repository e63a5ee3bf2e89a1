/** The machine a benchmark ran on, printed with every result (figures mean little without it). */
import * as os from 'node:os';
import { readFileSync } from 'node:fs';

/** The distribution's name from /etc/os-release, else the kernel's. */
function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty) return `${pretty[1]} (${os.type()} ${os.release()})`;
  } catch {
    // Not Linux: fall through.
  }
  return `${os.type()} ${os.release()}`;
}

/** The 1, 5 and 15-minute load averages: other work on the machine skews every timed figure. */
export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

/** CPU model, core count, memory, OS, Node version, and the load average when the run started. */
export function machineFacts(): Record<string, string> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: String(os.availableParallelism()),
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: osName(),
    node: process.version,
    'load average at start': loadAverage(),
  };
}
