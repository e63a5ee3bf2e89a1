/**
 * Mentions, `@ollama`'s references and `/` commands in the real extension host: the workspace's files found with
 * `findFiles` and kept up to date by a file watcher, a mention read when the message is sent (not when it was
 * chosen), a deleted or binary file leaving the message going without it, the Chat view's references (#file,
 * #selection, strings), templates from `.vscode/ollama-chat`, and `/commit` with VS Code's Git extension.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { ChatService } from '../../src/core/chat/chatService';
import { ConversationStore } from '../../src/core/conversations/conversationStore';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import type { Settings } from '../../src/core/settings/config';
import { readSettings } from '../../src/core/settings/config';
import { ViewRelay } from '../../src/core/view/viewRelay';
import { chatParticipantHandler } from '../../src/vscode/chatParticipant';
import { MentionProvider } from '../../src/vscode/mentionProvider';
import { PromptTemplateLibrary } from '../../src/vscode/promptTemplateLibrary';
import { WorkspaceFileIndex } from '../../src/vscode/workspaceFileIndex';
import type { OllamaSimulator } from '../../simulator';
import type { Suggestion } from '../../src/shared/protocol';
import { MemoryStore } from '../fixtures/memoryStore';
import { closeAllEditors, getApi, setSetting, startServer, waitFor } from './helpers';

const encoder = new TextEncoder();

describe('mentions, references and / commands in the extension host', function () {
  this.timeout(60_000);
  let server: OllamaSimulator;
  let root: vscode.Uri;
  let index: WorkspaceFileIndex;
  let mentions: MentionProvider;
  const log = vscode.window.createOutputChannel('Ollama Chat mention tests', { log: true });
  const file = (path: string) => vscode.Uri.joinPath(root, path);
  const write = (path: string, text: string | Uint8Array) => vscode.workspace.fs.writeFile(file(path), typeof text === 'string' ? encoder.encode(text) : text);
  const lastPrompt = () => {
    const body = server.requests.filter((r) => r.path === '/api/chat').at(-1)?.body as { messages: { content: string }[] } | undefined;
    return body?.messages.at(-1)?.content ?? '';
  };

  /** The row of a workspace file: its name, with its folder beside it. */
  const fileRow = (rows: Suggestion[], path: string) => rows.find((r) => r.kind === 'file' && `${r.detail}/${r.label}` === path);

  before(async () => {
    server = await startServer();
    await getApi();
    root = vscode.workspace.workspaceFolders![0]!.uri;
    await write('mentions/notes.md', '# Notes\nfirst version\n');
    await write('mentions/deep/inner.txt', 'inner');
    await write('mentions/logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    index = new WorkspaceFileIndex();
    mentions = new MentionProvider(index);
  });

  after(async () => {
    index?.dispose();
    log.dispose();
    await closeAllEditors();
    await vscode.workspace.fs.delete(file('mentions'), { recursive: true, useTrash: false });
    await server?.stop();
    await setSetting('host', undefined);
  });

  /** A relay like the chat view's, on a chat service of its own, posting to `posted`. */
  async function relayForTest(): Promise<{ relay: ViewRelay; chat: ChatService }> {
    const settings: Settings = { host: server.url, model: 'mistral', systemPrompt: '', options: {}, keepAlive: '5m' };
    const store = new ConversationStore(new MemoryStore());
    await store.load();
    const chat = new ChatService(store, new OllamaClient(() => ({ host: settings.host })), () => settings);
    const relay = new ViewRelay(chat, { model: () => settings.model, systemPrompt: () => undefined });
    relay.connect(() => undefined);
    relay.viewReady();
    return { relay, chat };
  }

  it('finds workspace files fuzzily, and a new file once the watcher saw it', async () => {
    const rows = await mentions.suggest('mntnotes');
    assert.deepEqual([rows[0]?.kind, rows[0]?.label, rows[0]?.detail], ['file', 'notes.md', 'mentions']);
    assert.ok((await mentions.suggest('mentions/deep')).some((r) => r.kind === 'folder' && r.label === 'mentions/deep/'), 'folders too');
    await write('mentions/added-later.ts', 'export {};\n');
    await waitFor(async () => fileRow(await mentions.suggest('addedlater'), 'mentions/added-later.ts'), 'the new file in the list');
  });

  it('reads a mentioned file when the message is sent, and lists it under the message', async () => {
    const row = fileRow(await mentions.suggest('mentions/notes'), 'mentions/notes.md')!;
    const reference = mentions.choose(row.id)!;
    await write('mentions/notes.md', '# Notes\nsecond version\n');
    const { relay, chat } = await relayForTest();
    relay.addAttachment(reference);
    await relay.send('Summarise my notes');
    assert.equal(lastPrompt(), 'Summarise my notes\n\nAttached file `mentions/notes.md`:\n\n```markdown\n# Notes\nsecond version\n```');
    const user = chat.getConversation(chat.activeConversationId()!)!.messages[0]!;
    assert.deepEqual(user.references, [{ name: 'mentions/notes.md', kind: 'file' }]);
    relay.dispose();
  });

  it('sends without a file deleted after it was mentioned, or a binary one, and says why', async () => {
    await write('mentions/doomed.ts', 'export const doomed = true;\n');
    index.invalidate();
    const rows = await mentions.suggest('mentions/');
    const doomed = mentions.choose(fileRow(rows, 'mentions/doomed.ts')!.id)!;
    const logo = mentions.choose(fileRow(rows, 'mentions/logo.png')!.id)!;
    await vscode.workspace.fs.delete(file('mentions/doomed.ts'));
    const { relay, chat } = await relayForTest();
    relay.addAttachment(doomed);
    relay.addAttachment(logo);
    await relay.send('Still there?');
    assert.equal(lastPrompt(), 'Still there?');
    const user = chat.getConversation(chat.activeConversationId()!)!.messages[0]!;
    assert.deepEqual(user.references, [
      { name: 'mentions/doomed.ts', kind: 'file', missing: 'the file no longer exists' },
      { name: 'mentions/logo.png', kind: 'file', missing: 'it is a binary file, not text' },
    ]);
    relay.dispose();
  });

  it('offers the selection and the problems of the current file, read when sent', async () => {
    const doc = await vscode.workspace.openTextDocument(file('mentions/notes.md'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 6);
    const rows = await mentions.suggest('');
    assert.deepEqual(rows.slice(0, 2).map((r) => [r.kind, r.label, r.detail]), [['selection', 'selection', 'mentions/notes.md:2'], ['problems', 'problems', '0 in mentions/notes.md']]);
    assert.ok(rows.some((r) => r.kind === 'editor' && r.label === 'notes.md' && r.detail === 'mentions · open editor'), 'the open editor');
    const { relay } = await relayForTest();
    relay.addAttachment(mentions.choose(rows[0]!.id)!);
    relay.addAttachment(mentions.choose(rows[1]!.id)!);
    await relay.send('Look');
    assert.match(lastPrompt(), /Attached `Selection mentions\/notes.md:2`:\n\n```markdown\nsecond\n```/);
    assert.match(lastPrompt(), /Attached `Problems in mentions\/notes.md`:\n\n```\nNo problems.\n```/);
    relay.dispose();
  });

  it('@ollama sends the Chat view\'s references (#file, a location, a string) and says which could not be read', async () => {
    const settings = () => readSettings((key) => vscode.workspace.getConfiguration('ollamaChat').get(key)).settings;
    const handler = chatParticipantHandler(new OllamaClient(() => ({ host: settings().host })), settings);
    const markdown: string[] = [];
    const references: vscode.ChatPromptReference[] = [
      { id: 'vscode.file', value: file('mentions/notes.md') },
      { id: 'vscode.selection', value: new vscode.Location(file('mentions/notes.md'), new vscode.Range(0, 0, 0, 7)) },
      { id: 'my.note', value: 'a plain string' },
      { id: 'vscode.file', value: file('mentions/missing.ts') },
    ];
    const result = await handler(
      { prompt: 'What is in #file?', references } as unknown as vscode.ChatRequest,
      { history: [] } as unknown as vscode.ChatContext,
      { markdown: (text: string) => markdown.push(text) } as unknown as vscode.ChatResponseStream,
      new vscode.CancellationTokenSource().token,
    );
    assert.equal(result?.errorDetails, undefined);
    const prompt = lastPrompt();
    assert.match(prompt, /^What is in #file\?\n\nAttached file `mentions\/notes.md`:\n\n```markdown\n# Notes\nsecond version\n```/);
    assert.match(prompt, /Attached `mentions\/notes.md:1`:\n\n```markdown\n# Notes\n```/);
    assert.match(prompt, /Attached `my.note`:\n\n```\na plain string\n```/);
    assert.doesNotMatch(prompt, /missing.ts/);
    assert.equal(markdown[0], '_Sent without mentions/missing.ts (the file no longer exists)._\n\n');
  });

  it('lists templates from .vscode/ollama-chat with where they come from, and refuses one with an unknown placeholder', async () => {
    await write('.vscode/ollama-chat/review.md', '<!-- Review for our style -->\nReview {{selection}} against our style guide. {{input}}');
    await write('.vscode/ollama-chat/broken.md', 'Look at {{selecton}}');
    try {
      const library = new PromptTemplateLibrary(log);
      const rows = await library.suggest('');
      const review = rows.find((r) => r.label === '/review')!;
      assert.equal(review.detail, 'Review for our style · from this workspace: .vscode/ollama-chat/review.md');
      assert.equal(rows.find((r) => r.label === '/explain')!.detail, 'Explain the selected code · built-in');
      assert.equal(rows.find((r) => r.label === '/broken')!.problem, 'unknown placeholder {{selecton}}');
      await assert.rejects(library.expand('/broken'), /The template \/broken uses \{\{selecton\}\}, which is not a placeholder.*\.vscode\/ollama-chat\/broken\.md/);
    } finally {
      await vscode.workspace.fs.delete(file('.vscode/ollama-chat'), { recursive: true, useTrash: false });
    }
  });

  it('/commit says when there is no repository, then when nothing is staged, then sends the staged diff', async function () {
    if (!vscode.extensions.getExtension('vscode.git')) this.skip(); // this VS Code has no Git extension to ask
    const library = new PromptTemplateLibrary(log);
    await closeAllEditors();
    await assert.rejects(library.expand('/commit'), /no Git repository in this workspace/);
    const cwd = root.fsPath;
    const git = (...args: string[]) => execFileSync('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q');
    try {
      await vscode.commands.executeCommand('git.openRepository', cwd);
      await waitFor(async () => {
        try {
          await library.expand('/commit');
          return false;
        } catch (err) {
          return /Nothing is staged/.test((err as Error).message);
        }
      }, 'the Git extension to see the new repository');
      await write('mentions/feature.ts', 'export const feature = 42;\n');
      git('add', 'mentions/feature.ts');
      const prompt = (await library.expand('/commit short please'))!;
      assert.match(prompt, /^Write a commit message for these staged changes/);
      assert.match(prompt, /\+export const feature = 42;/);
      assert.match(prompt, /short please$/);
    } finally {
      await vscode.workspace.fs.delete(file('.git'), { recursive: true, useTrash: false });
    }
  });
});
