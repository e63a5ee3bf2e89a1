import * as assert from 'assert';
import { BlockSplitter, splitBlocks } from '../../src/webview/blocks';
// The view's own marked configuration (raw HTML as text, its own renderers), so the split is checked against it.
import { markdownToHtml } from '../../src/webview/markdownHtml';

/** A reply shaped like a model's: every kind of block, blank lines inside code, nested code in lists. */
const REPLY = [
  '# Setting up the project',
  '',
  'Here is what we will do:',
  '1. Install the tools:',
  '   ```bash',
  '   npm install',
  '',
  '   # then build',
  '   npm run build',
  '   ```',
  '2. Write the code.',
  '',
  '   It goes in `src/`.',
  '',
  '3. Test it.',
  '',
  'A paragraph that runs',
  'over two lines.',
  '',
  '```ts',
  'function add(a: number, b: number): number {',
  '',
  '  return a + b; // ``` inside a line is fine',
  '}',
  '```',
  '',
  '| Option | Default |',
  '| ------ | :-----: |',
  '| `host` | local   |',
  '',
  '> A quote',
  'lazily continued.',
  '',
  '~~~~python',
  'print("~~~ is not a close for a longer fence")',
  '~~~',
  '',
  'still code',
  '~~~~',
  'Setext heading',
  '---',
  '- a',
  '- b',
  '  - nested',
  '',
  '      indented code in the item',
  '',
  '***',
  '',
  '    indented code',
  '',
  '    more of it',
  'after code',
  '* item',
  '```',
  'fence right after a list ends it',
  '```',
  'Text',
  '2. is not a list here',
  '## Heading',
  '- [ ] task',
  '- [x] done',
  '',
  'The end.',
].join('\n');

function renderWhole(text: string): string {
  return normalize(markdownToHtml(text));
}

function renderByBlocks(blocks: string[]): string {
  return normalize(blocks.map((b) => markdownToHtml(b)).join(''));
}

/** Whitespace that does not show: runs of it, between tags, and at the end of a paragraph-like element. */
function normalize(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(/> </g, '><')
    .replace(/ (<\/(?:p|li|h[1-6]|td|th)>)/g, '$1')
    .trim();
}

/** Feeds `text` in pieces of the given sizes (cycled) and collects all blocks plus the final one. */
function feed(text: string, sizes: number[]): string[] {
  const splitter = new BlockSplitter();
  const blocks: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const size = sizes[k % sizes.length];
    blocks.push(...splitter.push(text.slice(i, i + size)));
    i += size;
  }
  return [...blocks, ...splitter.finish()];
}

