/** Putting code into a markdown message: fences the code cannot close, language tags, cutting at line ends. */

/** A fence longer than any run of backticks inside the code, so the code cannot close it early. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...(code.match(/`{3,}/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Maps a VS Code language id to the tag markdown renderers know (`shellscript` → `bash`, plain text → none). */
export function fenceTag(languageId: string): string {
  const tags: Record<string, string> = { shellscript: 'bash', typescriptreact: 'tsx', javascriptreact: 'jsx', plaintext: '' };
  return tags[languageId] ?? languageId;
}

/** The start of `text`, at most `maxChars` long, cut after a whole line when there is one to cut at. */
export function cutAtLine(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = text.slice(0, maxChars);
  const lastBreak = head.lastIndexOf('\n');
  return lastBreak > 0 ? head.slice(0, lastBreak) : head;
}
