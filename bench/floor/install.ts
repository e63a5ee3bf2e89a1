/**
 * Builds the plain-text floor (`extension.ts` and `webview.ts` beside this file, bundled by esbuild) into an
 * extensions folder, where VS Code finds it at start like any installed extension.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOOR_CONTAINER_TITLE, FLOOR_EXTENSION_ID, FLOOR_VIEW_ID } from './protocol';

const VERSION = '0.0.1';
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="2" y="2" width="12" height="12"/></svg>';

/** Bundles the floor from `repoRoot/bench/floor` into `extensionsDir`. */
export async function installFloorExtension(repoRoot: string, extensionsDir: string): Promise<void> {
  const source = join(repoRoot, 'bench', 'floor');
  const [publisher, name] = FLOOR_EXTENSION_ID.split('.');
  const dir = join(extensionsDir, `${FLOOR_EXTENSION_ID}-${VERSION}`);
  mkdirSync(dir, { recursive: true });
  const container = FLOOR_VIEW_ID.split('.')[0];
  const manifest = {
    name, publisher, version: VERSION, displayName: FLOOR_CONTAINER_TITLE, engines: { vscode: '^1.74.0' }, main: './extension.js',
    contributes: {
      viewsContainers: { activitybar: [{ id: container, title: FLOOR_CONTAINER_TITLE, icon: 'icon.svg' }] },
      views: { [container]: [{ type: 'webview', id: FLOOR_VIEW_ID, name: 'Reply' }] },
    },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'icon.svg'), ICON);
  const common = { bundle: true, minify: true, logLevel: 'silent' as const };
  await build({ ...common, entryPoints: [join(source, 'extension.ts')], outfile: join(dir, 'extension.js'), platform: 'node', format: 'cjs', external: ['vscode'] });
  await build({ ...common, entryPoints: [join(source, 'webview.ts')], outfile: join(dir, 'webview.js'), platform: 'browser', format: 'iife' });
}
