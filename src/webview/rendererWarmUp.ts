/**
 * V8 compiles a function the first time it is called, so the first reply a view formats would also pay for compiling
 * the markdown renderer, the sanitizer and the code-block frames: in VS Code the first frame of a reply that streams
 * in at once held 31–41 ms of the view's script on the CPU instead of about 10. A view that is shown again is loaded
 * anew (it is not kept while hidden), so that was the first reply after every show. So the view formats a small sample
 * of what replies hold in idle time after it loads, a block per unit, and throws the result away: nothing of it
 * reaches the page or the extension. Its code block also has highlight.js register its grammars then (one per idle
 * unit, see `highlight`), which the first code block in a reply would otherwise wait for.
 */
import { renderMarkdown } from './markdown';
import { PRIORITY, renderScheduler } from './renderScheduler';

/** A block of each kind the renderer formats differently (the frames of code blocks and tables cost most). */
const SAMPLE = [
  '### Heading\n\n',
  'A paragraph with **bold**, _emphasis_, `code` and a [link](https://example.com).\n\n',
  '- an item\n- another item\n\n1. first\n2. second\n\n',
  '> a quote\n\n',
  '```ts\nconst answer = 42;\n```\n\n',
  '| a | b |\n| --- | --- |\n| 1 | 2 |\n\n',
];

/** Formats {@link SAMPLE} in idle time, after everything else the view has to do. */
export function warmUpRenderer(): void {
  const blocks = [...SAMPLE];
  renderScheduler.add({
    step: () => {
      renderMarkdown([blocks.shift()!]);
      return blocks.length > 0;
    },
    priority: () => PRIORITY.warmUp,
  });
}
