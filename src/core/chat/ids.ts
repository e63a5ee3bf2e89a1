/** Ids of conversations and messages. */

let counter = 0;

/** A short unique id (time + counter + randomness), readable in logs. */
export function newId(prefix: string): string {
  counter = (counter + 1) % 1e6;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
