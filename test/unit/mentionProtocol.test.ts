import * as assert from 'node:assert/strict';
import { validateConversation } from '../../src/core/conversations/conversationSchema';
import { parseWebviewMessage } from '../../src/shared/protocol';

describe('mentions in stored data and in messages from the view', () => {
  it('keeps the valid references of a user message and drops the wrong ones, naming them', () => {
    const logged: string[] = [];
    const c = validateConversation({
      messages: [
        { role: 'user', content: 'q', references: [
          { name: 'a.ts', kind: 'file' },
          { name: 'gone.ts', kind: 'file', missing: 'the file no longer exists' },
          { name: 'big.txt', kind: 'file', truncated: true },
          { name: 'x', kind: 'spaceship' },
          { name: 3, kind: 'file' },
        ] },
        { role: 'assistant', content: 'a', references: [{ name: 'a.ts', kind: 'file' }] },
      ],
    }, 'c1', (m) => logged.push(m))!;
    assert.deepEqual(c.messages[0]!.references, [
      { name: 'a.ts', kind: 'file' },
      { name: 'gone.ts', kind: 'file', missing: 'the file no longer exists' },
      { name: 'big.txt', kind: 'file', truncated: true },
    ]);
    assert.equal(c.messages[1]!.references, undefined, 'only user messages carry references');
    assert.match(logged.join('\n'), /messages\[0\]\.references\[3\], messages\[0\]\.references\[4\], messages\[1\]\.references/);
  });

  it('accepts well-formed suggest and addMention messages only', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'suggest', trigger: '@', query: 'src', requestId: 3, extra: 1 }), { type: 'suggest', trigger: '@', query: 'src', requestId: 3 });
    assert.equal(parseWebviewMessage({ type: 'suggest', trigger: '!', query: 'src', requestId: 3 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'suggest', trigger: '/', query: 'x'.repeat(301), requestId: 3 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'suggest', trigger: '/', query: '', requestId: 1.5 }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'addMention', id: 'm4' }), { type: 'addMention', id: 'm4' });
    assert.equal(parseWebviewMessage({ type: 'addMention', id: '' }), undefined);
  });
});
