/**
 * The limits on formatting one block of a reply : replies built to break the renderer fall back to plain text
 * before marked sees them, replies as models write them never do, and marked gets through every block the limits
 * let pass. What formatting such blocks costs is measured by `npm run bench`, not here.
 */
import * as assert from 'node:assert/strict';
import { splitBlocks } from '../../src/webview/blocks';
import { markdownToHtml } from '../../src/webview/markdownHtml';
import { htmlTooLargeReason, plainTextReason, RENDER_LIMITS } from '../../src/webview/renderLimits';
import { defaultReply, longReplyTokens, xssReply } from '../../simulator';

const nestedList = (levels: number): string => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
const table = (rows: number): string => `| a | b | c |\n|---|---|---|\n${'| `x` | **y** | [z](https://e.com) |\n'.repeat(rows)}`;

describe('limits on formatting a block', () => {
  it('shows replies built to break the renderer as plain text before marked sees them', () => {
    assert.equal(plainTextReason(`${'>'.repeat(3500)} deep`), 'This part is nested too deeply to format.');
    assert.equal(plainTextReason(nestedList(500)), 'This part is too long to format.');
    assert.equal(plainTextReason(nestedList(RENDER_LIMITS.nesting + 1)), 'This part is nested too deeply to format.');
    assert.equal(plainTextReason(`${'> '.repeat(RENDER_LIMITS.nesting)}- x`), 'This part is nested too deeply to format.');
    assert.equal(plainTextReason(`${'*'.repeat(5000)}a${'*'.repeat(5000)}`), 'This part has too much emphasis markup to format.');
    assert.equal(plainTextReason('*a'.repeat(RENDER_LIMITS.emphasisChars + 1)), 'This part has too much emphasis markup to format.');
    assert.equal(plainTextReason('word '.repeat(RENDER_LIMITS.blockChars / 4)), 'This part is too long to format.');
    assert.equal(htmlTooLargeReason(markdownToHtml(table(400))), 'This part has too many elements to format.');
  });

  it('formats replies as models write them', () => {
    const replies = [defaultReply('Explain streaming'), longReplyTokens(20_000).join(''), xssReply()];
    for (const block of replies.flatMap(splitBlocks)) {
      assert.equal(plainTextReason(block), undefined, block.slice(0, 100));
      assert.equal(htmlTooLargeReason(markdownToHtml(block)), undefined, block.slice(0, 100));
    }
    assert.equal(plainTextReason(nestedList(RENDER_LIMITS.nesting)), undefined, 'as deep as the limit');
    assert.equal(plainTextReason('1. step\n   - detail\n     ```sh\n     echo "deeply indented code in a list"\n     ```'), undefined);
    assert.equal(htmlTooLargeReason(markdownToHtml(table(200))), undefined, 'a 200-row table');
    assert.equal(plainTextReason(`---\n\n${'='.repeat(80)}`), undefined, 'long rules');
  });

  it('lets code blocks of any size through (marked does not parse their text)', () => {
    const code = `const x = "${'*'.repeat(100)}"; // ${'>'.repeat(100)}\n`.repeat(5000);
    assert.equal(plainTextReason(`\`\`\`ts\n${code}\`\`\`\n`), undefined);
    assert.equal(plainTextReason(`~~~\n${code}`), undefined, 'unclosed at the end of a reply');
    assert.equal(plainTextReason(code.replace(/^/gm, '    ')), undefined, 'indented code');
  });

  it('lets marked through every block at the limits without failing', () => {
    const atLimits = {
      'quotes as deep as the limit': `${'> '.repeat(RENDER_LIMITS.nesting)}x\n`.repeat(200),
      'a list as deep as the limit, as long as the limit': (nestedList(RENDER_LIMITS.nesting) + '\n').repeat(60).slice(0, RENDER_LIMITS.blockChars),
      'emphasis runs at the limit': `${'*'.repeat(RENDER_LIMITS.emphasisRun)}a${'*'.repeat(RENDER_LIMITS.emphasisRun)} `.repeat(25),
      'emphasis characters at the limit': '*a'.repeat(RENDER_LIMITS.emphasisChars / 2),
      'brackets as long as the limit': `${'['.repeat(RENDER_LIMITS.blockChars - 10)}a](b)`,
      'backticks at the limit': '`a'.repeat(RENDER_LIMITS.blockChars / 2),
      'a paragraph as long as the limit': 'Some **bold** words, `code`, a [link](https://e.com/x) and _em_ text. '.repeat(200).slice(0, RENDER_LIMITS.blockChars),
    };
    for (const [name, block] of Object.entries(atLimits)) {
      assert.equal(plainTextReason(block), undefined, name);
      assert.ok(markdownToHtml(block).length > 0, name);
    }
  });
});
