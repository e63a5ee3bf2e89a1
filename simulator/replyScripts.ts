/** How the simulator answers chat/generate requests: scripts queued by a test, a default, and prompt markers. */
import { magicScript } from './magicMarkers';
import type { ReplyScript } from './replyScript';

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
