/**
 * What a screen reader hears of the chat view: the real view bundle in headless Chromium streams replies and shows
 * errors, and the test records every announcement put in the view's live regions (a MutationObserver, as an
 * assistive technology would see them) and checks that nothing else in the view is live.
 */
import * as assert from 'node:assert/strict';
import { delta, emptySnapshot, turn } from '../../bench/render/hostMessages';
import type { HostMessage, ViewState } from '../../src/shared/protocol';
import { replyAnnouncement, spokenText } from '../../src/webview/replyAnnouncements';
import { splitIntoTokens } from '../../simulator';
import { heardAnnouncements, liveRegionsAround, recordAnnouncements } from '../fixtures/liveRegions';
import { openTestView, type TestView } from './viewPage';

function withError(message: string): HostMessage {
  const snapshot = emptySnapshot() as { type: 'snapshot'; state: ViewState };
  return { type: 'snapshot', state: { ...snapshot.state, error: { kind: 'notRunning', message, actions: [{ id: 'retry', label: 'Retry' }] } } };
}

describe('screen reader announcements', function () {
  this.timeout(120_000);

  describe('what is said of a reply', () => {
    it('says a reply without markdown marks or link targets', () => {
      assert.equal(spokenText('## Title\n\n- **bold** and `code`\n\n```ts\nlet a = 1;\n```\nSee [the docs](https://x.test).'), 'Title bold and code let a = 1; See the docs.');
    });

    it('reads a short reply whole and sums up a long one by its length and opening', () => {
      assert.equal(replyAnnouncement('mistral', 'Paris is the **capital**.', false), 'Reply from mistral: Paris is the capital.');
      assert.equal(replyAnnouncement('mistral', 'Half an answer', true), 'Reply from mistral, stopped: Half an answer');
      const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
      const said = replyAnnouncement('mistral', long, false);
      assert.match(said, /^Reply from mistral, 200 words: word0 word1 .*…$/);
      assert.ok(said.length < 200, `a summary, not the whole reply (${said.length} characters)`);
    });
  });

  describe('in the view (real Chromium)', () => {
    let view: TestView;
    beforeEach(async () => {
      view = await openTestView();
      await view.load();
      await view.send([emptySnapshot()]);
      await view.page.evaluate(recordAnnouncements);
    });
    afterEach(() => view?.dispose());

    it('announces each reply once when it starts and once when it is complete, never its streamed pieces', async () => {
      for (const [i, text] of ['The first answer, in **many** small pieces.', 'The second answer.'].entries()) {
        const t = turn(i, splitIntoTokens(text), 1);
        await view.send(t.start);
        for (const d of t.deltas) await view.sendPerFrame([delta(t.messageId, d)]);
        // The reply is drawn over the next frames (the render scheduler's work); wait until its text is there.
        await view.page.waitForFunction((id) => /answer/.test(document.querySelector(`[data-message-id="${id}"]`)?.textContent ?? ''), t.messageId);
        assert.deepEqual(await view.page.locator(`[data-message-id="${t.messageId}"]`).evaluate(liveRegionsAround), [], 'no live region around the streaming reply');
        await view.send(t.end);
      }
      assert.deepEqual(await view.page.evaluate(heardAnnouncements), [
        'polite: mistral is generating',
        'polite: Reply from mistral: The first answer, in many small pieces.',
        'polite: mistral is generating',
        'polite: Reply from mistral: The second answer.',
      ]);
    });

    it('announces an error once, although every snapshot shows it again, and a new one again', async () => {
      await view.send([withError('Cannot reach Ollama.'), withError('Cannot reach Ollama.')]);
      await view.send([withError('Cannot reach Ollama.')]);
      await view.send([withError('Model mistral is not installed.')]);
      assert.deepEqual(await view.page.evaluate(heardAnnouncements), ['assertive: Cannot reach Ollama.', 'assertive: Model mistral is not installed.']);
      assert.deepEqual(await view.page.locator('.error-banner .error-message').evaluate(liveRegionsAround), [], 'the banner itself is not live');
    });
  });
});
