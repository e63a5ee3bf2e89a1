import * as assert from 'node:assert/strict';
import { createAttachment, withAttachments } from '../../src/core/prompts/attachments';

describe('attachments', () => {
  it('sends the text, then each file in a fenced block with its name and language', () => {
    const a = createAttachment('src/a.ts', 'typescript', 'const a = 1;\n');
    assert.equal(a.truncated, false);
    assert.equal(withAttachments('Review this', [a]), 'Review this\n\nAttached file `src/a.ts`:\n\n```typescript\nconst a = 1;\n```');
  });

  it('cuts a long file at a line boundary and says how much is sent', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const a = createAttachment('big.txt', 'plaintext', text, 100);
    assert.equal(a.truncated, true);
    assert.equal(a.chars, text.length);
    assert.ok(a.text.length <= 100 && a.text.endsWith(String(a.text.split('\n').length - 1)));
    assert.match(withAttachments('x', [a]), new RegExp(`\`big.txt\` \\(first ${a.text.length} of ${text.length} characters\\):\n\n\`\`\`\nline 0`));
  });

  it('uses a longer fence for files that contain fences, and gives each attachment its own id', () => {
    const md = createAttachment('README.md', 'markdown', '```js\nx\n```');
    const other = createAttachment('b.md', 'markdown', 'b');
    assert.notEqual(md.id, other.id);
    assert.match(withAttachments('', [md]), /\n````markdown\n```js\nx\n```\n````$/);
  });
});
