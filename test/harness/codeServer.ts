// Starts code-server (the real VS Code workbench and Node extension host, served over HTTP on loopback) with a
// private profile, and builds the workbench URLs that load a development extension and optionally its tests.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readVscodeWebInstall } from './install';
import { spawnGroup, type ProcessGroup } from './processGroup';
import { updateUserSettings } from './userSettings';

export interface CodeServerOptions {
  /**
   * Folder holding the profile, workspace, logs and temp files. Reusing the folder of a stopped server (and its
   * port) brings back the same workspaceState: the workspace identity includes the folder and `127.0.0.1:PORT`.
   * Default: a fresh folder under the OS temp dir, removed by `stop()`.
   */
  runDir?: string;
  /** Default: a free port. */
  port?: number;
  /** User settings merged into the profile's settings.json (a new profile starts with quiet defaults). */
  settings?: Record<string, unknown>;
  /** Folder opened as the workspace. Default: `<runDir>/workspace`. */
  workspaceFolder?: string;
  /** VSIX files installed into the profile (`--install-extension`) before the server starts. */
  installExtensions?: string[];
  /** Display language (`--locale`, e.g. `de`); VS Code uses it only when a language pack for it is installed. */
  locale?: string;
}

/** What a workbench URL asks VS Code to load (absolute paths on this machine). */
export interface WorkbenchPayload {
  /** Folder with the extension's package.json; omit to run only installed extensions. */
  extensionDevelopmentPath?: string;
  /** Compiled tests module exporting `run()`; omit for UI tests. */
  extensionTestsPath?: string;
}

export interface CodeServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly runDir: string;
  readonly workspaceFolder: string;
  /** Settles when the server process exits. */
  readonly exited: Promise<number | null>;
  /** URL that opens the workspace with the development extension (and tests) loaded. */
  workbenchUrl(payload: WorkbenchPayload): string;
  /** The last lines of the server's own log, for failure reports. */
  logTail(lines?: number): string;
  /** Stops the server and all its child processes; removes the run folder if it was created here. */
  stop(): Promise<void>;
}

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Polls `/healthz` until it answers 200; fails early if the server exits. */
async function waitForHealthy(origin: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`code-server exited with code ${exitCode} during start-up`);
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms`);
}

/** The environment minus variables that make a code-server started from a VS Code terminal talk to that window. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE'),
  );
}

function remoteUri(authority: string, path: string): string {
  return `vscode-remote://${authority}${pathToFileURL(path).pathname}`;
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it is healthy.
 * `--vscode-option enable-smoke-test-driver` makes the workbench honour the URL payload and expose `window.driver`.
 */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const install = readVscodeWebInstall();
  const ownsRunDir = options.runDir === undefined;
  const runDir = options.runDir ?? mkdtempSync(join(tmpdir(), 'ollama-chat-vscode-'));
  const folders = ['user-data', 'extensions', 'config', 'data', 'cache', 'tmp', 'workspace'];
  const dirs = Object.fromEntries(folders.map((name) => [name, join(runDir, name)]));
  Object.values(dirs).forEach((dir) => mkdirSync(dir, { recursive: true }));
  updateUserSettings(dirs['user-data'], options.settings);
  const workspaceFolder = options.workspaceFolder ?? dirs.workspace;
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const logFile = join(runDir, 'code-server.log');
  const logFd = openSync(logFile, 'a');
  const env = {
    ...cleanEnv(),
    // code-server writes its config.yaml and sockets under these; keep them inside the run folder.
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    // No marketplace: otherwise the workbench queries open-vsx.org.
    EXTENSIONS_GALLERY: '{}',
  };
  const entry = join(install.codeServer, 'out', 'node', 'entry.js');
  const profile = ['--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions];
  for (const vsix of options.installExtensions ?? []) {
    execFileSync(install.node, [entry, ...profile, '--install-extension', vsix], { env, stdio: ['ignore', logFd, logFd], timeout: 120_000 });
  }
  const server: ProcessGroup = spawnGroup(
    install.node,
    [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      ...profile,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--vscode-option', 'enable-smoke-test-driver',
      ...(options.locale ? ['--locale', options.locale] : []),
    ],
    { stdio: ['ignore', logFd, logFd], env },
  );
  closeSync(logFd);
  const logTail = (lines = 30): string => readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  const stop = async (): Promise<void> => {
    await server.stop();
    if (ownsRunDir) rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await waitForHealthy(origin, server.exited, 30_000);
  } catch (err) {
    const tail = logTail();
    await stop();
    throw new Error(`${(err as Error).message}\n--- code-server log ---\n${tail}`);
  }
  const authority = `127.0.0.1:${port}`;
  return {
    port,
    origin,
    runDir,
    workspaceFolder,
    exited: server.exited,
    logTail,
    stop,
    workbenchUrl(payload) {
      const pairs = Object.entries(payload)
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([key, path]) => [key, remoteUri(authority, path)]);
      const folder = encodeURIComponent(workspaceFolder);
      return `${origin}/?folder=${folder}&payload=${encodeURIComponent(JSON.stringify(pairs))}`;
    },
  };
}
