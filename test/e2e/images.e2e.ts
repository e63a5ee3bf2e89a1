// Images for vision models, as a person uses them in real VS Code (code-server in Chromium) against the Ollama
// simulator: with a text-only model the image controls say why they are off and offer Pick Model; with a model that
// can see, a pasted image becomes a thumbnail chip, goes to Ollama as `images` (base64) with the message, and shows
// under the message in the conversation.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { DEFAULT_MODELS } from '../../simulator';
import { solidPng } from '../fixtures/images';
import { useChatSession, waitUntil } from './driver';

const TIMEOUT = 30_000;

/** Pastes an image file into the message box, as Ctrl+V of a copied screenshot does (a paste event with a file). */
async function pasteImage(chat: FrameLocator, bytes: Uint8Array, name: string): Promise<void> {
  await chat.locator('textarea[aria-label="Message"]').evaluate((el, { base64, fileName }) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], fileName, { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, { base64: Buffer.from(bytes).toString('base64'), fileName: name });
}

/** True once the image has loaded (the view's CSP and resource roots let it through). */
const loaded = (img: Locator): Promise<boolean> => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);

describe('images in the chat view', function () {
  this.timeout(120_000);
  const { server, wb, chat } = useChatSession();
  const imageButton = () => chat().locator('.composer-tools button').filter({ has: chat().locator('.icon-image') });
  const notice = () => chat().locator('.image-notice');
  const chips = () => chat().locator('.chip-image');

  before(() => server().setModels([...DEFAULT_MODELS, { name: 'gemma3:4b', family: 'gemma3', capabilities: ['completion', 'vision'] }]));

  it('with a text-only model the image controls are off, say why, and offer Pick Model; nothing is attached', async () => {
    await wb().openChatView();
    await wb().waitInChat('textarea[aria-label="Message"]');
    await waitUntil(() => imageButton().getAttribute('aria-disabled'), (v) => v === 'true', 'the image button to be off for mistral');
    assert.equal(await imageButton().getAttribute('title'), 'mistral cannot see images. Pick a model that can see to attach images.');
    await pasteImage(chat(), solidPng(), 'screenshot.png');
    await notice().waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await notice().textContent() ?? '', /mistral cannot see images\. Pick a model that can see/);
    assert.equal(await chips().count(), 0, 'no image was attached');
    await wb().screenshot('images-text-only-model');
    await notice().locator('button', { hasText: 'Pick Model' }).click();
    await wb().pickQuickPickItem('gemma3:4b');
    await waitUntil(() => imageButton().getAttribute('aria-disabled'), (v) => v === 'false', 'the image button to be on for gemma3');
  });

  it('a pasted image becomes a thumbnail chip, goes to the vision model as base64 `images`, and shows under the message', async () => {
    const png = solidPng(32, 24, [220, 40, 40]);
    await pasteImage(chat(), png, 'red.png');
    await chips().first().waitFor({ timeout: TIMEOUT });
    await waitUntil(() => loaded(chips().first().locator('img')), Boolean, 'the chip\'s thumbnail to load');
    const input = chat().locator('textarea[aria-label="Message"]');
    await input.fill('What colour is this?');
    await waitUntil(() => chat().locator('button[aria-label="Send"]').isEnabled(), Boolean, 'Send to be enabled');
    await input.press('Enter');
    const request = await server().waitForRequest((r) => r.path === '/api/chat', TIMEOUT);
    const sent = (request.body as { model: string; messages: { role: string; content: string; images?: string[] }[] });
    assert.equal(sent.model, 'gemma3:4b');
    const user = sent.messages.find((m) => m.role === 'user')!;
    assert.equal(user.content, 'What colour is this?');
    assert.deepEqual(user.images, [Buffer.from(png).toString('base64')], 'the bytes, base64, no data: prefix');
    const shown = chat().locator('[data-role="user"] .message-image img').last();
    await shown.waitFor({ timeout: TIMEOUT });
    await waitUntil(() => loaded(shown), Boolean, 'the thumbnail in the conversation to load');
    await waitUntil(() => chips().count(), (n) => n === 0, 'the chip to go once the message was sent');
    await chat().locator('[data-role="assistant"][data-status="complete"]').last().waitFor({ timeout: TIMEOUT });
  });

  it('an image chip is removed from the keyboard, and a file that is not an image is refused with the reason', async () => {
    await pasteImage(chat(), solidPng(8, 8, [0, 200, 0]), 'green.png');
    await chips().first().waitFor({ timeout: TIMEOUT });
    await wb().screenshot('images');
    const remove = chips().first().locator('button[aria-label="Remove image green.png"]');
    await remove.focus();
    await remove.press('Enter');
    await waitUntil(() => chips().count(), (n) => n === 0, 'the chip to be removed');
    await chat().locator('textarea[aria-label="Message"]').evaluate((el) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['just text'], 'fake.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    });
    await waitUntil(() => notice().textContent(), (t) => /fake\.png is not an image a model can take/.test(t ?? ''), 'the refusal');
    assert.equal(await chips().count(), 0);
  });
});
