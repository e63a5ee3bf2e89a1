/**
 * The versions of a reply (Regenerate and Retry add one): the shown version is the message's own fields, the others
 * wait in `versions`, in the order they were written. Pure; the host changes versions, the view only counts them.
 */
import type { ChatMessage, ReplyVersion } from './types';

/** The fields of a version besides `content` and `timestamp`, which every version has. */
const OPTIONAL_FIELDS = ['model', 'status', 'stats', 'thinking', 'error', 'notice'] as const satisfies readonly (keyof ReplyVersion)[];

/** How many versions the reply has, the shown one included. */
export function versionCount(message: ChatMessage): number {
  return (message.versions?.length ?? 0) + 1;
}

/** Position (0-based) of the shown version among all of them. */
export function shownVersion(message: ChatMessage): number {
  return shownPosition(message.versions?.length ?? 0, message.versionIndex);
}

/**
 * Where the shown one of `others + 1` alternatives (versions, branches) is: `index` when it is a valid position, else
 * the last (the newest, which is what an index lost or never written means).
 */
export function shownPosition(others: number, index: number | undefined): number {
  return index !== undefined && Number.isInteger(index) && index >= 0 && index <= others ? index : others;
}

/** The shown version's fields, copied. */
function takeShown(message: ChatMessage): ReplyVersion {
  const version: ReplyVersion = { content: message.content, timestamp: message.timestamp };
  for (const key of OPTIONAL_FIELDS) {
    if (message[key] !== undefined) Object.assign(version, { [key]: structuredClone(message[key]) });
  }
  return version;
}

/** Makes `version` the shown one, leaving no field of the previous one behind. */
function show(message: ChatMessage, version: ReplyVersion): void {
  for (const key of OPTIONAL_FIELDS) delete message[key];
  Object.assign(message, version);
}

function setOthers(message: ChatMessage, others: ReplyVersion[], shown: number): void {
  if (others.length) {
    message.versions = others;
    message.versionIndex = shown;
  } else {
    delete message.versions;
    delete message.versionIndex;
  }
}

/**
 * Shows `fresh` (a new reply starting) as the last version and keeps the one shown until now among the others,
 * unless nothing of it ever arrived (a failure or stop before the first token): there is nothing to go back to.
 */
export function addVersion(message: ChatMessage, fresh: ReplyVersion): void {
  const others = [...(message.versions ?? [])];
  if (message.content || message.thinking) others.splice(shownVersion(message), 0, takeShown(message));
  show(message, fresh);
  setOthers(message, others, others.length);
}

/** Shows version `index` (0-based among all); the one shown until now goes back to its place. False if there is none. */
export function selectVersion(message: ChatMessage, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= versionCount(message)) return false;
  const all = [...(message.versions ?? [])];
  all.splice(shownVersion(message), 0, takeShown(message));
  const [chosen] = all.splice(index, 1);
  show(message, chosen);
  setOthers(message, all, index);
  return true;
}
