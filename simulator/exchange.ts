/**
 * One HTTP exchange, and the waits and writes on it that stop as soon as it is aborted (the client went away, the
 * simulator dropped it or stopped): that is how generation stops when a client closes the connection, as in Ollama.
 */
import type * as http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { RecordedRequest } from './requestLog';

/** One HTTP exchange: the record tests see, the response, and the signal that ends all work on it. */
export interface Exchange {
  readonly req: http.IncomingMessage;
  readonly res: http.ServerResponse;
  readonly record: RecordedRequest;
  readonly signal: AbortSignal;
  /** Set before the simulator destroys the socket on purpose. */
  dropped: boolean;
}

/** Resolves once the bytes are handed to the socket; rejects as soon as the exchange is aborted. */
export function write(ex: Exchange, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ex.signal.aborted) {
      return reject(new Error('aborted'));
    }
    const onAbort = (): void => reject(new Error('aborted'));
    ex.signal.addEventListener('abort', onAbort, { once: true });
    ex.res.write(bytes, (error) => {
      ex.signal.removeEventListener('abort', onAbort);
      if (error) {
        reject(error);
      } else {
        resolve();
      }
    });
  });
}

/** Waits `ms` (0: not at all) unless the exchange is aborted first, which rejects. */
export async function pause(ex: Exchange, ms: number): Promise<void> {
  if (ms > 0) {
    await delay(ms, undefined, { signal: ex.signal, ref: false });
  } else if (ex.signal.aborted) {
    throw new Error('aborted');
  }
}
