/** Images kept as files named by their hash, and the check that bytes are an image (magic bytes, not names). */
import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkImage, sniffImageType } from '../../src/core/images/imageFormat';
import { ImageStore, sha256Hex } from '../../src/core/images/imageStore';
import { MAX_IMAGE_BYTES } from '../../src/shared/images';
import { GIF_START, JPEG_START, NOT_AN_IMAGE, solidPng, WEBP_START } from '../fixtures/images';

describe('image check: magic bytes decide', () => {
  it('knows PNG, JPEG, WebP and GIF by their first bytes', () => {
    assert.equal(sniffImageType(solidPng()), 'image/png');
    assert.equal(sniffImageType(JPEG_START), 'image/jpeg');
    assert.equal(sniffImageType(WEBP_START), 'image/webp');
    assert.equal(sniffImageType(GIF_START), 'image/gif');
  });

  it('refuses a text file named like an image, and an empty one, in user words', () => {
    assert.throws(() => checkImage(NOT_AN_IMAGE, 'photo.png'), /photo\.png is not an image a model can take \(PNG, JPG, WEBP, GIF\)/);
    assert.throws(() => checkImage(new Uint8Array(0), 'empty.png'), /empty\.png is empty/);
  });

  it('refuses an image over the size limit, saying the limit', () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(solidPng().subarray(0, 8));
    assert.throws(() => checkImage(big, 'huge.png'), /huge\.png is 10\.0 MB; an image can be at most 10\.0 MB/);
    assert.equal(checkImage(big.subarray(0, MAX_IMAGE_BYTES), 'ok.png'), 'image/png');
  });
});

describe('ImageStore: one file per image, named by its hash', () => {
  let dir: string;
  let store: ImageStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'images-'));
    store = new ImageStore(join(dir, 'images'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores an image once under <sha-256>.<ext> and reads the same bytes back', async () => {
    const png = solidPng();
    const ref = await store.put(png, 'shot.png');
    assert.deepEqual(ref, { hash: sha256Hex(png), mimeType: 'image/png', bytes: png.length, name: 'shot.png' });
    const again = await store.put(png, 'copy.png');
    assert.equal(again.hash, ref.hash);
    assert.deepEqual(await readdir(store.dir), [`${ref.hash}.png`], 'the same picture twice is one file, no temporary left');
    assert.deepEqual(Buffer.from(await store.read(ref)), Buffer.from(png));
  });

  it('stores what the bytes are, not what the name says', async () => {
    const ref = await store.put(JPEG_START, 'looks-like.png');
    assert.equal(ref.mimeType, 'image/jpeg');
    await assert.rejects(store.put(NOT_AN_IMAGE, 'notes.png'), /notes\.png is not an image/);
    assert.deepEqual(await readdir(store.dir), [`${ref.hash}.jpg`]);
  });

  it('says so when an image is gone from storage or no longer what was stored', async () => {
    const ref = await store.put(solidPng(), 'gone.png');
    await writeFile(store.pathOf(ref), solidPng(16, 16, [255, 0, 0]));
    await assert.rejects(store.read(ref), /The stored image gone\.png is damaged/);
    await store.remove([ref]);
    assert.equal(await store.has(ref), false);
    await assert.rejects(store.read(ref), /The image gone\.png is no longer in the extension's storage/);
    await store.remove([ref]); // already gone: nothing to do
  });

  it('never names a file outside its folder, whatever hash a message claims', () => {
    assert.throws(() => store.pathOf({ hash: '../../secrets', mimeType: 'image/png' }), /not the hash of a stored image/);
  });
});
