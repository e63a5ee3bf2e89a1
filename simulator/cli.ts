/**
 * Runs the Ollama simulator as a process, in place of Ollama (`npm run simulator`, benchmarks, manual checks):
 *   node out/simulator/cli.js [--port 11434] [--host 127.0.0.1] [--token-delay-ms 30]
 * Prints "Ollama simulator listening on http://HOST:PORT" once ready and runs until SIGINT/SIGTERM.
 */
import { OllamaSimulator, type OllamaSimulatorOptions } from './ollamaSimulator';

const USAGE = [
  'usage: node out/simulator/cli.js [--port 11434] [--host 127.0.0.1] [--token-delay-ms 30]',
  '  --port            port to listen on (0: a free one); default 11434, Ollama\'s own',
  '  --host            address to listen on; default 127.0.0.1',
  '  --token-delay-ms  pause between streamed chunks and pull steps; default 30',
].join('\n');

/** Parses the command line; undefined for `--help`; throws with the usage text on anything unexpected. */
function parseArgs(args: string[]): OllamaSimulatorOptions | undefined {
  if (args.includes('--help') || args.includes('-h')) {
    return undefined;
  }
  // Defaults suit a demo: Ollama's own port, and a pace at which streaming is visible.
  const options: OllamaSimulatorOptions = { port: 11434, defaultTokenDelayMs: 30 };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    const number = Number(value);
    if (flag === '--host' && value) {
      options.host = value;
    } else if (flag === '--port' && Number.isInteger(number) && number >= 0 && number < 65_536) {
      options.port = number;
    } else if (flag === '--token-delay-ms' && Number.isFinite(number) && number >= 0) {
      options.defaultTokenDelayMs = number;
    } else {
      throw new Error(`unexpected argument ${flag}${value === undefined ? '' : ` ${value}`}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const simulator = await OllamaSimulator.start(options);
  console.log(`Ollama simulator listening on ${simulator.url}`);
  const shutdown = (): void => {
    void simulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** The failure in words; a busy port (often Ollama itself on 11434) with the way round it. */
function describeFailure(error: unknown): string {
  const { code, address, port } = (error ?? {}) as { code?: unknown; address?: unknown; port?: unknown };
  if (code === 'EADDRINUSE') {
    const next = typeof port === 'number' ? port + 1 : 11435;
    return `Port ${String(port)} on ${String(address)} is already in use (is Ollama itself running there?). Choose another with --port, e.g. --port ${next}.`;
  }
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  console.error(describeFailure(error));
  process.exit(1);
});
