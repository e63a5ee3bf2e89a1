/**
 * Builds the message "Ask Mistral about Selection" (the command; it asks the model in the settings) sends: the
 * question, where the code comes from, and the code in a fenced block tagged with its language. Pure, for unit tests.
 */
import { cutAtLine, fenceFor, fenceTag } from './codeFence';

/** The selected code and where it comes from. Lines are 1-based and inclusive. */
export interface SelectionContext {
  code: string;
  languageId: string;
  /** Path shown to the model, relative to the workspace when possible. */
  fileName: string;
  startLine: number;
  endLine: number;
}

export const DEFAULT_QUESTION = 'Explain this code';

/** Selections longer than this are cut (about 25k tokens), so a huge selection never freezes the chat. */
export const DEFAULT_MAX_SELECTION_CHARS = 100_000;

export interface SelectionPrompt {
  prompt: string;
  /** True when the code was cut to fit `maxChars`. */
  truncated: boolean;
  /** Lines of the selection included in the prompt. */
  includedLines: number;
  totalLines: number;
}

/**
 * The prompt for a question about a selection. When the code is longer than `maxChars` it is cut at a line
 * boundary and the prompt says so, so both the model and the user can see it.
 */
export function buildSelectionPrompt(
  selection: SelectionContext,
  question = DEFAULT_QUESTION,
  maxChars = DEFAULT_MAX_SELECTION_CHARS,
): SelectionPrompt {
  const code = selection.code.replace(/\r\n/g, '\n').replace(/\n$/, '');
  const totalLines = code.split('\n').length;
  const shown = cutAtLine(code, maxChars);
  const truncated = shown.length < code.length;
  const includedLines = shown.split('\n').length;
  const lines = selection.startLine === selection.endLine
    ? `line ${selection.startLine}`
    : `lines ${selection.startLine}-${selection.endLine}`;
  const fence = fenceFor(shown);
  const parts = [
    (question.trim() || DEFAULT_QUESTION),
    '',
    `From \`${selection.fileName}\` (${lines}, ${selection.languageId}):`,
    '',
    `${fence}${fenceTag(selection.languageId)}`,
    shown,
    fence,
  ];
  if (truncated) {
    parts.push('', `(Selection truncated: only the first ${includedLines} of ${totalLines} lines are included.)`);
  }
  return { prompt: parts.join('\n'), truncated, includedLines, totalLines };
}
