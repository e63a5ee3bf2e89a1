/**
 * Whether bytes are an image a vision model takes, judged by their first bytes (the "magic number"), never by the
 * file's name or the type a browser guessed: a renamed text file is refused, a PNG named `.jpg` is taken as a PNG.
 */
import type { ImageMimeType } from '../../shared/images';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, tooBigText } from '../../shared/images';

const ascii = (bytes: Uint8Array, start: number, text: string): boolean =>
  bytes.length >= start + text.length && [...text].every((ch, i) => bytes[start + i] === ch.charCodeAt(0));

/** The type of the image in `bytes`, or undefined when they are not a PNG, JPEG, WebP or GIF. */
export function sniffImageType(bytes: Uint8Array): ImageMimeType | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  return undefined;
}

/** The image's type; throws in user words when it is empty, too big or not an image of a kind models take. */
export function checkImage(bytes: Uint8Array, name: string): ImageMimeType {
  if (bytes.length === 0) throw new Error(`${name} is empty. Choose the image again.`);
  if (bytes.length > MAX_IMAGE_BYTES) throw new Error(tooBigText(name, bytes.length));
  const type = sniffImageType(bytes);
  if (!type) {
    const kinds = Object.values(IMAGE_TYPES).map((ext) => ext.toUpperCase()).join(', ');
    throw new Error(`${name} is not an image a model can take (${kinds}). Convert it to PNG or JPEG and add it again.`);
  }
  return type;
}
