import * as assert from 'node:assert/strict';
import { MAX_WEBVIEW_TEXT, parseWebviewMessage } from '../../src/shared/protocol';

describe('parseWebviewMessage', () => {
  it('accepts every well-formed intent and keeps only its known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'send', text: 'hi', evil: '<script>' }), { type: 'send', text: 'hi' });
    assert.deepEqual(parseWebviewMessage({ type: 'openConversation', id: 'c1' }), { type: 'openConversation', id: 'c1' });
    assert.deepEqual(parseWebviewMessage({ type: 'errorAction', action: 'retry' }), { type: 'errorAction', action: 'retry' });
    assert.deepEqual(parseWebviewMessage({ type: 'errorAction', action: 'useHost', host: 'GPU box' }), { type: 'errorAction', action: 'useHost', host: 'GPU box' });
    assert.deepEqual(parseWebviewMessage({ type: 'errorAction', action: 'useHost', host: 42 }), { type: 'errorAction', action: 'useHost' });
    assert.deepEqual(parseWebviewMessage({ type: 'newFile', code: 'x', language: 'ts' }), { type: 'newFile', code: 'x', language: 'ts' });
    assert.deepEqual(parseWebviewMessage({ type: 'editAndResend', messageId: 'm1', text: 't' }), { type: 'editAndResend', messageId: 'm1', text: 't' });
    assert.deepEqual(parseWebviewMessage({ type: 'search', query: 'q' }), { type: 'search', query: 'q' });
    assert.deepEqual(parseWebviewMessage({ type: 'earlierMessages', conversationId: 'c1', before: 'm9', messages: [{}] }),
      { type: 'earlierMessages', conversationId: 'c1', before: 'm9' });
  });

  it('rejects unknown types, wrong field types and oversized text', () => {
    for (const bad of [
      null, undefined, 42, 'send', [], {}, { type: 'nope' }, { type: 'send' }, { type: 'send', text: 5 },
      { type: 'openConversation', id: '' }, { type: 'openConversation', id: 'x'.repeat(201) },
      { type: 'earlierMessages', conversationId: 'c1' }, { type: 'earlierMessages', conversationId: 7, before: 'm1' },
      { type: 'errorAction', action: 'rm -rf' }, { type: 'newFile', code: 'x' },
      { type: 'send', text: 'x'.repeat(MAX_WEBVIEW_TEXT + 1) }, { type: 'openLink', href: {} },
      { type: '__proto__' }, { type: 'constructor' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });

  it('accepts a version choice only with a message id and a whole, non-negative version number', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'selectVersion', messageId: 'm1', version: 0, extra: 1 }), { type: 'selectVersion', messageId: 'm1', version: 0 });
    for (const version of [-1, 1.5, '1', NaN, Infinity, null, undefined, 2 ** 60]) {
      assert.equal(parseWebviewMessage({ type: 'selectVersion', messageId: 'm1', version }), undefined, String(version));
    }
    assert.equal(parseWebviewMessage({ type: 'selectVersion', messageId: '', version: 0 }), undefined);
  });

  it('accepts a branch choice only with a message id and a whole, non-negative branch number', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'selectBranch', messageId: 'm1', branch: 1, extra: 1 }), { type: 'selectBranch', messageId: 'm1', branch: 1 });
    for (const branch of [-1, 1.5, '1', NaN, Infinity, null, undefined, 2 ** 60]) {
      assert.equal(parseWebviewMessage({ type: 'selectBranch', messageId: 'm1', branch }), undefined, String(branch));
    }
    assert.equal(parseWebviewMessage({ type: 'selectBranch', messageId: '', branch: 0 }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'regenerateWith', model: 'x' }), { type: 'regenerateWith' });
  });
});

