import * as assert from 'node:assert/strict';
import { ChatError } from '../../src/core/ollama/errors';
import type { PromptTemplate } from '../../src/core/prompts/promptTemplates';
import {
  BUILT_IN_TEMPLATES, expandTemplate, mergeTemplates, parseSlashCommand, templateFromFile, templatesFromSetting, unknownPlaceholders,
} from '../../src/core/prompts/promptTemplates';

const template = (prompt: string, extra: Partial<PromptTemplate> = {}): PromptTemplate =>
  ({ name: 'review', description: '', prompt, source: 'user', origin: 'ollamaChat.promptTemplates in your user settings', ...extra });

describe('prompt templates', () => {
  it('has /explain, /fix, /tests, /doc and /commit, all with known placeholders only', () => {
    assert.deepEqual(BUILT_IN_TEMPLATES.map((t) => t.name), ['explain', 'fix', 'tests', 'doc', 'commit']);
    for (const t of BUILT_IN_TEMPLATES) assert.deepEqual(unknownPlaceholders(t.prompt), [], t.name);
  });

  it('reads "/name rest" as a command with its input, and other text as no command', () => {
    assert.deepEqual(parseSlashCommand('/explain'), { name: 'explain', input: '' });
    assert.deepEqual(parseSlashCommand('  /fix it crashes\non empty input '), { name: 'fix', input: 'it crashes\non empty input' });
    assert.equal(parseSlashCommand('explain /fix'), undefined);
    assert.equal(parseSlashCommand('/ nothing'), undefined);
  });

  it('fills in each placeholder, reading only the ones used, each once', async () => {
    const read: string[] = [];
    const text = await expandTemplate(template('Review {{ file }} ({{language}}):\n\n{{selection}}\n\n{{input}}\n\nAgain {{file}}'), 'be strict', (p) => {
      read.push(p);
      return { selection: '```ts\nx\n```', file: 'a.ts', language: 'typescript', diff: 'never' }[p];
    });
    assert.equal(text, 'Review a.ts (typescript):\n\n```ts\nx\n```\n\nbe strict\n\nAgain a.ts');
    assert.deepEqual(read.sort(), ['file', 'language', 'selection']);
  });

  it('folds the blank lines an empty input leaves', async () => {
    assert.equal(await expandTemplate(template('A\n\n{{input}}\n\nB'), '', () => ''), 'A\n\nB');
  });

  it('refuses an unknown placeholder, naming the template, the placeholder and where to fix it, before reading anything', async () => {
    let read = false;
    await assert.rejects(
      expandTemplate(template('Look at {{selction}} and {{code}} and {{selction}}'), '', () => {
        read = true;
        return '';
      }),
      (err: unknown) => err instanceof ChatError && err.kind === 'invalidPrompt'
        && /\/review uses \{\{selction\}\}, \{\{code\}\}, which is not a placeholder/.test(err.message)
        && /\{\{selection\}\}/.test(err.message) && /your user settings/.test(err.message),
    );
    assert.equal(read, false);
  });

  it('passes on a reader\'s error in user words (no selection, nothing staged)', async () => {
    await assert.rejects(expandTemplate(BUILT_IN_TEMPLATES[4]!, '', () => {
      throw new ChatError('invalidPrompt', 'Nothing is staged.');
    }), /Nothing is staged/);
  });

  it('reads the setting, skipping bad entries with a reason', () => {
    const { templates, problems } = templatesFromSetting({ review: 'Review {{selection}}', 'bad name': 'x', n: 3 }, 'workspace', 'the workspace settings');
    assert.deepEqual(templates.map((t) => [t.name, t.source, t.description]), [['review', 'workspace', 'Review {{selection}}']]);
    assert.equal(problems.length, 2);
    assert.equal(templatesFromSetting(['x'], 'user', 'o').problems.length, 1);
  });

  it('reads a .md file: its name is the command, a leading comment the description', () => {
    const t = templateFromFile('security.md', '<!-- Look for security holes -->\r\nCheck {{selection}} for holes.\r\n', '.vscode/ollama-chat/security.md')!;
    assert.deepEqual([t.name, t.description, t.prompt, t.source, t.origin],
      ['security', 'Look for security holes', 'Check {{selection}} for holes.', 'workspace', '.vscode/ollama-chat/security.md']);
    assert.equal(templateFromFile('two words.md', 'x', 'o'), undefined);
  });

  it('lets a later list replace a template of the same name (a workspace can tune /commit)', () => {
    const own = template('Mine {{diff}}', { name: 'Commit', source: 'workspace' });
    const merged = mergeTemplates(BUILT_IN_TEMPLATES, [own]);
    assert.equal(merged.length, BUILT_IN_TEMPLATES.length);
    assert.equal(merged.find((t) => t.name.toLowerCase() === 'commit'), own);
  });
});
