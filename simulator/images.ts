/**
 * The `images` of chat messages as Ollama reads them: each a base64 string (standard alphabet, padded, no `data:`
 * prefix) that Go's JSON decoder turns into bytes, else the request is refused with Go's error. Only a model with
 * the `vision` capability takes images; any other answers as Ollama's scheduler does.
 */
import type { Body } from './requestBody';
import { HttpFailure } from './wire';

const BASE64_CHAR = /[A-Za-z0-9+/]/;

/** Where Go's base64 decoder stops on `text` (the byte of the first error), or -1 when it is valid. */
function illegalBase64At(text: string): number {
  const padding = /=*$/.exec(text)?.[0].length ?? 0;
  const body = text.length - padding;
  for (let i = 0; i < body; i++) if (!BASE64_CHAR.test(text[i])) return i;
  if (padding > 2 || text.length % 4 !== 0) return Math.min(text.length, body + (padding > 2 ? 2 : padding));
  return -1;
}

/** How many images the chat messages carry; throws Ollama's 400 when one is not base64 text. */
export function countImages(messages: unknown[]): number {
  let count = 0;
  for (const m of messages) {
    const images = m !== null && typeof m === 'object' ? (m as Body).images : undefined;
    if (images === undefined || images === null) continue;
    if (!Array.isArray(images)) throw new HttpFailure(400, 'json: cannot unmarshal value into Go struct field Message.messages.images of type []api.ImageData');
    for (const image of images) {
      if (typeof image !== 'string') throw new HttpFailure(400, `json: cannot unmarshal ${typeof image} into Go struct field Message.messages.images of type api.ImageData`);
      const at = illegalBase64At(image);
      if (at >= 0) throw new HttpFailure(400, `illegal base64 data at input byte ${at}`);
      count++;
    }
  }
  return count;
}

/** Ollama's refusal of images for a model without `vision` (its name as the scheduler spells it). */
export function visionRefusal(normalizedName: string): HttpFailure {
  return new HttpFailure(400, `registry.ollama.ai/library/${normalizedName} does not support vision`);
}