describe('BlockSplitter', () => {
  it('keeps all text: the blocks joined give the input back', () => {
    assert.strictEqual(splitBlocks(REPLY).join(''), REPLY);
  });

  it('splits a model reply into many blocks that render exactly like the whole text', () => {
    const blocks = splitBlocks(REPLY);
    assert.ok(blocks.length >= 15, `only ${blocks.length} blocks`);
    assert.strictEqual(renderByBlocks(blocks), renderWhole(REPLY));
  });

  it('gives the same blocks when fed char by char, in odd pieces, or all at once', () => {
    const once = splitBlocks(REPLY);
    assert.deepStrictEqual(feed(REPLY, [1]), once);
    assert.deepStrictEqual(feed(REPLY, [3, 7, 1, 13, 2]), once);
    assert.deepStrictEqual(feed(REPLY, [64]), once);
  });

  it('does not end a fenced code block at a blank line', () => {
    const text = '```js\nconst a = 1;\n\n\nconst b = 2;\n```\nafter\n';
    assert.deepStrictEqual(splitBlocks(text), ['```js\nconst a = 1;\n\n\nconst b = 2;\n```\n', 'after\n']);
  });

  it('closes a fence only with the same character and at least the same length', () => {
    const text = '````md\n```\ninner\n```\n~~~\n````\nnext\n';
    assert.deepStrictEqual(splitBlocks(text), ['````md\n```\ninner\n```\n~~~\n````\n', 'next\n']);
    const tildes = '~~~\ncode\n```\n\nmore\n~~~\n\ntext';
    assert.deepStrictEqual(splitBlocks(tildes), ['~~~\ncode\n```\n\nmore\n~~~\n', '\ntext']);
  });

  it('continues a list across blank lines when the next line is indented or another item', () => {
    const text = '- one\n\n  more of one\n\n- two\n\nparagraph\n';
    assert.deepStrictEqual(splitBlocks(text), ['- one\n\n  more of one\n\n- two\n\n', 'paragraph\n']);
  });

  it('keeps a code block with blank lines inside a list item in the list, as marked does', () => {
    const text = '1. Run:\n   ```sh\n   a\n\n   b\n   ```\n2. Done\n\nEnd';
    assert.deepStrictEqual(splitBlocks(text), ['1. Run:\n   ```sh\n   a\n\n   b\n   ```\n2. Done\n\n', 'End']);
    // A code line not indented to the item after a blank line ends the list (and so the nested code) in marked.
    const outdented = '1. Run:\n   ```sh\n   a\n\nb\n';
    assert.deepStrictEqual(splitBlocks(outdented), ['1. Run:\n   ```sh\n   a\n\n', 'b\n']);
  });

  it('keeps a table together and ends it at a blank line', () => {
    const text = 'Intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nAfter';
    assert.deepStrictEqual(splitBlocks(text), ['Intro\n\n', '| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n', 'After']);
  });

  it('reports a fence left open at the end as the tail, with its language and code', () => {
    const splitter = new BlockSplitter();
    const done = splitter.push('Intro\n\n```python title="x"\nprint(1)\n\nprint(2)\npri');
    assert.deepStrictEqual(done, ['Intro\n\n']);
    const fence = splitter.openFence;
    assert.ok(fence);
    assert.strictEqual(fence.language, 'python');
    const tail = splitter.tail;
    assert.strictEqual(tail.slice(fence.bodyStart, fence.bodyEnd), 'print(1)\n\nprint(2)\n');
    assert.strictEqual(tail.slice(fence.bodyEnd), 'pri');
    assert.deepStrictEqual(splitter.finish(), ['```python title="x"\nprint(1)\n\nprint(2)\npri']);
    assert.strictEqual(splitter.openFence, undefined);
  });

  it('has no open fence for a fence nested in a list, nor once the fence closes', () => {
    const splitter = new BlockSplitter();
    splitter.push('- item\n  ```\n  code\n');
    assert.strictEqual(splitter.openFence, undefined);
    const top = new BlockSplitter();
    top.push('```\ncode\n');
    assert.ok(top.openFence);
    assert.deepStrictEqual(top.push('```\n'), ['```\ncode\n```\n']);
    assert.strictEqual(top.openFence, undefined);
  });

  it('lets a fence, heading or quote interrupt a paragraph, but not a list that starts above 1', () => {
    assert.deepStrictEqual(splitBlocks('a\n```\nb\n```\n'), ['a\n', '```\nb\n```\n']);
    assert.deepStrictEqual(splitBlocks('a\n# H\nb'), ['a\n', '# H\n', 'b']);
    assert.deepStrictEqual(splitBlocks('a\n> q\n\nb'), ['a\n', '> q\n\n', 'b']);
    assert.deepStrictEqual(splitBlocks('a\n2. b\n\nc'), ['a\n2. b\n\n', 'c']);
  });

  it('renders like marked for a few thousand generated documents mixing every kind of line', function () {
    this.timeout(20_000); // about a second, more on a busy machine
    // Lines chosen to hit the edges of marked's rules: lazy continuations, list/quote/fence interplay, tabs, setext.
    const lines = [
      'para text', 'more *text*', '', '', '- item', '  - nested', '1. one', '2. two', '   indented cont', '```', '```js',
      '~~~', '````', '    code', '# H', '---', '***', '===', '> quote', '>', '| a | b |', '|---|---|', '* star',
      '+ plus', '\tTabbed', '   ```', '      deep', '- [ ] task', '1) paren', '-', '10. ten', '> ```', '> - item',
      '>     code', '- ```js', '#hashtag', '-\ttab', '- # head in item', '--', '- - -', ' - one space', '``` `x`',
    ];
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 4294967296) * n);
    };
    for (let doc = 0; doc < 3000; doc++) {
      const text = Array.from({ length: 2 + random(12) }, () => lines[random(lines.length)]).join('\n');
      const blocks = splitBlocks(text);
      assert.strictEqual(renderByBlocks(blocks), renderWhole(text), JSON.stringify({ text, blocks }));
      if (doc % 50 === 0) assert.deepStrictEqual(feed(text, [1 + random(4), 1 + random(9)]), blocks, text);
    }
  });

  it('drops finished text, so the pending block stays small however long the reply gets', () => {
    const splitter = new BlockSplitter();
    for (let i = 0; i < 2000; i++) splitter.push(`Paragraph ${i} with some words.\n\n`);
    splitter.push('last one, not finished');
    assert.strictEqual(splitter.tail, 'last one, not finished');
  });
});
