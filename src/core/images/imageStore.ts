/**
 * Image bytes kept out of `workspaceState`: one file per image under the extension's storage folder, named by the
 * SHA-256 of its bytes (`imageFileName`), so the same picture pasted twice is stored once and a message refers to it
 * by hash. Written through a temporary file and a rename, so a crash never leaves half an image under a valid name.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageRef } from '../../shared/images';
import { imageFileName } from '../../shared/images';
import { writeAtomically } from '../files/writeAtomically';
import { checkImage } from './imageFormat';

/** Lower-case hex SHA-256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads stored images (what the prompt builder needs). */
export interface ImageReader {
  read(ref: ImageRef): Promise<Uint8Array>;
}

export class ImageStore implements ImageReader {
  /** `dir`: the folder the images live in (created on the first write). */
  constructor(readonly dir: string) {}

  /** Checks `bytes` (size, magic bytes) and stores them; throws in user words when they are not an image. */
  async put(bytes: Uint8Array, name?: string): Promise<ImageRef> {
    const mimeType = checkImage(bytes, name || 'The image');
    const ref: ImageRef = { hash: sha256Hex(bytes), mimeType, bytes: bytes.length };
    if (name) ref.name = name.slice(0, 200);
    const path = this.pathOf(ref);
    if (!(await this.exists(path))) await writeAtomically(path, bytes);
    return ref;
  }

  /**
   * The bytes of a stored image. Throws in user words when the file is gone or no longer holds what was stored
   * (its hash differs): a model is never sent another picture than the one the user attached.
   */
  async read(ref: ImageRef): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.pathOf(ref));
    } catch {
      throw new Error(`The image ${ref.name ?? ref.hash.slice(0, 12)} is no longer in the extension's storage.`);
    }
    if (sha256Hex(bytes) !== ref.hash) throw new Error(`The stored image ${ref.name ?? ref.hash.slice(0, 12)} is damaged.`);
    return bytes;
  }

  /** Whether the image's file is there. */
  has(ref: ImageRef): Promise<boolean> {
    return this.exists(this.pathOf(ref));
  }

  /** Deletes the files of these images (those already gone are skipped). */
  async remove(refs: Iterable<ImageRef>): Promise<void> {
    for (const ref of refs) await rm(this.pathOf(ref), { force: true });
  }

  /** Where an image is stored. */
  pathOf(ref: Pick<ImageRef, 'hash' | 'mimeType'>): string {
    // Hashes come from validated data; this keeps any other string from naming a path outside the folder.
    if (!/^[0-9a-f]{64}$/.test(ref.hash)) throw new Error('That is not the hash of a stored image.');
    return join(this.dir, imageFileName(ref));
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  }
}
