// Images in the real extension host: attached from a file (the paperclip's command), kept as files in the extension's
// storage (not in workspaceState), read from there when a prompt is sent, carried by JSON export and import, and
// deleted with their conversation only once Undo is no longer offered and nothing else refers to them.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import { toJson } from '../../src/core/conversations/exportFormat';
import type { ExtensionTestHooks } from '../../src/extension';
import { DEFAULT_MODELS, type OllamaSimulator } from '../../simulator';
import { NOT_AN_IMAGE, solidPng } from '../fixtures/images';
import { getApi, setSetting, startServer } from './helpers';

describe('images: stored as files, sent from storage, exported, imported, deleted with Undo', () => {
  let api: OllamaChatApi & ExtensionTestHooks;
  let server: OllamaSimulator;
  let dir: string;
  const png = solidPng(8, 8, [200, 30, 30]);
  const hash = createHash('sha256').update(png).digest('hex');
  const storedFile = () => path.join(api.testing.imagesDir, `${hash}.png`);
  const exists = (file: string) => fs.stat(file).then(() => true, () => false);

  /** An export of one question with the image and one reply, written to a file. */
  async function exportFile(name: string): Promise<vscode.Uri> {
    const file = path.join(dir, name);
    await fs.writeFile(file, toJson({
      id: 'with-image', title: 'A red square', createdAt: 1, updatedAt: 2,
      messages: [
        { id: 'u', role: 'user', content: 'What colour is this?', timestamp: 1, images: [{ hash, mimeType: 'image/png', bytes: png.length, name: 'red.png' }] },
        { id: 'a', role: 'assistant', content: 'Red.', timestamp: 2, status: 'complete' },
      ],
    }, { [hash]: { mimeType: 'image/png', data: Buffer.from(png).toString('base64') } }));
    return vscode.Uri.file(file);
  }

  before(async () => {
    server = await startServer();
    server.setModels([...DEFAULT_MODELS, { name: 'gemma3:4b', family: 'gemma3', capabilities: ['completion', 'vision'] }]);
    await setSetting('model', 'gemma3:4b');
    api = await getApi() as OllamaChatApi & ExtensionTestHooks;
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ollama-chat-images-'));
  });

  after(async () => {
    api.testing.answerNotifications(undefined);
    await server.stop();
    await setSetting('model', undefined);
    await setSetting('host', undefined);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('attaches an image file through "Attach Image to Chat…" into the extension\'s storage, and refuses a text file named .png', async () => {
    const image = path.join(dir, 'blue.png');
    const blue = solidPng(8, 8, [0, 0, 255]);
    await fs.writeFile(image, blue);
    await fs.writeFile(path.join(dir, 'notes.png'), NOT_AN_IMAGE);
    assert.equal(await vscode.commands.executeCommand('ollamaChat.attachImage', vscode.Uri.file(image)), 1);
    const blueHash = createHash('sha256').update(blue).digest('hex');
    assert.deepEqual(await fs.readFile(path.join(api.testing.imagesDir, `${blueHash}.png`)), Buffer.from(blue));
    assert.equal(await vscode.commands.executeCommand('ollamaChat.attachImage', vscode.Uri.file(path.join(dir, 'notes.png'))), 0);
    assert.equal(await vscode.commands.executeCommand('ollamaChat.attachImage', vscode.Uri.file(path.join(dir, 'missing.png'))), 0);
  });

  it('imports a conversation with its image, sends the image from storage to a vision model, and exports it again', async () => {
    const id = await vscode.commands.executeCommand<string>('ollamaChat.importConversation', await exportFile('one.json'));
    assert.ok(id);
    assert.ok(await exists(storedFile()), 'the image is a file in the extension\'s storage');
    assert.deepEqual(api.getConversation(id)?.messages[0].images?.map((i) => i.hash), [hash]);
    const reply = await api.sendMessage(id, 'And the shape?');
    assert.equal(reply.status, 'complete', reply.error);
    const request = server.requests.filter((r) => r.path === '/api/chat').pop()!;
    const sent = (request.body as { messages: { role: string; images?: string[] }[] }).messages;
    assert.deepEqual(sent.map((m) => m.images), [[Buffer.from(png).toString('base64')], undefined, undefined]);
    const exported = JSON.parse((await vscode.commands.executeCommand<string>('ollamaChat.exportConversation', id, 'json'))!);
    assert.equal(exported.images[hash].data, Buffer.from(png).toString('base64'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const markdown = (await vscode.commands.executeCommand<string>('ollamaChat.exportConversation', id, 'markdown'))!;
    assert.match(markdown, /Sent with an image: red\.png .* Images are not included in a Markdown export/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('keeps the images while Undo is offered, brings them back with Undo, and deletes them once nothing refers to them', async () => {
    const first = (await vscode.commands.executeCommand<string>('ollamaChat.importConversation', await exportFile('a.json')))!;
    const second = (await vscode.commands.executeCommand<string>('ollamaChat.importConversation', await exportFile('b.json')))!;
    assert.notEqual(first, second);
    for (const c of api.listConversations()) {
      if (c.id !== first && c.id !== second && api.getConversation(c.id)?.messages.some((m) => m.images?.some((i) => i.hash === hash))) {
        api.testing.answerNotifications(() => undefined);
        await vscode.commands.executeCommand('ollamaChat.deleteConversation', c.id);
      }
    }
    let offered: string[] = [];
    api.testing.answerNotifications((question) => {
      offered = question.buttons;
      assert.ok(!api.getConversation(first), 'deleted while the notification is up');
      return 'Undo';
    });
    await vscode.commands.executeCommand('ollamaChat.deleteConversation', first);
    assert.deepEqual(offered, ['Undo']);
    assert.deepEqual(api.getConversation(first)?.messages[0].images?.map((i) => i.hash), [hash], 'Undo brought it back');
    assert.ok(await exists(storedFile()), 'and its image');

    api.testing.answerNotifications(() => undefined);
    await vscode.commands.executeCommand('ollamaChat.deleteConversation', first);
    assert.ok(!api.getConversation(first));
    assert.ok(await exists(storedFile()), 'the other conversation still refers to the image');
    await vscode.commands.executeCommand('ollamaChat.deleteConversation', second);
    assert.equal(await exists(storedFile()), false, 'the last reference is gone, and so is the file');
  });
});
