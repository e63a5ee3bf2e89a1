// The extension in German in real VS Code (code-server in Chromium, `--locale de`). VS Code switches its display
// language, and so `vscode.env.language` and the extensions' bundles, only when a language pack for it is installed;
// without one it stays English whatever `--locale` says. Microsoft's German pack cannot be downloaded here, so the
// test installs a minimal one (no translations of VS Code's own text) built with vsce, as a user does: Extensions:
// Install from VSIX…, then a reload. (Installed with code-server's `--install-extension` instead, the pack is not
// registered in the profile's languagepacks.json and VS Code stays English.) VS Code then runs in German and loads
// the extension's package.nls.de.json and l10n/bundle.l10n.de.json as it does for a real user.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../harness/install';
import { useWorkbench, waitUntil } from './driver';

/** Builds a German language pack VSIX in `dir` and returns its path. */
function buildGermanLanguagePack(dir: string): string {
  const pack = join(dir, 'pack');
  mkdirSync(join(pack, 'translations'), { recursive: true });
  writeFileSync(join(pack, 'package.json'), JSON.stringify({
    name: 'test-language-pack-de',
    publisher: 'ollama-chat-tests',
    version: '0.0.1',
    engines: { vscode: '^1.95.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{ languageId: 'de', languageName: 'German', localizedLanguageName: 'Deutsch', translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
    },
  }));
  writeFileSync(join(pack, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(join(pack, 'README.md'), 'A German language pack for tests: VS Code runs in German, its own text stays English.\n');
  const vsix = join(dir, 'test-language-pack-de.vsix');
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: pack, stdio: ['ignore', 'pipe', 'pipe'] });
  return vsix;
}

describe('the extension in German in real VS Code', function () {
  this.timeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'ollama-chat-de-'));
  // Nothing listens on port 9 (discard): the view says in German that Ollama cannot be reached.
  const host = 'http://127.0.0.1:9';
  let languagePack = '';
  before(function () {
    this.timeout(120_000);
    languagePack = buildGermanLanguagePack(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const wb = useWorkbench({ settings: { 'ollamaChat.host': host, 'ollamaChat.model': 'mistral' }, locale: 'de' });

  it('shows German command titles, labels in the chat view and error messages', async () => {
    await wb().runCommand('Extensions: Install from VSIX...');
    await wb().chooseFileInDialog(languagePack);
    const packs = join(dirname(wb().workspaceFolder), 'user-data', 'languagepacks.json');
    await waitUntil(async () => existsSync(packs) && readFileSync(packs, 'utf8'), (text) => typeof text === 'string' && text.includes('"de"'), 'VS Code to register the German language pack');
    await wb().reload();
    // The workbench's display language, set by the translations script the server generates from the language pack.
    const language = await wb().page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE);
    assert.equal(language, 'de', `VS Code runs in German; the language packs it knows (${packs}): ${existsSync(packs) ? readFileSync(packs, 'utf8').slice(0, 300) : 'none'}`);
    await wb().openChatView();
    const chat = wb().chatFrame();
    const input = chat.locator('textarea.composer-input');
    await input.waitFor({ timeout: 30_000 });
    assert.equal(await chat.locator('html').getAttribute('lang'), 'de', 'the extension host\'s vscode.env.language');
    assert.equal(await input.getAttribute('aria-label'), 'Nachricht', 'the message box is labelled in German');
    await waitUntil(() => chat.locator('.error-banner .error-message').textContent(), (text) => text === `Ollama auf ${host} ist nicht erreichbar. Läuft es?`,
      'the error in German');
    // The palette has the command under its German title (package.nls.de.json) and runs it: the cursor goes to the
    // message box of the new conversation.
    await wb().runCommand('Ollama Chat: Neue Unterhaltung');
    await waitUntil(() => wb().chatFrame().locator('body').evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''),
      (label) => label === 'Nachricht', 'the cursor in the message box');
  });
});
