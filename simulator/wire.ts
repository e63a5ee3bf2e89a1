/**
 * Answers written the way Ollama (a Go server) writes them: Go's JSON escaping, JSON bodies, `{"error":"…"}` bodies,
 * and the failure a handler throws to answer with an HTTP status.
 */
import type * as http from 'node:http';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Thrown by a handler to answer with `status` and `{"error": message}`, as Ollama's handlers do. */
export class HttpFailure extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Serialises like Go's encoding/json: `<`, `>`, `&`, U+2028 and U+2029 become `\uXXXX` escapes. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Answers with a complete body of the given type. */
export function sendBody(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Answers with `value` as Go-escaped JSON. */
export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  sendBody(res, status, JSON_TYPE, goJson(value));
}

/** Answers with Ollama's error body. */
export function sendError(res: http.ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}
