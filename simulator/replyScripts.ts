/** How the simulator answers chat/generate requests: scripts queued by a test, a default, and prompt markers. */
import type { Fault } from './faults';
import { magicScript } from './magicMarkers';
import type { SimulatedToolCall } from './tools';

/** How the simulator answers one chat/generate request. */
export interface ReplyScript {
  /** Full reply; default: `defaultReply` of the prompt (replies.ts). */
  text?: string;
  /** Explicit chunks (overrides `text`); default: `text` split by `splitIntoTokens` (replies.ts). */
  tokens?: string[];
  /**
   * Streamed as `message.thinking` (`thinking` for generate) before the content, unless the request says
   * `think: false`. Default: `defaultThinking` (replies.ts) when the request asks `think: true`, else none.
   */
  thinking?: string;
  /**
   * Tool calls the model makes after the text (if any; a script with tool calls and no `text` has no content). Sent
   * only when the request offers tools, as Ollama parses tool calls only then.
   */
  toolCalls?: SimulatedToolCall[];
  /** Delay before the response headers and first chunk (simulates a model load). */
  firstTokenDelayMs?: number;
  /** Delay between chunks (0 = as fast as possible, still one write per chunk). */
  tokenDelayMs?: number;
  fault?: Fault;
  /** Write each line holding a multi-byte UTF-8 character as two TCP writes that split that character. */
  splitUtf8?: boolean;
}

/** The queue of scripts for the next requests, and the behaviour when it is empty. */
export class ReplyScripts {
  private readonly queue: ReplyScript[] = [];
  private defaultScript: ReplyScript = {};

  /** `defaultTokenDelayMs` paces every reply whose script does not say otherwise. */
  constructor(private readonly defaultTokenDelayMs: number) {}

  /** The next request that takes a script gets this one (first in, first out). */
  enqueue(script: ReplyScript): void {
    this.queue.push(script);
  }

  /** Behaviour of every request when the queue is empty. */
  setDefault(script: ReplyScript): void {
    this.defaultScript = { ...script };
  }

  /** Queued script first; otherwise the default script with the prompt's magic markers over it. */
  next(prompt: string): ReplyScript {
    const base: ReplyScript = { tokenDelayMs: this.defaultTokenDelayMs };
    const queued = this.queue.shift();
    return queued ? { ...base, ...queued } : { ...base, ...this.defaultScript, ...magicScript(prompt) };
  }
}
