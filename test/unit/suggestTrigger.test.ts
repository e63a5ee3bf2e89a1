import * as assert from 'node:assert/strict';
import { triggerAt } from '../../src/webview/suggestMenu';

describe('what the composer\'s suggestion list opens for', () => {
  it('opens for @ or # at the start of a word, with what follows up to the caret', () => {
    assert.deepEqual(triggerAt('look at @src/ch', 15), { trigger: '@', query: 'src/ch', start: 8 });
    assert.deepEqual(triggerAt('#sel', 4), { trigger: '#', query: 'sel', start: 0 });
    assert.deepEqual(triggerAt('@', 1), { trigger: '@', query: '', start: 0 });
    assert.deepEqual(triggerAt('a @b c', 4), { trigger: '@', query: 'b', start: 2 }, 'the caret counts, not the end of the text');
  });

  it('does not open inside an e-mail address, after a space, or with the caret elsewhere', () => {
    assert.equal(triggerAt('me@example.com', 14), undefined);
    assert.equal(triggerAt('@file and more', 14), undefined);
    assert.equal(triggerAt('issue#12', 8), undefined);
  });

  it('opens for / only at the very start, before any space', () => {
    assert.deepEqual(triggerAt('/ex', 3), { trigger: '/', query: 'ex', start: 0 });
    assert.equal(triggerAt('/explain it', 11), undefined);
    assert.equal(triggerAt('a /ex', 5), undefined);
  });
});
