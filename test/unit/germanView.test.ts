/**
 * The view in the display language: the host's translations (what VS Code loaded from l10n/bundle.l10n.de.json)
 * go into the page's HTML, and the real view bundle in headless Chromium draws German labels and says German
 * announcements with them, under the same strict CSP (no inline script carries them).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptySnapshot, turn } from '../../bench/render/hostMessages';
import { setL10nBundle } from '../../src/shared/l10n';
import { renderWebviewHtml } from '../../src/core/view/webviewHtml';
import { repoRoot } from '../harness/install';
import { openTestView, type TestView } from './viewPage';

const german = JSON.parse(readFileSync(join(repoRoot, 'l10n/bundle.l10n.de.json'), 'utf8')) as Record<string, string>;

describe('the view in German', function () {
  this.timeout(120_000);
  let view: TestView | undefined;
  afterEach(async () => {
    setL10nBundle(undefined);
    await view?.dispose();
    view = undefined;
  });

  it('carries the translations in the page as data that reads back exactly, and says the page is German', () => {
    setL10nBundle({ 'Stop': 'Beenden', 'Reply from {0}: {1}': '"Antwort" <von> {0} & {1}' }, 'de');
    const html = renderWebviewHtml({ cspSource: 'https://x.test', nonce: 'n'.repeat(32), scriptUri: 'https://x.test/w.js', styleUri: 'https://x.test/c.css' });
    assert.match(html, /<html lang="de">/);
    const attribute = /<div id="app" data-l10n="([^"]*)">/.exec(html)?.[1] ?? '';
    const decoded = attribute.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    assert.deepEqual(JSON.parse(decoded), { 'Stop': 'Beenden', 'Reply from {0}: {1}': '"Antwort" <von> {0} & {1}' });
  });

  it('draws its labels and announces replies in German', async () => {
    setL10nBundle(german, 'de');
    view = await openTestView();
    await view.load();
    const reply = turn(0, ['Hallo', ' Welt.'], 1);
    await view.send([emptySnapshot(), ...reply.start]);
    const [done, ...rest] = reply.end;
    const stats = { evalCount: 1234, tokensPerSecond: 12.5, timeToFirstTokenMs: 1830 };
    const doneWithStats = { ...done, message: { ...(done as { message: object }).message, stats } } as typeof done;
    await view.send([{ type: 'delta', conversationId: 'bench-conversation', messageId: reply.messageId, content: 'Hallo Welt.' }, doneWithStats, ...rest]);
    const page = view.page;
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.locator('.composer-input').getAttribute('aria-label'), 'Nachricht');
    assert.equal(await page.locator('.composer-input').getAttribute('placeholder'), 'mistral fragen…');
    assert.equal(await page.locator('.header-actions button[aria-expanded]').getAttribute('aria-label'), 'Verlauf');
    assert.equal(await page.locator('.message-stats').last().textContent(), 'mistral · 1.234 Token · 12,5 Token/s · 1,8 s bis zum ersten Token');
    await page.waitForFunction(() => document.querySelector('.live-announcer[data-politeness="polite"]')?.textContent === 'Antwort von mistral: Hallo Welt.');
  });
});
