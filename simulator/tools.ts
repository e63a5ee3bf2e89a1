/**
 * Tool calling in `/api/chat`, as Ollama does it: `tools` (function schemas) go only to a model with the `tools`
 * capability (others: 400 `registry.ollama.ai/library/<name> does not support tools`); the model answers with
 * `message.tool_calls` (`[{function: {index, name, arguments}}]`, arguments an object) when asked for a tool, and a
 * `role: "tool"` message (with `tool_name`) gives it the result. Which tool is called is chosen by the test: a
 * scripted `toolCalls`, or `[[tool:NAME]]` / `[[tool:NAME {"json":"arguments"}]]` in the last user message.
 * Ollama parses tool calls only when the request offers tools, so without `tools` neither has any effect.
 */
import type { Body } from './requestBody';
import { HttpFailure } from './wire';

/** A tool call the simulated model makes. */
export interface SimulatedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

const isObject = (value: unknown): value is Body => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The names of the functions the request offers; throws Ollama's 400 when `tools` is not a list. */
export function offeredTools(body: Body): string[] {
  if (body.tools === undefined || body.tools === null) return [];
  if (!Array.isArray(body.tools)) throw new HttpFailure(400, 'json: cannot unmarshal object into Go struct field ChatRequest.tools of type api.Tools');
  return body.tools.flatMap((t) => (isObject(t) && isObject(t.function) && typeof t.function.name === 'string' ? [t.function.name] : []));
}

/** Ollama's refusal of tools for a model without the `tools` capability (its name as the scheduler spells it). */
export function toolsRefusal(normalizedName: string): HttpFailure {
  return new HttpFailure(400, `registry.ollama.ai/library/${normalizedName} does not support tools`);
}

/**
 * Checks the tool calls of earlier assistant messages as Go decodes them: `function.arguments` must be an object
 * (a JSON string, as OpenAI's API has it, is a 400).
 */
export function checkToolCallHistory(messages: unknown[]): void {
  for (const m of messages) {
    const calls = isObject(m) ? m.tool_calls : undefined;
    if (!Array.isArray(calls)) continue;
    for (const call of calls) {
      const args = isObject(call) && isObject(call.function) ? call.function.arguments : undefined;
      if (args !== undefined && !isObject(args)) {
        throw new HttpFailure(400, `json: cannot unmarshal ${Array.isArray(args) ? 'array' : typeof args} into Go struct field ToolCallFunction.messages.tool_calls.function.arguments of type api.ToolCallFunctionArguments`);
      }
    }
  }
}

/** The `[[tool:NAME]]` or `[[tool:NAME {…}]]` call in `prompt`, when NAME is offered; arguments default to `{}`. */
export function markerToolCall(prompt: string, offered: readonly string[]): SimulatedToolCall | undefined {
  const match = /\[\[tool:([\w.-]+)(?:\s+(\{.*?\}))?\]\]/s.exec(prompt);
  if (!match || !offered.includes(match[1])) return undefined;
  let args: unknown = {};
  try {
    args = match[2] ? JSON.parse(match[2]) : {};
  } catch {
    args = {};
  }
  return { name: match[1], arguments: isObject(args) ? args : {} };
}

/** The last message when it is a tool result: the tool's name (if given) and what it returned. */
export function lastToolResult(messages: unknown[]): { toolName?: string; content: string } | undefined {
  const last = messages[messages.length - 1];
  if (!isObject(last) || last.role !== 'tool') return undefined;
  return { toolName: typeof last.tool_name === 'string' ? last.tool_name : undefined, content: typeof last.content === 'string' ? last.content : '' };
}

/** The `tool_calls` of a chunk, in Go's field order. */
export function toolCallsWire(calls: readonly SimulatedToolCall[]): Body[] {
  return calls.map((c, index) => ({ function: { index, name: c.name, arguments: c.arguments } }));
}
