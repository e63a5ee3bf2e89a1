/**
 * Images sent to vision models: the kinds accepted, the limits, and the name of the file each is stored as (the same
 * in the host, which writes it, and in the view, which shows it). No `vscode`, no DOM, no Node: used everywhere.
 */
import { formatNumber, t } from './l10n';

/** The image types Ollama's vision models take, by MIME type, with the file extension they are stored under. */
export const IMAGE_TYPES = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
} as const;
export type ImageMimeType = keyof typeof IMAGE_TYPES;

/** Largest image accepted (10 MB): far above a screenshot, and Ollama scales images down anyway. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Most images attached to one message: each costs the model hundreds of tokens of its context window. */
export const MAX_IMAGES_PER_MESSAGE = 5;

/** An image that went (or goes) with a user message: stored once, in a file named by the SHA-256 of its bytes. */
export interface ImageRef {
  /** Lower-case hex SHA-256 of the bytes. */
  hash: string;
  mimeType: ImageMimeType;
  /** Size in bytes. */
  bytes: number;
  /** The file name it was attached as, for tooltips and exports. */
  name?: string;
}

/** The name of the file an image is stored as: its hash and the extension of its type. */
export function imageFileName(ref: Pick<ImageRef, 'hash' | 'mimeType'>): string {
  return `${ref.hash}.${IMAGE_TYPES[ref.mimeType]}`;
}

/** "2.4 MB", "310 KB", "87 B": an image's size in words. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return t('{0} MB', formatNumber(bytes / (1024 * 1024), 1));
  return bytes >= 1024 ? t('{0} KB', formatNumber(Math.round(bytes / 1024))) : t('{0} B', formatNumber(bytes));
}

/** Why an image of `bytes` bytes is refused, in user words (the limit is the same in the view and the host). */
export function tooBigText(name: string, bytes: number): string {
  return t('{0} is {1}; an image can be at most {2}. Make it smaller (a screenshot of the part that matters) and add it again.', name, formatBytes(bytes), formatBytes(MAX_IMAGE_BYTES));
}

/** Why no more images can be added to a message, in user words. */
export function tooManyText(): string {
  return t('A message can carry at most {0} images. Remove one to add another.', MAX_IMAGES_PER_MESSAGE);
}

/** Why the model cannot be given images, in user words. */
export function cannotSeeText(model: string): string {
  return model ? t('{0} cannot see images.', model) : t('This model cannot see images.');
}
