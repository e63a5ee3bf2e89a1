/**
 * `POST /api/chat` and `POST /api/generate`: Ollama's checks and answers (unknown model, thinking not supported,
 * a bare model load), then the reply the scripts choose, cut at `num_predict`, or where it fills the context window
 * when the request turned context shifting off (`shift: false`; by default Ollama shifts and goes on).
 */
import { finalChunk, type Api, type Piece } from './chunks';
import type { Exchange } from './exchange';
import { parseKeepAlive } from './keepAlive';
import { capabilitiesOf } from './modelEntries';
import { countImages, visionRefusal } from './images';
import { normalizeName, type ModelRegistry } from './modelRegistry';
import { defaultReply, defaultThinking, splitIntoTokens, toolResultReply } from './replies';
import type { ReplyScripts } from './replyScripts';
import { numberOption, stringField, type Body } from './requestBody';
import { checkToolCallHistory, lastToolResult, markerToolCall, offeredTools, toolCallsWire, toolsRefusal } from './tools';
import { streamTurn } from './turnStream';
import { HttpFailure, sendJson } from './wire';

/** Ollama's KV cache size when `options.num_ctx` is absent. */
const DEFAULT_NUM_CTX = 4096;

function lastUserContent(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Body | null;
    if (m && m.role === 'user') {
      return typeof m.content === 'string' ? m.content : '';
    }
  }
  return '';
}

/** A rough token count of the prompt: ~4 characters a token plus a few template tokens per message. */
function estimatePromptTokens(parts: unknown[]): number {
  let chars = 0;
  for (const part of parts) {
    const text = typeof part === 'string' ? part : part !== null && typeof part === 'object' ? String((part as Body).content ?? '') : '';
    chars += text.length;
  }
  return Math.ceil(chars / 4) + 4 * parts.length + 1;
}

/**
 * Answers a chat or generate request (with tool calls where the request offers tools, see tools.ts). Requests answered 400/404 and bare model loads (empty prompt or messages) do
 * not take a script from the queue.
 */
export async function generate(ex: Exchange, api: Api, body: Body, models: ModelRegistry, scripts: ReplyScripts): Promise<void> {
  const name = stringField(body, 'model');
  if (!name) {
    throw new HttpFailure(400, 'model is required');
  }
  const model = models.installed(name);
  if (!model) {
    throw new HttpFailure(404, `model '${name}' not found`);
  }
  const thinkRequested = body.think === true || (typeof body.think === 'string' && body.think !== '');
  if (thinkRequested && !capabilitiesOf(model).includes('thinking')) {
    throw new HttpFailure(400, `${JSON.stringify(name)} does not support thinking`);
  }
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  if (api === 'chat' && countImages(messages) > 0 && !capabilitiesOf(model).includes('vision')) {
    throw visionRefusal(normalizeName(name));
  }
  const offered = api === 'chat' ? offeredTools(body) : [];
  if (offered.length && !capabilitiesOf(model).includes('tools')) {
    throw toolsRefusal(normalizeName(name));
  }
  checkToolCallHistory(messages);
  const prompt = api === 'chat' ? lastUserContent(messages) : stringField(body, 'prompt');
  const isLoadOnly = api === 'chat' ? messages.length === 0 : prompt === '';
  // Ollama never gives more context than the model was trained for.
  const requestedCtx = numberOption(body, 'num_ctx') ?? DEFAULT_NUM_CTX;
  const numCtx = model.contextLength ? Math.min(requestedCtx, model.contextLength) : requestedCtx;
  models.markLoaded(model, parseKeepAlive(body.keep_alive), numCtx);
  if (isLoadOnly) {
    // Ollama answers a bare load with one JSON object, streaming or not.
    const doneReason = parseKeepAlive(body.keep_alive) === 0 ? 'unload' : 'load';
    return sendJson(ex.res, 200, finalChunk(api, name, doneReason, undefined));
  }
  const script = scripts.next(prompt);
  const thinking = body.think === false ? undefined : (script.thinking ?? (thinkRequested ? defaultThinking(prompt) : undefined));
  // After a tool's result the model answers from it; asked for an offered tool, it calls it (and says nothing).
  const toolResult = api === 'chat' ? lastToolResult(messages) : undefined;
  const marker = toolResult ? undefined : markerToolCall(prompt, offered);
  const calls = offered.length ? (script.toolCalls ?? (marker ? [marker] : [])) : [];
  const text = script.text ?? (calls.length ? '' : toolResult ? toolResultReply(toolResult.toolName, toolResult.content) : defaultReply(prompt));
  const pieces: Piece[] = [
    ...splitIntoTokens(thinking ?? '').map((t) => ({ thinking: t })),
    ...(script.tokens ?? splitIntoTokens(text)).map((t) => ({ content: t })),
    ...(calls.length ? [{ toolCalls: toolCallsWire(calls) }] : []),
  ];
  // A prompt longer than the window is cut to it (Ollama's `truncate`, on by default).
  const promptEvalCount = Math.min(numCtx, estimatePromptTokens(api === 'chat' ? messages : [body.system, prompt]));
  const limits = [numberOption(body, 'num_predict') ?? -1, body.shift === false ? numCtx - promptEvalCount : -1].filter((n) => n >= 0);
  const maxPieces = limits.length ? Math.min(...limits) : Infinity;
  const truncated = pieces.length > maxPieces;
  await streamTurn(ex, {
    api,
    model: name,
    pieces: truncated ? pieces.slice(0, maxPieces) : pieces,
    doneReason: truncated ? 'length' : 'stop',
    promptEvalCount,
    stream: body.stream !== false,
    script,
  });
}
