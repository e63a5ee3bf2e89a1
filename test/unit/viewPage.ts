/**
 * The chat view built from source and opened in headless Chromium, for unit tests of what a real browser makes of
 * the view's HTML (sanitizing is about what a browser parses, so it is tested in one). The bundle is built with
 * esbuild into a temporary folder laid out like the repository (`dist/webview.js`, `media/`), then opened with the
 * benchmark's page driver: the real CSP and stylesheet, a stand-in for `acquireVsCodeApi`, host messages as events.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { openView, type ViewPage } from '../../bench/render/page';
import { repoRoot } from '../harness/install';

/** A view page plus the folder its bundle was built in. */
export interface TestView extends ViewPage {
  /** Closes the browser and removes the build folder. */
  dispose(): Promise<void>;
}

/**
 * Builds the view (`src/webview/main.ts`) plus `extraSource`, a TypeScript module resolved from the repository root
 * (e.g. to expose internals on `window`), and opens it. Call `load()` next.
 */
export async function openTestView(extraSource = ''): Promise<TestView> {
  const dir = mkdtempSync(join(tmpdir(), 'ollama-chat-view-'));
  try {
    symlinkSync(join(repoRoot, 'media'), join(dir, 'media'));
    await build({
      stdin: { contents: `import './src/webview/main';\n${extraSource}`, resolveDir: repoRoot, loader: 'ts', sourcefile: 'test-view.ts' },
      bundle: true,
      outfile: join(dir, 'dist', 'webview.js'),
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      logLevel: 'silent',
    });
    const view = await openView(dir);
    return {
      ...view,
      async dispose() {
        await view.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
