/** Images through export and import: embedded in JSON under their hash and checked on the way back; named in Markdown. */
import * as assert from 'node:assert/strict';
import { toJson, toMarkdown } from '../../src/core/conversations/exportFormat';
import { collectImages, MAX_IMPORT_FILE_BYTES, readExportWithImages } from '../../src/core/conversations/exportImages';
import { sha256Hex } from '../../src/core/images/imageStore';
import type { ImageRef } from '../../src/shared/images';
import type { Conversation } from '../../src/shared/types';
import { NOT_AN_IMAGE, solidPng } from '../fixtures/images';

const png = solidPng();
const ref: ImageRef = { hash: sha256Hex(png), mimeType: 'image/png', bytes: png.length, name: 'chart.png' };
const conversation: Conversation = {
  id: 'c1', title: 'A chart', createdAt: 1, updatedAt: 2,
  messages: [
    { id: 'm1', role: 'user', content: 'What does this chart say?', timestamp: 1, images: [ref] },
    { id: 'm2', role: 'assistant', content: 'Sales went up.', timestamp: 2, status: 'complete' },
  ],
};
const reader = { read: async (r: ImageRef) => (r.hash === ref.hash ? png : Promise.reject(new Error('missing'))) };
const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('images in exports', () => {
  it('round-trips a conversation with its images through JSON', async () => {
    const { images, left } = await collectImages(conversation, reader);
    assert.deepEqual(left, []);
    const imported = readExportWithImages(bytesOf(toJson(conversation, images)));
    assert.deepEqual(imported.conversation, conversation);
    assert.deepEqual([...imported.images.keys()], [ref.hash]);
    assert.deepEqual(Buffer.from(imported.images.get(ref.hash)!), Buffer.from(png));
    assert.equal(imported.leftOut, 0);
  });

  it('names the images an export could not read', async () => {
    const lost: ImageRef = { ...ref, hash: 'f'.repeat(64), name: 'lost.png' };
    const withLost = structuredClone(conversation);
    withLost.messages[0].images!.push(lost);
    assert.deepEqual((await collectImages(withLost, reader)).left, ['lost.png']);
  });

  it('leaves out an image whose bytes do not match its hash, that is not an image, or that is missing; the text stays', async () => {
    const { images } = await collectImages(conversation, reader);
    const other = solidPng(16, 16, [255, 0, 0]);
    const logs: string[] = [];
    for (const data of [Buffer.from(other).toString('base64'), Buffer.from(NOT_AN_IMAGE).toString('base64'), 'not base64!', undefined]) {
      const doc = JSON.parse(toJson(conversation, images));
      if (data === undefined) delete doc.images;
      else doc.images[ref.hash].data = data;
      const imported = readExportWithImages(bytesOf(JSON.stringify(doc)), (m) => logs.push(m));
      assert.equal(imported.leftOut, 1, String(data).slice(0, 20));
      assert.equal(imported.images.size, 0);
      assert.equal(imported.conversation.messages[0].images, undefined);
      assert.equal(imported.conversation.messages[0].content, 'What does this chart say?');
    }
    assert.match(logs[0], /left out 1 image\(s\) the file did not carry intact/);
  });

  it('keeps the conversation text within its own limit, images aside', () => {
    assert.ok(MAX_IMPORT_FILE_BYTES > 60_000_000);
    const padded = toJson({ ...conversation, title: 'x'.repeat(10_000_001) });
    assert.throws(() => readExportWithImages(bytesOf(padded)), /at most 10 MB/);
  });

  it('names the images in Markdown and says they are not included', () => {
    assert.match(toMarkdown(conversation), new RegExp(`What does this chart say\\?\n\n_Sent with an image: chart\\.png \\(${png.length} B\\)\\.`));
    assert.match(toMarkdown(conversation), / Images are not included in a Markdown export; export as JSON to keep them\._/);
  });
});
