/**
 * The baseline for activation time: an extension that does nothing, installed into the window's extensions folder
 * (the workbench honours only one development path), so the extension host's fixed cost of activating any
 * extension is measured in the same window as ours.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EMPTY_EXTENSION_ID = 'ollama-chat-bench.empty';
/** Its name in VS Code's lists (Running Extensions). */
export const EMPTY_EXTENSION_NAME = 'Empty extension (benchmark baseline)';

const VERSION = '0.0.1';

/** Installs the empty extension into `extensionsDir` (VS Code adds extensions found there to its profile at start). */
export function installEmptyExtension(extensionsDir: string): void {
  const dir = join(extensionsDir, `${EMPTY_EXTENSION_ID}-${VERSION}`);
  mkdirSync(dir, { recursive: true });
  const [publisher, name] = EMPTY_EXTENSION_ID.split('.');
  const manifest = { name, publisher, displayName: EMPTY_EXTENSION_NAME, version: VERSION, engines: { vscode: '^1.60.0' }, main: './extension.js', activationEvents: [] };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'extension.js'), 'exports.activate = () => ({});\nexports.deactivate = () => undefined;\n');
}
