/**
 * The plain-text floor's webview: the reply as plain text that follows the end; Enter sends. Text that arrives is
 * drawn once per animation frame, in `<pre>` blocks of at most 100 lines, so the browser lays out only the last
 * block however long the reply grows: what any view showing this stream has to pay at least.
 */
import type { FloorHostMessage, FloorViewMessage } from './protocol';

declare function acquireVsCodeApi(): { postMessage(message: FloorViewMessage): void };

const LINES_PER_BLOCK = 100;

const vscodeApi = acquireVsCodeApi();
const reply = document.getElementById('reply') as HTMLDivElement;
const prompt = document.getElementById('prompt') as HTMLTextAreaElement;
let block: HTMLPreElement | undefined;
let lines = 0;
let pending = '';
let frame = 0;

function write(text: string): void {
  for (const line of text.split(/(?<=\n)/)) {
    if (!block || lines === LINES_PER_BLOCK) {
      block = reply.appendChild(document.createElement('pre'));
      lines = 0;
    }
    block.append(line);
    if (line.endsWith('\n')) lines++;
  }
  reply.scrollTop = reply.scrollHeight;
}

function show(text: string): void {
  cancelAnimationFrame(frame);
  [frame, pending, block] = [0, '', undefined];
  reply.replaceChildren();
  write(text);
}

window.addEventListener('message', (event: MessageEvent<FloorHostMessage>) => {
  const message = event.data;
  if (message.type === 'show') return show(message.text);
  pending += message.text;
  frame ||= requestAnimationFrame(() => {
    write(pending);
    [frame, pending] = [0, ''];
  });
});
prompt.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.shiftKey) return;
  event.preventDefault();
  vscodeApi.postMessage({ type: 'send', text: prompt.value });
  prompt.value = '';
  show(''); // the new reply replaces the last one
});
vscodeApi.postMessage({ type: 'ready' });
