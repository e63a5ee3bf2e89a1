/**
 * The images of a JSON export: embedded as base64 under their hash, next to the conversation. On import each one is
 * checked like a pasted image (size, magic bytes) and its bytes must hash to the name it is filed under, so a file
 * cannot slip another picture under a message than the one it was sent with. An image that fails is left out of its
 * message, and the user is told how many.
 */
import type { ImageMimeType, ImageRef } from '../../shared/images';
import { MAX_IMAGE_BYTES } from '../../shared/images';
import type { Conversation } from '../../shared/types';
import { imagesOf } from '../images/conversationImages';
import { allMessages } from '../../shared/messageBranches';
import { sniffImageType } from '../images/imageFormat';
import type { ImageReader } from '../images/imageStore';
import { sha256Hex } from '../images/imageStore';
import { checkImportSize, conversationFromExport, decodeUtf8, MAX_IMPORT_BYTES, parseJson } from './exportFormat';
import { IMAGE_HASH } from './imageRefSchema';

/** Images of an export, by hash. */
export type ExportedImages = Record<string, { mimeType: ImageMimeType; data: string }>;

/** Most image bytes one export carries (decoded): a conversation's text is limited too (`MAX_IMPORT_BYTES`). */
export const MAX_EXPORT_IMAGE_BYTES = 50 * 1024 * 1024;
/** Largest file an import reads: the conversation's limit plus its images in base64 (4 characters per 3 bytes). */
export const MAX_IMPORT_FILE_BYTES = MAX_IMPORT_BYTES + Math.ceil(MAX_EXPORT_IMAGE_BYTES / 3) * 4;

/** What goes into an export: the images read from storage, and the names of those that could not go. */
export interface CollectedImages {
  images: ExportedImages;
  /** Images missing from storage, or past the export's size limit, by name. */
  left: string[];
}

/** Reads the images of a conversation for its JSON export, up to `MAX_EXPORT_IMAGE_BYTES` in all. */
export async function collectImages(c: Conversation, reader: ImageReader): Promise<CollectedImages> {
  const images: ExportedImages = {};
  const left: string[] = [];
  let total = 0;
  for (const ref of imagesOf([c]).values()) {
    const name = ref.name ?? ref.hash.slice(0, 12);
    if (total + ref.bytes > MAX_EXPORT_IMAGE_BYTES) {
      left.push(name);
      continue;
    }
    try {
      images[ref.hash] = { mimeType: ref.mimeType, data: Buffer.from(await reader.read(ref)).toString('base64') };
      total += ref.bytes;
    } catch {
      left.push(name);
    }
  }
  return { images, left };
}

/** An imported conversation with the images that passed the checks, and how many were left out. */
export interface ImportedExport {
  conversation: Conversation;
  images: Map<string, Uint8Array>;
  /** Image references removed from messages because the file did not carry a valid image for them. */
  leftOut: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of one embedded image when they are what its reference says, else undefined. */
function checkedImage(ref: ImageRef, entry: unknown): Uint8Array | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const data = (entry as { data?: unknown }).data;
  if (typeof data !== 'string' || data.length % 4 !== 0 || data.length > Math.ceil(MAX_IMAGE_BYTES / 3) * 4 || !BASE64.test(data)) return undefined;
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES || sha256Hex(bytes) !== ref.hash) return undefined;
  return sniffImageType(bytes) === ref.mimeType ? bytes : undefined;
}

/**
 * Reads a JSON export with its images from the bytes of a file: size limits, strict UTF-8, the conversation checked
 * field by field (`conversationFromExport`), then each image. Throws in user words when the file is not an export.
 */
export function readExportWithImages(bytes: Uint8Array, log: (message: string) => void = () => undefined): ImportedExport {
  checkImportSize(bytes.length, MAX_IMPORT_FILE_BYTES);
  const data = parseJson(decodeUtf8(bytes));
  const doc = (typeof data === 'object' && data !== null ? data : {}) as { conversation?: unknown; images?: unknown };
  // The conversation's own text has the limit of a file without images.
  checkImportSize(JSON.stringify(doc.conversation ?? null).length);
  const conversation = conversationFromExport(data, log);
  const embedded = typeof doc.images === 'object' && doc.images !== null ? doc.images as Record<string, unknown> : {};
  const images = new Map<string, Uint8Array>();
  let leftOut = 0;
  let total = 0;
  for (const m of allMessages(conversation.messages)) {
    if (!m.images) continue;
    const kept = m.images.filter((ref) => {
      const known = images.get(ref.hash);
      if (known) return true;
      const image = IMAGE_HASH.test(ref.hash) && Object.hasOwn(embedded, ref.hash) ? checkedImage(ref, embedded[ref.hash]) : undefined;
      if (!image || total + image.length > MAX_EXPORT_IMAGE_BYTES) return false;
      total += image.length;
      images.set(ref.hash, image);
      return true;
    });
    leftOut += m.images.length - kept.length;
    if (kept.length) m.images = kept;
    else delete m.images;
  }
  if (leftOut) log(`Conversation ${conversation.id}: left out ${leftOut} image(s) the file did not carry intact.`);
  return { conversation, images, leftOut };
}
