/**
 * Images in the prompt, through the real chat service, view relay and ollama client against the Ollama simulator:
 * sent as base64 (no `data:` prefix) with their user message to a model that can see, never to one that cannot,
 * and a stored image that went missing leaves the text going with a notice.
 */
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatService } from '../../src/core/chat/chatService';
import { ImageStore } from '../../src/core/images/imageStore';
import { createAttachment } from '../../src/core/prompts/attachments';
import type { Settings } from '../../src/core/settings/config';
import { ViewRelay } from '../../src/core/view/viewRelay';
import type { HostMessage } from '../../src/shared/protocol';
import { NOT_AN_IMAGE, solidPng } from '../fixtures/images';
import { DEFAULT_MODELS, OllamaSimulator, type RecordedRequest } from '../../simulator';
import { memoryChat, simulatorSettings } from '../fixtures/memoryChat';

type Sent = { role: string; content: string; images?: string[] };
const sentMessages = (r: RecordedRequest): Sent[] => (r.body as { messages: Sent[] }).messages;

describe('images in the prompt, against the Ollama simulator', () => {
  let server: OllamaSimulator;
  let dir: string;
  let images: ImageStore;
  let settings: Settings;
  let chat: ChatService;
  let relay: ViewRelay;
  let posted: HostMessage[];

  beforeEach(async () => {
    server = await OllamaSimulator.start({
      models: [...DEFAULT_MODELS, { name: 'gemma3:4b', family: 'gemma3', capabilities: ['completion', 'vision'] }],
    });
    dir = await mkdtemp(join(tmpdir(), 'image-prompt-'));
    images = new ImageStore(dir);
    settings = simulatorSettings(server.url, { model: 'gemma3:4b' });
    chat = await memoryChat(() => settings, images);
    relay = new ViewRelay(chat, { model: () => settings.model, systemPrompt: () => undefined }, { images });
    posted = [];
    relay.connect((m) => posted.push(structuredClone(m)));
    relay.viewReady();
  });

  afterEach(async () => {
    chat.stop();
    relay.dispose();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const chats = () => server.requests.filter((r) => r.path === '/api/chat');
  const imageInput = () => posted.filter((m) => m.type === 'imageInput').pop();

  it('sends attached images as base64 with the user message to a model that can see, beside an attached file', async () => {
    const png = solidPng();
    assert.equal(await relay.addImage(png, 'screen.png'), true);
    relay.addAttachment(createAttachment('src/a.ts', 'typescript', 'const a = 1;\n'));
    const attached = posted.filter((m) => m.type === 'attachments').pop();
    assert.deepEqual(attached?.type === 'attachments' && attached.attachments.map((a) => [a.kind ?? 'file', a.name]), [['file', 'src/a.ts'], ['image', 'screen.png']]);
    const reply = await relay.send('What is in this picture?');
    assert.equal(reply.status, 'complete', reply.error);
    const user = sentMessages(chats()[0]).find((m) => m.role === 'user')!;
    assert.deepEqual(user.images, [Buffer.from(png).toString('base64')], 'base64 of the bytes, without a data: prefix');
    assert.match(user.content, /^What is in this picture\?\n\nAttached file `src\/a\.ts`/, 'the file still goes as text');
    const stored = chat.getConversation(chat.activeConversationId()!)!;
    assert.deepEqual(stored.messages[0].images?.map((i) => i.name), ['screen.png'], 'the message refers to the image');
    assert.ok(!JSON.stringify(stored).includes(Buffer.from(png).toString('base64')), 'no image bytes in the stored conversation');
    const after = posted.filter((m) => m.type === 'attachments').pop();
    assert.deepEqual(after?.type === 'attachments' && after.attachments, [], 'the chips are cleared once the message went');
  });

  it('tells the view whether the model can see, and refuses to send images to one that cannot', async () => {
    await waitFor(() => imageInput(), 'the vision answer');
    assert.deepEqual(imageInput(), { type: 'imageInput', imageInput: { model: 'gemma3:4b', canSee: true } });
    await relay.addImage(solidPng(), 'a.png');
    settings.model = 'mistral';
    relay.refresh();
    await waitFor(() => imageInput()?.type === 'imageInput' && imageInput()!.imageInput.model === 'mistral', 'the answer for mistral');
    assert.deepEqual(imageInput(), { type: 'imageInput', imageInput: { model: 'mistral', canSee: false } });
    await assert.rejects(relay.send('Describe it'), /mistral cannot see images\. Remove the attached images, or pick a model that can see/);
    assert.equal(chats().length, 0, 'nothing was sent');
    const kept = posted.filter((m) => m.type === 'attachments').pop() ?? posted.filter((m) => m.type === 'snapshot').pop();
    assert.ok(JSON.stringify(kept).includes('a.png'), 'the image stays attached');
  });

  it('a conversation with images sent again to a model that cannot see: the text goes, the notice says why', async () => {
    await relay.addImage(solidPng(), 'a.png');
    await relay.send('First look');
    settings.model = 'mistral';
    const reply = await chat.regenerate(chat.activeConversationId()!);
    assert.equal(reply.status, 'complete', reply.error);
    const last = chats().pop()!;
    assert.equal(sentMessages(last).some((m) => m.images), false, 'no images to mistral');
    assert.match(reply.notice ?? '', /mistral cannot see images: the image in this conversation was not sent, only the text/);
  });

  it('an image gone from storage: the text still goes, with a clear notice', async () => {
    await relay.addImage(solidPng(), 'lost.png');
    await relay.send('Keep this');
    const id = chat.activeConversationId()!;
    await images.remove(chat.getConversation(id)!.messages[0].images!);
    const reply = await chat.sendMessage(id, 'And now?');
    assert.equal(reply.status, 'complete', reply.error);
    assert.deepEqual(sentMessages(chats().pop()!).map((m) => [m.role, m.images]), [['user', undefined], ['assistant', undefined], ['user', undefined]]);
    assert.match(reply.notice ?? '', /An image \(lost\.png\) could not be read from the extension's storage and was not sent; the text was/);
  });

  it('Edit and resend keeps the images of the edited message', async () => {
    const png = solidPng();
    await relay.addImage(png, 'keep.png');
    await relay.send('Frist try');
    const id = chat.activeConversationId()!;
    await chat.editAndResend(id, chat.getConversation(id)!.messages[0].id, 'First try');
    const user = sentMessages(chats().pop()!).find((m) => m.role === 'user')!;
    assert.equal(user.content, 'First try');
    assert.deepEqual(user.images, [Buffer.from(png).toString('base64')]);
  });

  it('says next to the message box why an image was refused: not an image, too many', async () => {
    // The context meter's updates (after each chip) may come in between: the newest notice is the one to read.
    const lastNotice = () => posted.filter((m) => m.type === 'imageNotice').at(-1);
    assert.equal(await relay.addImage(NOT_AN_IMAGE, 'notes.png'), false);
    assert.match(JSON.stringify(lastNotice()), /notes\.png is not an image a model can take/);
    for (let i = 0; i < 5; i++) assert.equal(await relay.addImage(solidPng(4, 4, [i, 0, 0]), `${i}.png`), true);
    assert.equal(await relay.addImage(solidPng(4, 4, [9, 9, 9]), 'six.png'), false);
    assert.deepEqual(lastNotice(), { type: 'imageNotice', text: 'A message can carry at most 5 images. Remove one to add another.' });
  });

  it('removing an image chip deletes its file unless a message refers to it', async () => {
    await relay.addImage(solidPng(), 'dropped.png');
    const chip = posted.filter((m) => m.type === 'attachments').pop();
    const info = chip?.type === 'attachments' ? chip.attachments[0] : undefined;
    relay.removeAttachment(info!.id);
    await waitFor(async () => !(await images.has(info!.image!)), 'the file to be deleted');
  });
});

async function waitFor<T>(condition: () => T | Promise<T>, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
