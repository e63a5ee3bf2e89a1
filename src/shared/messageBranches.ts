/**
 * Branches of a conversation (Edit keeps what it replaces): `Conversation.messages` is always the shown path, so the
 * prompt, the view, Copy and search need no change; a user message where the conversation forked keeps the other
 * branches in `branches`, each one the list of messages that followed from its own version of that question. The
 * branches nested inside them make the whole a tree whose shown path is stored flat. Pure; the host changes branches,
 * the view only counts them.
 */
import { shownPosition } from './replyVersions';
import type { ChatMessage } from './types';

/** How many branches start at this question, the shown one included (1 for a question never edited). */
export function branchCount(message: ChatMessage): number {
  return (message.branches?.length ?? 0) + 1;
}

/** Position (0-based) of the shown branch among all that start at this question. */
export function shownBranch(message: ChatMessage): number {
  return shownPosition(message.branches?.length ?? 0, message.branchIndex);
}

/** Takes the branch point's fields off the first message of a tail (they belong to whichever branch is shown). */
function detach(tail: ChatMessage[]): { tail: ChatMessage[]; others: ChatMessage[][]; shown: number } {
  const [first] = tail;
  const others = first.branches ?? [];
  const shown = shownBranch(first);
  delete first.branches;
  delete first.branchIndex;
  return { tail, others, shown };
}

function attach(first: ChatMessage, others: ChatMessage[][], shown: number): void {
  if (others.length) {
    first.branches = others;
    first.branchIndex = shown;
  } else {
    delete first.branches;
    delete first.branchIndex;
  }
}

/**
 * Edit: `question` replaces the message at `index` on the shown path as the start of a new branch, shown last; the
 * message it replaces and everything after it are kept as the branch it was. The caller then asks for the reply.
 */
export function startBranch(messages: ChatMessage[], index: number, question: ChatMessage): void {
  const { tail, others, shown } = detach(messages.splice(index));
  others.splice(shown, 0, tail);
  attach(question, others, others.length);
  messages.push(question);
}

/**
 * Shows branch `branch` (0-based) of the question at `index` of the shown path: the messages from there on are
 * swapped with that branch's, and the ones shown until now go back to their place. False if there is no such branch.
 */
export function selectBranch(messages: ChatMessage[], index: number, branch: number): boolean {
  const point = messages[index];
  if (point?.role !== 'user' || !Number.isInteger(branch) || branch < 0 || branch >= branchCount(point)) return false;
  const { tail, others, shown } = detach(messages.splice(index));
  others.splice(shown, 0, tail);
  const [chosen] = others.splice(branch, 1);
  attach(chosen[0], others, branch);
  messages.push(...chosen);
  return true;
}

/** Every message of the tree, the shown path and every stored branch (e.g. to find the images still referred to). */
export function* allMessages(messages: readonly ChatMessage[]): Generator<ChatMessage> {
  for (const m of messages) {
    yield m;
    for (const branch of m.branches ?? []) yield* allMessages(branch);
  }
}

/** Whether any question of the shown path has other branches. */
export function hasBranches(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => (m.branches?.length ?? 0) > 0);
}
