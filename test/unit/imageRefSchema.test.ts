/** Image references read from storage or an import: only well-formed ones on user messages are kept. */
import * as assert from 'node:assert/strict';
import { validateConversation } from '../../src/core/conversations/conversationSchema';

const hash = 'a'.repeat(64);
const good = { hash, mimeType: 'image/png', bytes: 1200, name: 'a.png' };

describe('stored image references', () => {
  it('keeps valid references of a user message and reports the others by path', () => {
    const logs: string[] = [];
    const c = validateConversation({
      messages: [
        { role: 'user', content: 'look', images: [good, { ...good, hash: '../../etc/passwd' }, { ...good, mimeType: 'text/html' }, { ...good, bytes: -1 }, 'x'] },
        { role: 'assistant', content: 'ok', images: [good] },
      ],
    }, 'c', (m) => logs.push(m))!;
    assert.deepEqual(c.messages[0].images, [good]);
    assert.equal(c.messages[1].images, undefined, 'only user messages carry images');
    assert.match(logs.join('\n'), /messages\[0\]\.images\[1\], messages\[0\]\.images\[2\], messages\[0\]\.images\[3\], messages\[0\]\.images\[4\], messages\[1\]\.images/);
  });

  it('keeps at most five images on a message', () => {
    const images = Array.from({ length: 7 }, (_, i) => ({ ...good, hash: String(i).repeat(64) }));
    const c = validateConversation({ messages: [{ role: 'user', content: 'many', images }] }, 'c')!;
    assert.equal(c.messages[0].images?.length, 5);
  });
});
