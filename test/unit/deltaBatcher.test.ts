import * as assert from 'node:assert/strict';
import type { Delta } from '../../src/core/view/deltaBatcher';
import { DeltaBatcher } from '../../src/core/view/deltaBatcher';

const delta = (content: string, messageId = 'm1', thinking?: string): Delta =>
  ({ type: 'delta', conversationId: 'c', messageId, content, thinking });

describe('DeltaBatcher', () => {
  it('coalesces a burst of tokens into one post per message, in order', async () => {
    const posted: Delta[] = [];
    const batcher = new DeltaBatcher((d) => posted.push(d), 10);
    for (let i = 0; i < 100; i++) batcher.add(delta(`${i} `));
    batcher.add(delta('', 'm1', 'why'));
    batcher.add(delta('other', 'm2'));
    assert.equal(posted.length, 0);
    await new Promise<void>((resolve) => {
      const started = Date.now();
      const poll = () => (posted.length || Date.now() - started > 2000 ? resolve() : setTimeout(poll, 2));
      poll();
    });
    assert.equal(posted.length, 2);
    assert.equal(posted[0].content, Array.from({ length: 100 }, (_, i) => `${i} `).join(''));
    assert.equal(posted[0].thinking, 'why');
    assert.equal(posted[1].content, 'other');
  });

  it('flush posts at once and clear drops what is queued', () => {
    const posted: Delta[] = [];
    const batcher = new DeltaBatcher((d) => posted.push(d), 10_000);
    batcher.add(delta('a'));
    batcher.flush();
    assert.deepEqual(posted.map((d) => d.content), ['a']);
    batcher.add(delta('b'));
    batcher.clear();
    batcher.flush();
    assert.equal(posted.length, 1);
  });
});
