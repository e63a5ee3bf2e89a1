// Keyboard and screen readers in real VS Code (code-server in Chromium): what a screen reader would hear of a reply
// (the view's live regions, recorded as an assistive technology sees them) and a keyboard-only walk through sending
// a message, copying a code block and opening the history, checking where the focus lands at each step.
import * as assert from 'node:assert/strict';
import { heardAnnouncements, liveRegionsAround, recordAnnouncements } from '../fixtures/liveRegions';
import { useChatSession, waitUntil } from './driver';

const REPLY = 'Here is the code:\n\n```js\nconsole.log(42);\n```\n';

describe('keyboard and screen readers in real VS Code', function () {
  this.timeout(120_000);
  const { server, wb, chat, assistant } = useChatSession();
  const inView = <T>(fn: () => T): Promise<T> => chat().locator('body').evaluate(fn);
  /** What has the keyboard focus in the view: its accessible name (or class), '' when the view does not have it. */
  const focused = (): Promise<string> =>
    inView(() => {
      const el = document.activeElement;
      if (!document.hasFocus() || !el || el === document.body) return '';
      return el.getAttribute('aria-label') || el.className;
    });
  const heard = (): Promise<string[]> => inView(heardAnnouncements);

  /** Presses `key` until `name` has the focus (at most `limit` times); returns the names passed on the way. */
  async function pressUntil(key: string, name: string | RegExp, limit = 25): Promise<string[]> {
    const passed: string[] = [];
    for (let i = 0; i < limit; i++) {
      await wb().page.keyboard.press(key);
      const now = await focused();
      passed.push(now);
      if (typeof name === 'string' ? now === name : name.test(now)) return passed;
    }
    assert.fail(`${key} did not reach "${name}" in ${limit} presses; focus went through ${JSON.stringify(passed)}`);
  }

  it('announces a reply once when it starts and once when it is complete, and never its streamed pieces', async () => {
    await wb().openChatView();
    await wb().waitInChat('.message-log');
    await inView(recordAnnouncements);
    await wb().runCommand('Ollama Chat: Focus Chat Input');
    await waitUntil(focused, (name) => name === 'Message', 'the message box to have the focus');

    server().enqueueReply({ text: REPLY, tokenDelayMs: 40 });
    await wb().page.keyboard.type('Show me some code');
    await wb().page.keyboard.press('Enter');
    await waitUntil(() => assistant().getAttribute('data-status'), (s) => s === 'streaming', 'the reply to stream');
    const live = await assistant().evaluate(liveRegionsAround);
    assert.deepEqual(live, [], 'the streaming reply is in no live region');
    await waitUntil(() => assistant().getAttribute('data-status'), (s) => s === 'complete', 'the reply to be complete');
    await waitUntil(heard, (said) => said.length >= 2, 'the reply to be announced');
    assert.deepEqual(await heard(), ['polite: mistral is generating', 'polite: Reply from mistral: Here is the code: console.log(42);']);
    assert.equal(await focused(), 'Message', 'the focus stays in the message box after sending');
  });

  it('copies a code block, opens the history and a conversation with the keyboard alone', async () => {
    await wb().page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb().page.url()).origin });
    // From the message box back to the reply's code block.
    const passed = await pressUntil('Shift+Tab', 'Copy code');
    assert.ok(passed.includes('Copy message'), `the reply's own actions come first on the way up: ${JSON.stringify(passed)}`);
    await wb().page.keyboard.press('Enter');
    await waitUntil(() => wb().page.evaluate(() => navigator.clipboard.readText()), (text) => text.trim() === 'console.log(42);', 'the code on the clipboard');
    assert.equal(await focused(), 'Copy code', 'the focus stays on the button');

    await pressUntil('Shift+Tab', 'History');
    await wb().page.keyboard.press('Enter');
    await waitUntil(focused, (name) => name === 'Search conversations', 'the focus in the history search');
    assert.deepEqual(await pressUntil('Tab', /history-open/), ['Close history', 'history-open'], 'Tab goes past Close to the newest conversation');
    await wb().page.keyboard.press('Escape');
    await waitUntil(focused, (name) => name === 'History', 'Escape to close the history and give the focus back to its button');
    assert.equal(await chat().locator('.history-panel').isHidden(), true);

    await wb().page.keyboard.press('Enter');
    await waitUntil(focused, (name) => name === 'Search conversations', 'the focus in the history search again');
    await pressUntil('Tab', /history-open/);
    await wb().page.keyboard.press('Enter');
    await waitUntil(focused, (name) => name === 'Message', 'opening a conversation to put the focus in the message box');
    assert.equal(await chat().locator('.history-panel').isHidden(), true);
  });
});
