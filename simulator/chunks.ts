/** The objects of a chat/generate stream, in Go's field order: one per generated piece, then the `done:true` one. */

type Json = Record<string, unknown>;

/** Which endpoint answers: chat puts text under `message`, generate under `response`. */
export type Api = 'chat' | 'generate';

/** One generated chunk: thinking, content, or the model's tool calls (`tool_calls` as they go on the wire). */
export type Piece = { thinking: string } | { content: string } | { toolCalls: Json[] };

/** The object streamed for one piece. */
export function chunk(api: Api, model: string, piece: Piece): Json {
  const created_at = new Date().toISOString();
  const content = 'content' in piece ? piece.content : '';
  const thinking = 'thinking' in piece ? { thinking: piece.thinking } : {};
  const toolCalls = 'toolCalls' in piece ? { tool_calls: piece.toolCalls } : {};
  return api === 'chat'
    ? { model, created_at, message: { role: 'assistant', content, ...thinking, ...toolCalls }, done: false }
    : { model, created_at, response: content, ...thinking, done: false };
}

/**
 * The `done:true` object. `stats` is absent for a bare load; `pieces` carries the whole reply of a non-streamed
 * request.
 */
export function finalChunk(api: Api, model: string, doneReason: string, stats: Json | undefined, pieces: Piece[] = []): Json {
  const created_at = new Date().toISOString();
  const content = pieces.map((p) => ('content' in p ? p.content : '')).join('');
  const thinkingText = pieces.map((p) => ('thinking' in p ? p.thinking : '')).join('');
  const thinking = thinkingText ? { thinking: thinkingText } : {};
  const calls = pieces.flatMap((p) => ('toolCalls' in p ? p.toolCalls : []));
  if (api === 'chat') {
    const toolCalls = calls.length ? { tool_calls: calls } : {};
    return { model, created_at, message: { role: 'assistant', content, ...thinking, ...toolCalls }, done_reason: doneReason, done: true, ...stats };
  }
  // Generate returns the conversation's token ids so a client can continue it.
  const context = stats ? Array.from({ length: Number(stats.prompt_eval_count) + Number(stats.eval_count) }, (_, i) => (i * 7919 + 1) % 32_000) : undefined;
  return { model, created_at, response: content, ...thinking, done: true, done_reason: doneReason, ...(context ? { context } : {}), ...stats };
}
