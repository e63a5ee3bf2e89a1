/**
 * The history list in a real browser: it is drawn again whenever the history changes (a reply ends in another
 * conversation, a search answers), and a click that straddles such an update must still reach its row.
 */
import * as assert from 'node:assert/strict';
import { emptySnapshot } from '../../bench/render/hostMessages';
import type { HostMessage } from '../../src/shared/protocol';
import type { ConversationSummary } from '../../src/shared/types';
import { openTestView, type TestView } from './viewPage';

const summary = (id: string, title: string, updatedAt: number): ConversationSummary =>
  ({ id, title, createdAt: updatedAt, updatedAt, messageCount: 2, model: 'mistral' });

describe('the history list (real Chromium)', function () {
  this.timeout(60_000);
  let view: TestView;

  beforeEach(async () => {
    view = await openTestView();
    await view.load();
  });
  afterEach(() => view?.dispose());

  it('keeps a click on a row when the list is drawn again between the press and the release', async () => {
    const now = Date.now();
    const snapshot = emptySnapshot('a');
    if (snapshot.type !== 'snapshot') throw new Error('emptySnapshot changed shape');
    snapshot.state.conversations = [summary('a', 'First', now - 1000), summary('b', 'Second', now - 2000)];
    await view.send([snapshot]);
    await view.page.getByRole('button', { name: 'History', exact: true }).click();
    const rename = view.page.locator('.history-item[data-id="b"] button[data-action="rename"]');
    const box = (await rename.boundingBox())!;
    await view.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await view.page.mouse.down();
    // A reply ended in "First": the history comes again, the same rows with new times and counts.
    const update: HostMessage = { type: 'history', conversations: [summary('a', 'First', now), summary('b', 'Second', now - 2000)] };
    await view.send([update]);
    await view.page.mouse.up();
    const posts = await view.page.evaluate(() => (window as unknown as { benchPosts: { type: string; id?: string }[] }).benchPosts);
    assert.deepEqual(posts.filter((p) => p.type === 'renameConversation'), [{ type: 'renameConversation', id: 'b' }], 'the click reached its row');
    assert.deepEqual(await view.page.locator('.history-item').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id)), ['a', 'b']);
  });
});
