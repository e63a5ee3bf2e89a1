/** The images a user message was sent with, as thumbnails under its text (each names its file in its tooltip). */
import type { ImageRef } from '../shared/images';
import { formatBytes } from '../shared/images';
import { h } from './dom';
import { imageUrl } from './imageUrls';
import { t } from '../shared/l10n';

/** One thumbnail; an image that cannot be loaded (deleted from storage) shows its name instead. */
export function thumbnail(ref: ImageRef, className: string): HTMLElement {
  const name = ref.name ?? 'image';
  const url = imageUrl(ref);
  const frame = h('span', { className, attrs: { title: `${name} (${formatBytes(ref.bytes)})` } });
  const missing = (): void => frame.replaceChildren(h('span', { className: 'image-missing', text: name }));
  if (!url) {
    missing();
    return frame;
  }
  const img = h('img', { attrs: { src: url, alt: name, loading: 'lazy', decoding: 'async' } });
  img.addEventListener('error', missing, { once: true });
  frame.append(img);
  return frame;
}

/** The thumbnails of a message's images, or null when it has none. */
export function messageImages(images: readonly ImageRef[] | undefined): HTMLElement | null {
  if (!images?.length) return null;
  return h('div', { className: 'message-images', attrs: { role: 'list', 'aria-label': t('Images sent with the message') } },
    ...images.map((ref) => {
      const item = thumbnail(ref, 'message-image');
      item.setAttribute('role', 'listitem');
      return item;
    }));
}
