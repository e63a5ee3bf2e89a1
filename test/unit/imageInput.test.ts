/**
 * The image controls of the real view bundle in headless Chromium: a pasted image is read and posted to the host;
 * what the view can refuse without reading (too big, a model that cannot see) is said with the reason; images
 * attached before the model changed to one that cannot see stay, with a line saying so, and Send waits.
 */
import * as assert from 'node:assert/strict';
import type { AttachmentInfo, HostMessage, ViewState, WebviewMessage } from '../../src/shared/protocol';
import { MAX_IMAGE_BYTES } from '../../src/shared/images';
import { openTestView, type TestView } from './viewPage';

const image: AttachmentInfo = {
  id: 'i1', kind: 'image', name: 'shot.png', languageId: '', chars: 0, truncated: false,
  image: { hash: 'a'.repeat(64), mimeType: 'image/png', bytes: 2048, name: 'shot.png' },
};

function snapshot(model: string, canSee: boolean | null, attachments: AttachmentInfo[]): HostMessage {
  const state: ViewState = {
    conversation: null, conversations: [], model, stream: null, error: null, attachments, systemPrompt: null,
    imageInput: { model, canSee }, imageBase: 'https://ollama-chat-view.bench/images',
  };
  return { type: 'snapshot', state };
}

describe('image controls in the view (real Chromium)', function () {
  this.timeout(120_000);
  let view: TestView;
  const posts = () => view.page.evaluate(() => (window as unknown as { benchPosts: WebviewMessage[] }).benchPosts);
  const notice = () => view.page.locator('.image-notice');
  const sendButton = () => view.page.locator('button[aria-label="Send"]');

  /** Pastes a file of `size` bytes (a PNG signature, then zeros) into the message box. */
  const paste = (name: string, size: number) => view.page.locator('textarea[aria-label="Message"]').evaluate((el, { fileName, bytes }) => {
    const data = new Uint8Array(bytes);
    data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], fileName, { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, { fileName: name, bytes: size });

  before(async () => {
    view = await openTestView();
  });
  beforeEach(() => view.load());
  after(() => view?.dispose());

  it('posts a pasted image as base64 with its name', async () => {
    await view.send([snapshot('gemma3', true, [])]);
    await paste('paste.png', 16);
    await view.page.waitForFunction(() => (window as unknown as { benchPosts: WebviewMessage[] }).benchPosts.some((m) => m.type === 'addImage'));
    const added = (await posts()).find((m) => m.type === 'addImage');
    assert.deepEqual(added, { type: 'addImage', name: 'paste.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0]).toString('base64') });
    assert.equal(await notice().isHidden(), true);
  });

  it('posts images dropped anywhere on the chat', async () => {
    await view.send([snapshot('gemma3', true, [])]);
    await view.page.locator('.chat-main').evaluate((el) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'photo.jpg', { type: 'image/jpeg' }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await view.page.waitForFunction(() => (window as unknown as { benchPosts: WebviewMessage[] }).benchPosts.some((m) => m.type === 'addImage'));
    assert.deepEqual((await posts()).find((m) => m.type === 'addImage'), { type: 'addImage', name: 'photo.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64') });
  });

  it('refuses an image over the limit before reading it, saying the limit', async () => {
    await view.send([snapshot('gemma3', true, [])]);
    await paste('huge.png', MAX_IMAGE_BYTES + 1);
    await notice().waitFor({ state: 'visible' });
    assert.match(await notice().textContent() ?? '', /huge\.png is 10\.0 MB; an image can be at most 10\.0 MB/);
    assert.equal((await posts()).some((m) => m.type === 'addImage'), false);
  });

  it('with a model that cannot see: the button says why, a paste is refused, Pick Model is offered', async () => {
    await view.send([snapshot('mistral', false, [])]);
    const button = view.page.locator('button:has(.icon-image)');
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    assert.equal(await button.getAttribute('title'), 'mistral cannot see images. Pick a model that can see to attach images.');
    await paste('shot.png', 16);
    await notice().waitFor({ state: 'visible' });
    assert.match(await notice().textContent() ?? '', /mistral cannot see images/);
    await notice().locator('button', { hasText: 'Pick Model' }).click();
    assert.deepEqual((await posts()).filter((m) => m.type === 'addImage' || m.type === 'pickModel'), [{ type: 'pickModel' }]);
  });

  it('keeps images attached when the model changes to one that cannot see; Send waits until they are removed', async () => {
    await view.send([snapshot('gemma3', true, [image])]);
    await view.page.locator('textarea[aria-label="Message"]').fill('What is this?');
    assert.equal(await sendButton().isEnabled(), true);
    await view.send([{ type: 'imageInput', imageInput: { model: 'mistral', canSee: false } }]);
    assert.equal(await view.page.locator('.chip-image').count(), 1, 'the image is still attached');
    assert.match(await notice().textContent() ?? '', /mistral cannot see images\. The attached image is kept but cannot be sent: remove it, or pick a model that can see\./);
    assert.equal(await sendButton().isEnabled(), false);
    await view.page.locator('textarea[aria-label="Message"]').press('Enter');
    assert.equal((await posts()).some((m) => m.type === 'send'), false, 'Enter does not send either');
    await view.send([{ type: 'attachments', attachments: [] }]);
    assert.equal(await notice().isHidden(), true);
    assert.equal(await sendButton().isEnabled(), true);
  });
});
