// The release package: `npm run package` builds a VSIX that installs into VS Code (code-server's
// `--install-extension`) and works there without the development folder.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/install';
import { OllamaSimulator } from '../../simulator';
import { useWorkbench } from './driver';

const vsix = join(repoRoot, 'dist', 'ollama-chat.vsix');

describe('the packaged extension (VSIX)', function () {
  this.timeout(180_000);
  const settings: Record<string, unknown> = {};
  let server: OllamaSimulator;

  before(async function () {
    this.timeout(180_000);
    execFileSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    server = await OllamaSimulator.start();
    settings['ollamaChat.host'] = server.url;
  });
  after(async () => {
    await server?.stop();
    // Put the development build back (the package step left a minified one without source maps).
    execFileSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'ignore' });
  });

  const workbench = useWorkbench({ settings, extensionDevelopmentPath: null, installExtensions: [vsix] });

  it('is under 1 MB, installs, activates and chats', async () => {
    assert.ok(statSync(vsix).size < 1_000_000, `${statSync(vsix).size} bytes`);
    const wb = workbench();
    await wb.openChatView();
    const chat = wb.chatFrame();
    const input = chat.locator('textarea[aria-label="Message"]');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('Hello from the VSIX');
    await input.press('Enter');
    await chat.locator('[data-role="assistant"][data-status="complete"]').waitFor({ timeout: 30_000 });
    assert.match((await chat.locator('[data-role="assistant"] .markdown-body').textContent()) ?? '', /Hello from the VSIX/);
    assert.equal(await wb.page.title().then((t) => t.includes('Extension Development Host')), false, 'not a development window');
  });

  it('runs a command, whose code the package loads on first use (dist/commands.js)', async () => {
    const wb = workbench();
    await wb.runCommand('Ollama Chat: Pick Model');
    await wb.pickQuickPickItem('llama3.2:latest');
    await wb.page.locator('.statusbar-item', { hasText: 'llama3.2:latest' }).first().waitFor({ timeout: 30_000 });
  });
});
