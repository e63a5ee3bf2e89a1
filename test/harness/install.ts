// Where the pieces for running real VS Code live. `scripts/setup-vscode-web.mjs` installs them and writes the
// manifest read here, so the layout of the cache is defined in one place only.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Root of the extension repository (this file is compiled to `out/test/harness/`). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/** Written by `scripts/setup-vscode-web.mjs` once Node 24, code-server and Chromium are in place. */
export interface VscodeWebInstall {
  /** Node 24 binary that runs code-server. */
  node: string;
  /** Directory of the `code-server` npm package. */
  codeServer: string;
  /** The Chromium executable playwright-core drives. */
  chromium: string;
  codeServerVersion: string;
}

const manifestPath = join(repoRoot, '.cache', 'vscode-web', 'install.json');

/** Whether the setup script has completed on this machine. */
export function isVscodeWebInstalled(): boolean {
  return existsSync(manifestPath);
}

/** Reads the install manifest, or throws telling how to create it. */
export function readVscodeWebInstall(): VscodeWebInstall {
  if (!isVscodeWebInstalled()) {
    throw new Error(`code-server is not set up (no ${manifestPath}); run: node scripts/setup-vscode-web.mjs`);
  }
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as VscodeWebInstall;
}
