/**
 * Where the view loads stored images from: the host gives the URL of its images folder in each snapshot (a webview
 * resource URL, allowed by the CSP's `img-src` and the view's resource roots); a file is named by its hash.
 */
import type { ImageRef } from '../shared/images';
import { imageFileName } from '../shared/images';

let base = '';

/** Remembers the images folder's URL from the host's snapshot ('' when the host has none). */
export function setImageBase(url: string | undefined): void {
  base = url ?? '';
}

/** The URL of a stored image, or '' when the host gave no folder (the image is then named, not shown). */
export function imageUrl(ref: ImageRef): string {
  return base ? `${base.replace(/\/$/, '')}/${imageFileName(ref)}` : '';
}
