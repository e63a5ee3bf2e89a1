// Import Conversation… in the extension host: a file over the size limit or with invalid UTF-8 is refused and
// changes nothing; an import never changes a conversation that is already there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import type { OllamaSimulator } from '../../simulator';
import { getApi, setSetting, startServer } from './helpers';

/** A valid export of one question and one reply, `padding` characters long in the reply. */
function exportText(id: string, reply: string): string {
  return JSON.stringify({
    format: 'ollama-chat-conversation', version: 1, conversation: {
      id, title: 'From a file', createdAt: 1, updatedAt: 1,
      messages: [{ id: 'u', role: 'user', content: 'Question', timestamp: 1 }, { id: 'a', role: 'assistant', content: reply, timestamp: 2 }],
    },
  });
}

describe('Import Conversation refuses what it cannot read faithfully, and never changes what is there', () => {
  let api: OllamaChatApi;
  let server: OllamaSimulator;
  let dir: string;
  const importFile = (file: string) => vscode.commands.executeCommand<string | undefined>('ollamaChat.importConversation', vscode.Uri.file(file));

  before(async () => {
    server = await startServer();
    api = await getApi();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ollama-chat-import-'));
  });

  after(async () => {
    await server.stop();
    await setSetting('host', undefined);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('refuses a valid export over 10 MB and one with invalid UTF-8; the history stays as it was', async () => {
    const before = api.listConversations();
    const big = path.join(dir, 'big.json');
    await fs.writeFile(big, exportText('big', 'x'.repeat(10_500_000)));
    assert.equal(await importFile(big), undefined, 'an 11 MB export is refused');

    const invalid = path.join(dir, 'latin1.json');
    const text = Buffer.from(exportText('latin1', 'caf\u00e9'), 'utf8');
    const at = text.indexOf(Buffer.from('\u00e9', 'utf8'));
    await fs.writeFile(invalid, Buffer.concat([text.subarray(0, at), Buffer.from([0xe9]), text.subarray(at + 2)])); // "é" in Latin-1
    assert.equal(await importFile(invalid), undefined, 'invalid UTF-8 is refused, not turned into U+FFFD');
    assert.deepEqual(api.listConversations(), before);
  });

  it('an export of a conversation that exists is added as a copy; the original is not changed', async () => {
    const original = await api.startConversation('import-target');
    await api.sendMessage(original.id, 'Keep me as I am');
    const before = api.getConversation(original.id);
    const file = path.join(dir, 'same-id.json');
    await fs.writeFile(file, exportText(original.id, 'A different reply from the file'));
    const first = await importFile(file);
    const second = await importFile(file);
    assert.ok(first && second && new Set([first, second, original.id]).size === 3, `ids ${first}, ${second}`);
    assert.deepEqual(api.getConversation(original.id), before);
    assert.equal(api.getConversation(first)!.messages[1].content, 'A different reply from the file');
  });
});
