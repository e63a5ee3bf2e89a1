/**
 * Streaming: tokens/s of a reply through the extension's whole host path (OllamaClient, ChatService,
 * ConversationStore on a Memento stand-in, DeltaBatcher, JSON posting) against a bare ollama-js `for await` loop
 * on the same Ollama simulator, which emits tokens as fast as it can from its own process.
 */
import { Ollama } from 'ollama';
import type { ChatService } from '../src/core/chat/chatService';
import { ConversationStore } from '../src/core/conversations/conversationStore';
import { MemoryStore } from '../test/fixtures/memoryStore';
import { longReplyTokens } from '../simulator';
import { createChatService, MODEL } from './chatHost';
import type { ViewRelay } from '../src/core/view/viewRelay';
import { CountingWebview, openViewRelay } from './hostView';
import { median, nowMs } from './measure';
import { ratioAtLeast, type SectionResult } from './report';
import { startSimulatorProcess } from './simulatorProcess';

const TOKENS = 20_000;

interface Run {
  tokensPerSecond: number;
  /** CPU time of this process (user + system) per token, in µs: the client's own cost. */
  cpuUsPerToken: number;
}

/** Times one reply; `receive` streams it and returns the text. */
async function measure(receive: () => Promise<string>, expectedLength: number): Promise<Run> {
  const cpu = process.cpuUsage();
  const start = nowMs();
  const text = await receive();
  const ms = nowMs() - start;
  const used = process.cpuUsage(cpu);
  if (text.length !== expectedLength) throw new Error(`reply has ${text.length} characters, expected ${expectedLength}`);
  return { tokensPerSecond: (TOKENS / ms) * 1000, cpuUsPerToken: (used.user + used.system) / TOKENS };
}

/** The reference: what any ollama-js program does at least. */
async function bareReply(ollama: Ollama, prompt: string): Promise<string> {
  const stream = await ollama.chat({ model: MODEL, messages: [{ role: 'user', content: prompt }], stream: true });
  let text = '';
  for await (const part of stream) text += part.message.content;
  return text;
}

/** The extension's services wired as `activate()` wires them, with a view relay listening. */
async function extensionHost(url: string): Promise<{ chat: ChatService; relay: ViewRelay; webview: CountingWebview }> {
  const store = new ConversationStore(new MemoryStore());
  await store.load();
  const chat = createChatService(store, url);
  const webview = new CountingWebview();
  return { chat, relay: openViewRelay(chat, MODEL, webview), webview };
}

async function extensionReply(chat: ChatService, prompt: string): Promise<string> {
  const conversation = await chat.startConversation();
  const reply = await chat.sendMessage(conversation.id, prompt);
  if (reply.status !== 'complete') throw new Error(`reply ended ${reply.status}: ${reply.error ?? ''}`);
  return reply.content;
}

/**
 * Runs warm-up plus `pairs` alternating (ABBA) pairs and reports the medians. A run takes about 0.3 s, and the runs of
 * one bench on 2 cores spread from 59,000 to 102,000 tokens/s: with 10 pairs the median's ratio still moved between
 * 0.89 and 1.06 from one run of the same tree to the next, so the full bench takes 20.
 */
export async function benchStreaming(quick: boolean): Promise<SectionResult> {
  const pairs = quick ? 3 : 20;
  const server = await startSimulatorProcess();
  try {
    const prompt = `[[long:${TOKENS}]]`;
    const expectedLength = longReplyTokens(TOKENS).join('').length;
    const ollama = new Ollama({ host: server.url });
    const { chat, relay, webview } = await extensionHost(server.url);
    const bare = (): Promise<Run> => measure(() => bareReply(ollama, prompt), expectedLength);
    const extension = (): Promise<Run> => measure(() => extensionReply(chat, prompt), expectedLength);
    await bare();
    await extension();
    const bareRuns: Run[] = [];
    const extensionRuns: Run[] = [];
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 ? [extension, bare] : [bare, extension];
      for (const run of order) (run === bare ? bareRuns : extensionRuns).push(await run());
    }
    relay.dispose();
    const pick = (runs: Run[], key: keyof Run): number => median(runs.map((r) => r[key]));
    const replies = pairs + 1;
    const list = (runs: Run[]): string => runs.map((r) => `${Math.round(r.tokensPerSecond / 1000)}k`).join(' ');
    return {
      figures: [
        {
          area: 'Streaming',
          measure: `tokens/s, ${TOKENS.toLocaleString('en-US')}-token reply through the host path (median of ${pairs})`,
          value: pick(extensionRuns, 'tokensPerSecond'),
          unit: 'tokens/s',
          baseline: { label: 'bare ollama-js loop', value: pick(bareRuns, 'tokensPerSecond') },
          goal: ratioAtLeast(0.95),
          note: `Ollama simulator in its own process; runs (tokens/s) host path ${list(extensionRuns)}, bare ${list(bareRuns)}; ${Math.round(webview.posts / replies)} posts (${Math.round(webview.bytesPosted / replies / 1024)} KB) to the view per reply after coalescing`,
        },
        {
          area: 'Streaming',
          measure: 'client CPU time per token',
          value: pick(extensionRuns, 'cpuUsPerToken'),
          unit: 'µs',
          baseline: { label: 'bare ollama-js loop', value: pick(bareRuns, 'cpuUsPerToken') },
        },
      ],
    };
  } finally {
    await server.stop();
  }
}
