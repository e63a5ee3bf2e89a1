import * as assert from 'node:assert/strict';
import type { Delta } from '../../src/core/view/deltaBatcher';
import { DeltaBatcher } from '../../src/core/view/deltaBatcher';
import { BURST_CHARS } from '../../src/shared/streamPace';

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

  it('spaces posts out after a burst, and goes back to one per interval when text comes at reading speed', async () => {
    const posted: Delta[] = [];
    const batcher = new DeltaBatcher((d) => posted.push(d), 5, 60_000);
    const posts = (n: number) => new Promise<void>((resolve) => {
      const poll = () => (posted.length >= n ? resolve() : setTimeout(poll, 1));
      poll();
    });
    batcher.add(delta('x'.repeat(BURST_CHARS)));
    await posts(1);
    batcher.add(delta('after the burst'));
    // A timer ten times the normal interval, set after the batcher's: had it used the normal interval, it posted first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(posted.length, 1, 'the post after a burst waits for the longer interval');
    batcher.flush();
    assert.equal(posted[1].content, 'after the burst');
    batcher.add(delta('a word'));
    await posts(3);
    assert.equal(posted[2].content, 'a word');
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
