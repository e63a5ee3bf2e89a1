/** Which stored images conversations refer to: what may be deleted when a conversation goes. */
import type { ImageRef } from '../../shared/images';
import type { Conversation } from '../../shared/types';
import { allMessages } from '../../shared/messageBranches';

/** Every image the conversations' messages refer to (those of branches not shown too), by hash. */
export function imagesOf(conversations: Iterable<Conversation>): Map<string, ImageRef> {
  const images = new Map<string, ImageRef>();
  for (const c of conversations) {
    for (const m of allMessages(c.messages)) for (const ref of m.images ?? []) images.set(ref.hash, ref);
  }
  return images;
}

/** The images of `removed` that nothing in `kept` (hashes still referred to elsewhere) refers to. */
export function imagesToDelete(removed: Conversation, kept: ReadonlySet<string>): ImageRef[] {
  return [...imagesOf([removed]).values()].filter((ref) => !kept.has(ref.hash));
}
