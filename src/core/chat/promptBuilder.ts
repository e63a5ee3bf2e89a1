/**
 * What a conversation sends to the model for its next reply: the system prompt (the conversation's own, else the
 * settings'), every message with text as shown (the shown version of each reply; errors without text left out), the
 * options (settings, then the conversation's temperature and context window), trimmed from the oldest turn to fit the
 * context window. Pure: the same conversation and settings always give the same prompt.
 */
import type { Message } from 'ollama';
import type { ImageRef } from '../../shared/images';
import type { Conversation } from '../../shared/types';
import type { Settings } from '../settings/config';
import { fitToContext } from './contextWindow';
import type { EffectiveWindow } from './effectiveWindow';
import { leftOutNotice } from '../../shared/leftOutNotice';
import { tokenRatio } from './tokenCalibration';

/** A prompt ready for the Ollama client. */
export interface Prompt {
  messages: Message[];
  options: Record<string, unknown> | undefined;
  /** What the user should know about it (turns left out, a message longer than the window), if anything. */
  notice?: string;
  /** The images of user messages, still to be read from storage (see `promptImages.ts`), by message. */
  images?: Map<Message, ImageRef[]>;
  /** Our uncalibrated token estimate of `messages`, stored with the reply to learn from `prompt_eval_count`. */
  estimate: number;
}

/** The Ollama options of a conversation: the settings', with the conversation's own temperature and context window. */
export function optionsFor(conversation: Conversation, settings: Settings): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = { ...settings.options };
  if (conversation.settings?.temperature !== undefined) options.temperature = conversation.settings.temperature;
  if (conversation.settings?.numCtx !== undefined) options.num_ctx = conversation.settings.numCtx;
  return Object.keys(options).length ? options : undefined;
}

/** Builds the prompt for the next reply of `conversation`, fitted to `window` (see `effectiveWindow`). */
export function buildPrompt(conversation: Conversation, settings: Settings, window: EffectiveWindow): Prompt {
  const systemPrompt = conversation.settings?.systemPrompt ?? settings.systemPrompt;
  const messages: Message[] = systemPrompt.trim() ? [{ role: 'system', content: systemPrompt }] : [];
  const images = new Map<Message, ImageRef[]>();
  for (const m of conversation.messages) {
    if (!m.content) continue;
    const message: Message = { role: m.role, content: m.content };
    messages.push(message);
    if (m.images?.length) images.set(message, m.images);
  }
  const options = optionsFor(conversation, settings);
  const numCtx = window.numCtx;
  const fitted = fitToContext(messages, numCtx, tokenRatio(conversation));
  const notices: string[] = [];
  if (fitted.dropped) {
    const dropped = messages.filter((m) => m.role !== 'system').slice(0, fitted.dropped);
    notices.push(leftOutNotice(dropped.map((m) => m.content), numCtx));
  }
  if (fitted.overflow) {
    notices.push(`Your message is longer than the context window (about ${fitted.estimatedTokens} tokens for num_ctx ${numCtx}); Ollama may cut it. Raise num_ctx in the settings.`);
  }
  return {
    messages: fitted.messages, options, notice: notices.join(' ') || undefined, estimate: fitted.rawEstimate,
    images: images.size ? images : undefined,
  };
}
