/**
 * The context meter's base for one conversation (see `shared/contextInfo`): the window the next request gets, the
 * calibrated size of what it would carry besides the text being typed, and whether the thinking switch applies.
 * Pure; the chat service fetches the model's facts first.
 */
import { calibratedTokens } from '../../shared/contextBudget';
import type { ContextInfo, ThinkingState } from '../../shared/contextInfo';
import { firstWords } from '../../shared/leftOutNotice';
import type { Conversation } from '../../shared/types';
import type { ModelFacts } from '../ollama/modelFacts';
import type { Settings } from '../settings/config';
import { effectiveWindow, raisedNumCtx } from './effectiveWindow';
import { tokenRatio } from './tokenCalibration';

/** Whether the thinking switch applies to `model`, and where it stands for `conversation`. */
function thinkingState(conversation: Conversation | undefined, facts: ModelFacts | undefined): ThinkingState {
  if (!facts) return 'unknown';
  if (!facts.capabilities.includes('thinking')) return 'unsupported';
  return conversation?.settings?.think === false ? 'off' : 'on';
}

/** The meter's base for the next message of `conversation` (undefined: a new conversation) to `model`. */
export function contextReport(
  conversation: Conversation | undefined, settings: Settings, model: string, facts: ModelFacts | undefined, attachmentChars: number,
): ContextInfo {
  const window = effectiveWindow(conversation, settings, facts);
  const ratio = tokenRatio(conversation);
  const systemPrompt = conversation?.settings?.systemPrompt ?? settings.systemPrompt;
  const messages = (conversation?.messages ?? []).filter((m) => m.content);
  // As in the prompt builder, system messages are always kept: they count with the system prompt.
  let systemTokens = systemPrompt.trim() ? calibratedTokens(systemPrompt, ratio) : 0;
  for (const m of messages) if (m.role === 'system') systemTokens += calibratedTokens(m.content, ratio);
  const turns = messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role, tokens: calibratedTokens(m.content, ratio), words: firstWords(m.content) }));
  return {
    conversationId: conversation?.id ?? null,
    model,
    known: facts !== undefined,
    numCtx: window.numCtx,
    source: window.source,
    modelMax: window.modelMax,
    ratio,
    systemTokens,
    turns,
    attachmentChars,
    raiseTo: facts ? raisedNumCtx(window) : undefined,
    kvBytesPerToken: facts?.kvBytesPerToken,
    thinking: thinkingState(conversation, facts),
  };
}
