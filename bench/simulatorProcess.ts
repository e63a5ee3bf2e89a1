/**
 * The Ollama simulator in its own process, as real Ollama is: the client under test then has a core of its own
 * and the simulator's work does not count against it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SimulatorProcess {
  /** `http://127.0.0.1:PORT` */
  url: string;
  stop(): Promise<void>;
}

/** Compiled CLI of the simulator (this file is compiled to `out/bench/`). */
const CLI = join(__dirname, '..', 'simulator', 'cli.js');
const START_TIMEOUT_MS = 15_000;

/** Starts `out/simulator/cli.js` on a free port with no delay between tokens; resolves once it listens. */
export function startSimulatorProcess(): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--token-delay-ms', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  // An interrupted benchmark must not leave the server running.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`Ollama simulator: ${why}${output ? `\n${output}` : ''}`));
    };
    const timer = setTimeout(() => fail(`not listening after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onEarlyExit = (code: number | null): void => fail(`exited with code ${code}`);
    child.once('exit', onEarlyExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve({ url: match[1], stop });
    });
  });
}
