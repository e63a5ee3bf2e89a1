import * as assert from 'node:assert/strict';
import { MAX_WEBVIEW_TEXT, parseWebviewMessage } from '../../src/shared/protocol';

describe('parseWebviewMessage', () => {
  it('accepts every well-formed intent and keeps only its known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'send', text: 'hi', evil: '<script>' }), { type: 'send', text: 'hi' });
    assert.deepEqual(parseWebviewMessage({ type: 'openConversation', id: 'c1' }), { type: 'openConversation', id: 'c1' });
    assert.deepEqual(parseWebviewMessage({ type: 'errorAction', action: 'retry' }), { type: 'errorAction', action: 'retry' });
    assert.deepEqual(parseWebviewMessage({ type: 'newFile', code: 'x', language: 'ts' }), { type: 'newFile', code: 'x', language: 'ts' });
    assert.deepEqual(parseWebviewMessage({ type: 'editAndResend', messageId: 'm1', text: 't' }), { type: 'editAndResend', messageId: 'm1', text: 't' });
    assert.deepEqual(parseWebviewMessage({ type: 'search', query: 'q' }), { type: 'search', query: 'q' });
  });

  it('rejects unknown types, wrong field types and oversized text', () => {
    for (const bad of [
      null, undefined, 42, 'send', [], {}, { type: 'nope' }, { type: 'send' }, { type: 'send', text: 5 },
      { type: 'openConversation', id: '' }, { type: 'openConversation', id: 'x'.repeat(201) },
      { type: 'errorAction', action: 'rm -rf' }, { type: 'newFile', code: 'x' },
      { type: 'send', text: 'x'.repeat(MAX_WEBVIEW_TEXT + 1) }, { type: 'openLink', href: {} },
      { type: '__proto__' }, { type: 'constructor' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });
});
