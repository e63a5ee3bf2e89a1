/**
 * The one place where failures become user words: every error from the Ollama client, the settings or the store
 * passes through `describeError` before it reaches the chat view, a notification or the API.
 */
import type { ErrorKind, UserFacingError } from '../../shared/types';
import { t } from '../../shared/l10n';

/** An error that already carries user words (thrown by our own code). */
export class ChatError extends Error {
  constructor(readonly kind: ErrorKind, message: string, readonly detail?: string) {
    super(message);
    this.name = 'ChatError';
  }
}

/** What we know when the error happened, to say it precisely. */
export interface ErrorContext {
  host: string;
  model: string;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'EADDRNOTAVAIL',
]);

function causeCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True for errors that come from aborting a request on purpose (Stop). */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || /aborted/i.test(err.message) && !/terminated/.test(err.message));
}

/** The model named in the settings or the request is not installed: offer to pull it or pick another. */
export function modelNotFoundError(ctx: ErrorContext, serverMessage?: string): UserFacingError {
  return {
    kind: 'modelNotFound',
    message: t('The model "{0}" is not installed in Ollama at {1}.', ctx.model, ctx.host),
    detail: serverMessage
      ? t('Pull it (ollama pull {0}) or pick another model. Ollama said: {1}', ctx.model, serverMessage)
      : t('Pull it (ollama pull {0}) or pick another model.', ctx.model),
    actions: [{ id: 'pullModel', label: t('Pull {0}', ctx.model) }, { id: 'pickModel', label: t('Pick Another Model') }],
  };
}

/** The error as one line of text: the message, then the detail if there is one. */
export function errorText(error: Pick<UserFacingError, 'message' | 'detail'>): string {
  return error.detail ? `${error.message} ${error.detail}` : error.message;
}

/** Keeps a server-provided message short and single-line; it is shown as text, never as HTML. */
function clip(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/**
 * Maps any error to a `UserFacingError` with a way forward. Knows the shapes ollama-js produces:
 * `ResponseError` (`status_code`), `TypeError: fetch failed` with a socket cause, `TypeError: terminated`,
 * "Did not receive done…", and plain `Error(message)` for an `{"error"}` line mid-stream.
 */
export function describeError(err: unknown, ctx: ErrorContext): UserFacingError {
  const retry = { id: 'retry', label: t('Retry') } as const;
  if (err instanceof ChatError) {
    const actions: UserFacingError['actions'] =
      err.kind === 'invalidHost' || err.kind === 'redirected' ? [{ id: 'openSettings', label: t('Open Settings') }] : [];
    return { kind: err.kind, message: err.message, detail: err.detail, actions };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const status = (e as { status_code?: unknown }).status_code;
  const code = causeCode(e);

  if (typeof status === 'number') {
    const serverMessage = clip(e.message);
    if (status === 404 && /not found/i.test(serverMessage)) {
      return modelNotFoundError(ctx, serverMessage);
    }
    if (status === 503) {
      return {
        kind: 'busy',
        message: t('Ollama is busy with other requests. Try again in a moment.'),
        detail: t('Ollama said: {0}', serverMessage),
        actions: [retry],
      };
    }
    if (status === 400) {
      return { kind: 'badRequest', message: t('Ollama refused the request: {0}', serverMessage), actions: [retry, { id: 'openSettings', label: t('Open Settings') }] };
    }
    return {
      kind: 'serverError',
      message: t('Ollama at {0} answered with an error (HTTP {1}).', ctx.host, status),
      detail: serverMessage,
      actions: [retry, { id: 'showLog', label: t('Show Log') }],
    };
  }
  // `terminated` is a connection dropped after the reply started, even though its cause is a socket error.
  if (e.name === 'TypeError' && /terminated|other side closed/i.test(e.message)) {
    return {
      kind: 'streamBroken',
      message: t('The connection to Ollama was lost in the middle of the reply. What arrived is kept.'),
      detail: clip(e.message),
      actions: [retry],
    };
  }
  if ((code && CONNECTION_CODES.has(code)) || /fetch failed/i.test(e.message)) {
    const unresolvable = code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    return {
      kind: 'notRunning',
      message: unresolvable
        ? t('Cannot find the Ollama host {0}: the name does not resolve.', ctx.host)
        : t('Cannot reach Ollama at {0}. Is it running?', ctx.host),
      detail: `${t('Start it with "ollama serve" (or open the Ollama app), or set "ollamaChat.host" to where it runs.')}${code ? ` (${code})` : ''}`,
      actions: [retry, { id: 'openSettings', label: t('Open Settings') }],
    };
  }
  if (/did not receive done/i.test(e.message)) {
    return {
      kind: 'streamBroken',
      message: t('Ollama ended the reply without finishing it. What arrived is kept.'),
      actions: [retry],
    };
  }
  if (e.name === 'Error' && e.message) {
    // ollama-js throws a plain Error carrying the text of an {"error"} line sent mid-stream.
    return {
      kind: 'serverError',
      message: t('Ollama stopped with an error while replying. What arrived is kept.'),
      detail: t('Ollama said: {0}', clip(e.message)),
      actions: [retry, { id: 'showLog', label: t('Show Log') }],
    };
  }
  return {
    kind: 'unknown',
    message: t('Something went wrong while talking to Ollama.'),
    detail: clip(`${e.name}: ${e.message}`),
    actions: [retry, { id: 'showLog', label: t('Show Log') }],
  };
}
