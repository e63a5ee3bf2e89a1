import * as assert from 'node:assert/strict';
import { buildSelectionPrompt, DEFAULT_QUESTION } from '../../src/core/prompts/selectionPrompt';

const base = { code: 'const a = 1;\nconst b = 2;\n', languageId: 'typescript', fileName: 'src/a.ts', startLine: 3, endLine: 4 };

describe('buildSelectionPrompt', () => {
  it('puts the question, file, line range and a fenced block tagged with the language', () => {
    const { prompt, truncated } = buildSelectionPrompt(base);
    assert.equal(prompt, `${DEFAULT_QUESTION}\n\nFrom \`src/a.ts\` (lines 3-4, typescript):\n\n\`\`\`typescript\nconst a = 1;\nconst b = 2;\n\`\`\``);
    assert.equal(truncated, false);
  });

  it('uses the question given and says "line" for one line', () => {
    const { prompt } = buildSelectionPrompt({ ...base, endLine: 3, code: 'x()' }, 'Find the bug');
    assert.match(prompt, /^Find the bug\n/);
    assert.match(prompt, /\(line 3, typescript\)/);
  });

  it('uses a longer fence when the code contains backtick fences', () => {
    const { prompt } = buildSelectionPrompt({ ...base, languageId: 'markdown', code: '```js\nx\n```' });
    assert.match(prompt, /\n````markdown\n```js\nx\n```\n````$/);
  });

  it('maps VS Code language ids to fence tags', () => {
    assert.match(buildSelectionPrompt({ ...base, languageId: 'shellscript' }).prompt, /```bash\n/);
    assert.match(buildSelectionPrompt({ ...base, languageId: 'plaintext' }).prompt, /```\nconst a/);
  });

  it('cuts a huge selection at a line boundary and says so', () => {
    const code = Array.from({ length: 50_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n'); // ~1.4 MB
    const result = buildSelectionPrompt({ ...base, code, endLine: 50_000 });
    assert.equal(result.truncated, true);
    assert.equal(result.totalLines, 50_000);
    assert.ok(result.prompt.length < 101_000, `${result.prompt.length}`);
    assert.match(result.prompt, new RegExp(`only the first ${result.includedLines} of 50000 lines`));
    assert.match(result.prompt, new RegExp(`line ${result.includedLines - 1} x+\\n\`\`\``));
  });
});
