/** Reads an image reference of a stored or imported message from untrusted data; only a well-formed one is kept. */
import type { ImageMimeType, ImageRef } from '../../shared/images';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '../../shared/images';

/** A lower-case hex SHA-256: also what keeps a reference from naming any other file than a stored image. */
export const IMAGE_HASH = /^[0-9a-f]{64}$/;

/** The reference, or undefined when any field is missing or wrong (a half-valid one would show the wrong picture). */
export function validImageRef(raw: unknown): ImageRef | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.hash !== 'string' || !IMAGE_HASH.test(r.hash)) return undefined;
  if (typeof r.mimeType !== 'string' || !Object.hasOwn(IMAGE_TYPES, r.mimeType)) return undefined;
  if (!Number.isSafeInteger(r.bytes) || (r.bytes as number) <= 0 || (r.bytes as number) > MAX_IMAGE_BYTES) return undefined;
  if (r.name !== undefined && (typeof r.name !== 'string' || r.name.length > 200)) return undefined;
  const ref: ImageRef = { hash: r.hash, mimeType: r.mimeType as ImageMimeType, bytes: r.bytes as number };
  if (typeof r.name === 'string') ref.name = r.name;
  return ref;
}
