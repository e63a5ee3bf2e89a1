/**
 * The images of a prompt, read from storage just before the request: Ollama takes them as base64 (without a
 * `data:` prefix) in each user message's `images`. Images of messages left out to fit the context window are not
 * read. A model that cannot see gets none, and an image missing from storage is left out; either way the text goes
 * and the user is told why in the reply's notice.
 */
import type { Prompt } from '../chat/promptBuilder';
import type { ImageReader } from './imageStore';

/**
 * Puts the images of `prompt`'s messages into them, as base64. `reader` is undefined when the model cannot see.
 * Returns what the user should know (images not sent, and why), or undefined when all went.
 */
export async function attachImages(prompt: Prompt, reader: ImageReader | undefined, model: string): Promise<string | undefined> {
  const notices: string[] = [];
  let blind = 0;
  const unreadable: string[] = [];
  for (const message of prompt.messages) {
    const refs = prompt.images?.get(message);
    if (!refs?.length) continue;
    if (!reader) {
      blind += refs.length;
      continue;
    }
    const images: string[] = [];
    for (const ref of refs) {
      try {
        images.push(Buffer.from(await reader.read(ref)).toString('base64'));
      } catch {
        unreadable.push(ref.name ?? `image ${ref.hash.slice(0, 8)}`);
      }
    }
    if (images.length) message.images = images;
  }
  if (blind) {
    notices.push(`${model} cannot see images: the ${blind === 1 ? 'image' : `${blind} images`} in this conversation ${blind === 1 ? 'was' : 'were'} not sent, only the text. Pick a model that can see to send ${blind === 1 ? 'it' : 'them'}.`);
  }
  if (unreadable.length) {
    notices.push(`${unreadable.length === 1 ? 'An image' : `${unreadable.length} images`} (${unreadable.join(', ')}) could not be read from the extension's storage and ${unreadable.length === 1 ? 'was' : 'were'} not sent; the text was. Attach ${unreadable.length === 1 ? 'it' : 'them'} again if the model needs ${unreadable.length === 1 ? 'it' : 'them'}.`);
  }
  return notices.join(' ') || undefined;
}
