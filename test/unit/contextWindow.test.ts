import * as assert from 'node:assert/strict';
import type { Message } from 'ollama';
import { fitToContext } from '../../src/core/chat/contextWindow';
import { estimateTokens } from '../../src/shared/contextBudget';

const say = (role: string, chars: number): Message => ({ role, content: 'x'.repeat(chars) });

describe('fitToContext', () => {
  it('keeps everything that fits', () => {
    const messages = [say('system', 100), say('user', 100), say('assistant', 100), say('user', 100)];
    const tokens = 4 * estimateTokens('x'.repeat(100));
    assert.deepEqual(fitToContext(messages, 4096), { messages, dropped: 0, overflow: false, estimatedTokens: tokens, rawEstimate: tokens });
  });

  it('drops the oldest turns, keeps the system prompt and never starts with an orphan reply', () => {
    const messages = [say('system', 350), say('user', 3500), say('assistant', 3500), say('user', 3500), say('assistant', 3500), say('user', 350)];
    const fitted = fitToContext(messages, 4096); // budget 3072 tokens ≈ 10,700 chars
    assert.equal(fitted.messages[0].role, 'system');
    assert.equal(fitted.messages[1].role, 'user');
    assert.equal(fitted.dropped, 2);
    assert.equal(fitted.overflow, false);
    assert.equal(fitted.messages.length, 4);
  });

  it('keeps the newest message even when it alone is too long, and says so', () => {
    const fitted = fitToContext([say('user', 100), say('assistant', 100), say('user', 50_000)], 2048);
    assert.equal(fitted.messages.length, 1);
    assert.equal(fitted.overflow, true);
  });
});
