/** Reading a request's body, and its fields, the way Ollama's handlers do (with their 400 answers). */
import type * as http from 'node:http';
import { HttpFailure } from './wire';

/** A parsed JSON request body. */
export type Body = Record<string, unknown>;

/** The whole body as text; rejects when the client goes away before sending all of it. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) {
        reject(new Error('request body interrupted'));
      }
    });
  });
}

/** The body as JSON for the request log, or undefined when empty or not JSON. */
export function parseJsonOrUndefined(raw: string): unknown {
  try {
    return raw.trim() === '' ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Parses a request body like Ollama's handlers do, throwing their 400 answers. */
export function parseBody(raw: string): Body {
  const text = raw.trim();
  if (text === '') {
    throw new HttpFailure(400, 'missing request body');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpFailure(400, /^[[{"\-\dtfn]/.test(text) ? 'unexpected EOF' : `invalid character '${text[0]}' looking for beginning of value`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpFailure(400, 'json: cannot unmarshal value into Go value of type api.Request');
  }
  return value as Body;
}

/** A string field, or '' when absent or of another type (Go's zero value). */
export function stringField(body: Body, key: string): string {
  const value = body[key];
  return typeof value === 'string' ? value : '';
}

/** A numeric entry of the body's `options`, if there is one. */
export function numberOption(body: Body, key: string): number | undefined {
  const options = body.options;
  const value = options !== null && typeof options === 'object' ? (options as Body)[key] : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** The model a request names, under `model` or the older `name`. */
export function modelField(body: Body): string {
  return stringField(body, 'model') || stringField(body, 'name');
}
