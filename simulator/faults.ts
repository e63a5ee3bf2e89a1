/**
 * The failures a test can script: errors that replace a chat/generate response, failures part-way through its
 * stream, and a redirect of every request (a misconfigured or hostile proxy).
 */
import type * as http from 'node:http';
import type { Exchange } from './exchange';
import type { NdjsonWriter } from './ndjsonWriter';
import { sendBody, sendError } from './wire';

/** A failure to inject into a chat/generate response. `afterTokens` counts thinking and content chunks. */
export type Fault =
  /** The whole response is this HTTP error, e.g. 503 server busy, 500, 404. */
  | { kind: 'httpError'; status: number; error: string }
  /**
   * 200, `afterTokens` chunks, then a `{"error"}` line and the end. With `afterTokens: 0` nothing was
   * streamed yet, so (like Ollama) the error becomes a 500 JSON response instead.
   */
  | { kind: 'midStreamError'; afterTokens: number; error: string }
  /** Destroy the socket after `afterTokens` chunks (0: before any header). */
  | { kind: 'drop'; afterTokens: number }
  /** End the stream cleanly without the `done:true` chunk (after all chunks when `afterTokens` is absent). */
  | { kind: 'noDone'; afterTokens?: number }
  /** Insert a non-JSON line after `afterTokens` chunks, then continue normally. */
  | { kind: 'invalidJsonLine'; afterTokens: number }
  /** A non-JSON error body, e.g. a proxy's HTML 502 page. */
  | { kind: 'htmlBody'; status: number; body: string };

/** The faults that strike between chunks (the others replace the whole response). */
export type MidStreamFault = Exclude<Fault, { kind: 'httpError' } | { kind: 'htmlBody' }>;

/** Every request answered with `status` and a `Location` computed from the request's path. */
export interface Redirect {
  status: 301 | 302 | 303 | 307 | 308;
  location: (path: string) => string;
}

/** The fault if it strikes between chunks, else undefined. */
export function midStreamFault(fault: Fault | undefined): MidStreamFault | undefined {
  return fault && fault.kind !== 'httpError' && fault.kind !== 'htmlBody' ? fault : undefined;
}

/** Answers with a fault that replaces the whole response; false (nothing sent) for any other fault or none. */
export function answerWithFault(res: http.ServerResponse, fault: Fault | undefined): boolean {
  if (fault?.kind === 'httpError') {
    sendError(res, fault.status, fault.error);
    return true;
  }
  if (fault?.kind === 'htmlBody') {
    sendBody(res, fault.status, 'text/html; charset=utf-8', fault.body);
    return true;
  }
  return false;
}

/** Applies a mid-stream fault; true when the response is over. A non-streamed reply only fails or drops. */
export async function applyMidStreamFault(ex: Exchange, out: NdjsonWriter | undefined, fault: MidStreamFault): Promise<boolean> {
  switch (fault.kind) {
    case 'midStreamError':
      if (out?.started) {
        await out.line({ error: fault.error });
        out.end();
      } else {
        // Ollama turns an error that comes before any output into a plain HTTP error.
        sendError(ex.res, 500, fault.error);
      }
      return true;
    case 'drop':
      ex.dropped = true;
      ex.req.socket.destroy();
      return true;
    case 'noDone':
      out?.end();
      return out !== undefined;
    case 'invalidJsonLine':
      await out?.raw('{"message":{"role":"assistant","content":\n'); // a line cut short
      return false;
  }
}

/** Answers with the redirect (an empty body), whatever was asked. */
export function answerWithRedirect(ex: Exchange, redirect: Redirect): void {
  ex.res.writeHead(redirect.status, { Location: redirect.location(ex.record.path), 'Content-Length': 0 });
  ex.res.end();
}
