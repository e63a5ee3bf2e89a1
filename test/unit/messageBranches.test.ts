import * as assert from 'node:assert/strict';
import { MAX_BRANCH_DEPTH, validateConversation } from '../../src/core/conversations/conversationSchema';
import { parseExport, toJson, toMarkdown } from '../../src/core/conversations/exportFormat';
import { imagesOf } from '../../src/core/images/conversationImages';
import { buildPrompt } from '../../src/core/chat/promptBuilder';
import type { EffectiveWindow } from '../../src/core/chat/effectiveWindow';
import { allMessages, branchCount, selectBranch, shownBranch, startBranch } from '../../src/shared/messageBranches';
import type { ChatMessage, Conversation } from '../../src/shared/types';

const user = (id: string, content: string): ChatMessage => ({ id, role: 'user', content, timestamp: 1 });
const reply = (id: string, content: string, model = 'mistral'): ChatMessage => ({ id, role: 'assistant', content, timestamp: 2, model, status: 'complete' });
const WINDOW: EffectiveWindow = { numCtx: 8192, source: 'settings' };
const contents = (messages: ChatMessage[]) => messages.map((m) => m.content);

/** q1 → a1 → q2 → a2, then q2 edited into q2b → a2b. */
function branched(): ChatMessage[] {
  const messages = [user('q1', 'first'), reply('a1', 'one'), user('q2', 'second'), reply('a2', 'two')];
  startBranch(messages, 2, user('q2b', 'second, better'));
  messages.push(reply('a2b', 'two, better'));
  return messages;
}

function conversationOf(messages: ChatMessage[]): Conversation {
  return { id: 'c', title: 'Branches', createdAt: 1, updatedAt: 2, messages };
}

describe('branches of a conversation (edit keeps what it replaces)', () => {
  it('an edit keeps the question as it was and everything after it as a branch, and shows the new one', () => {
    const messages = branched();
    assert.deepEqual(contents(messages), ['first', 'one', 'second, better', 'two, better']);
    assert.equal(branchCount(messages[2]), 2);
    assert.equal(shownBranch(messages[2]), 1);
    assert.deepEqual(messages[2].branches!.map(contents), [['second', 'two']]);
  });

  it('switching branches swaps the conversation below the question, and back, losing nothing', () => {
    const messages = branched();
    assert.equal(selectBranch(messages, 2, 0), true);
    assert.deepEqual(contents(messages), ['first', 'one', 'second', 'two']);
    assert.equal(shownBranch(messages[2]), 0);
    assert.deepEqual(messages[2].branches!.map(contents), [['second, better', 'two, better']]);
    // The branch that is not shown does not keep the branch point's fields.
    assert.equal(messages[2].branches![0][0].branches, undefined);
    assert.equal(selectBranch(messages, 2, 1), true);
    assert.deepEqual(messages, branched());
  });

  it('refuses a branch that does not exist, or a message that is not a question', () => {
    const messages = branched();
    assert.equal(selectBranch(messages, 2, 2), false);
    assert.equal(selectBranch(messages, 2, -1), false);
    assert.equal(selectBranch(messages, 3, 0), false);
    assert.deepEqual(messages, branched());
  });

  it('editing again adds a third branch; editing inside a branch nests, and every message stays reachable', () => {
    const messages = branched();
    startBranch(messages, 2, user('q2c', 'second, third try'));
    assert.equal(branchCount(messages[2]), 3);
    selectBranch(messages, 2, 0);
    messages.push(user('q3', 'third'), reply('a3', 'three'));
    startBranch(messages, 4, user('q3b', 'third, edited'));
    selectBranch(messages, 2, 2);
    assert.deepEqual(contents(messages), ['first', 'one', 'second, third try']);
    const everything = [...allMessages(messages)].map((m) => m.id).sort();
    assert.deepEqual(everything, ['a1', 'a2', 'a2b', 'a3', 'q1', 'q2', 'q2b', 'q2c', 'q3', 'q3b'].sort());
  });

  it('sends the model only the shown path', () => {
    const messages = branched();
    const settings = { host: 'http://127.0.0.1:1', model: 'mistral', systemPrompt: '', options: {}, keepAlive: '5m' };
    const prompt = buildPrompt(conversationOf(messages), settings, WINDOW);
    assert.deepEqual(prompt.messages.map((m) => m.content), ['first', 'one', 'second, better', 'two, better']);
    selectBranch(messages, 2, 0);
    assert.deepEqual(buildPrompt(conversationOf(messages), settings, WINDOW).messages.map((m) => m.content),
      ['first', 'one', 'second', 'two']);
  });

  it('counts the images of branches that are not shown as still referred to', () => {
    const messages = branched();
    messages[2].branches![0][0].images = [{ hash: 'a'.repeat(64), mimeType: 'image/png', bytes: 10 }];
    assert.deepEqual([...imagesOf([conversationOf(messages)]).keys()], ['a'.repeat(64)]);
  });
});

describe('stored and exported branches', () => {
  it('reads a conversation with branches back exactly, and round-trips it through a JSON export', () => {
    const c = conversationOf(branched());
    selectBranch(c.messages, 2, 0);
    const stored = JSON.parse(JSON.stringify(c)) as unknown;
    const problems: string[] = [];
    assert.deepEqual(validateConversation(stored, 'c', (m) => problems.push(m)), c);
    assert.deepEqual(problems, []);
    assert.deepEqual(parseExport(toJson(c)), c);
  });

  it('loads an old linear conversation (with reply versions) unchanged', () => {
    const old = {
      id: 'old', title: 'Old', createdAt: 1, updatedAt: 2,
      messages: [user('q1', 'hi'), { ...reply('a1', 'second'), versions: [{ content: 'first', timestamp: 1, model: 'llama3.2' }], versionIndex: 1 }],
    };
    const problems: string[] = [];
    assert.deepEqual(validateConversation(structuredClone(old), 'old', (m) => problems.push(m)), old);
    assert.deepEqual(problems, []);
  });

  it('reports corrupted branch data, leaves out only the broken branch, and loads the rest', () => {
    const c = conversationOf(branched());
    const raw = JSON.parse(JSON.stringify(c)) as { messages: Record<string, unknown>[] };
    raw.messages[2].branches = [
      'not a branch',
      [{ role: 'assistant', content: 'a branch must start with a question' }],
      [{ id: 'q2', role: 'user', content: 'second', timestamp: 1 }, { role: 'nobody' }, { id: 'a2', role: 'assistant', content: 'two', status: 'streaming' }],
    ];
    raw.messages[2].branchIndex = 7;
    raw.messages[3].branches = [[user('x', 'an answer cannot start branches')]];
    const problems: string[] = [];
    const loaded = validateConversation(raw, 'c', (m) => problems.push(m))!;
    assert.deepEqual(contents(loaded.messages), ['first', 'one', 'second, better', 'two, better']);
    const kept = loaded.messages[2].branches!;
    assert.deepEqual(kept.map(contents), [['second', 'two']]);
    // Only the reply being written may stream: one kept in a branch was interrupted.
    assert.equal(kept[0][1].status, 'stopped');
    assert.equal(loaded.messages[2].branchIndex, 1);
    assert.equal(loaded.messages[3].branches, undefined);
    assert.equal(problems.length, 1);
    for (const path of ['messages[2].branches[0]', 'messages[2].branches[1]', 'messages[2].branches[2][1]', 'messages[2].branches[2][2].status', 'messages[2].branchIndex', 'messages[3].branches']) {
      assert.ok(problems[0].includes(path), `${path} in ${problems[0]}`);
    }
  });

  it('gives message ids taken in another branch new ones, so every message of the tree has its own', () => {
    const c = conversationOf(branched());
    c.messages[2].branches![0][1].id = 'a1';
    const loaded = validateConversation(JSON.parse(JSON.stringify(c)), 'c')!;
    const ids = [...allMessages(loaded.messages)].map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('reads branches nested deeper than the limit as corrupted instead of exhausting the stack', () => {
    let messages: unknown[] = [{ role: 'user', content: 'deepest' }];
    for (let i = 0; i < MAX_BRANCH_DEPTH + 5; i++) messages = [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}`, branches: [] }, { role: 'user', content: `r${i}`, branches: [messages] }];
    const problems: string[] = [];
    const loaded = validateConversation({ messages }, 'deep', (m) => problems.push(m));
    assert.ok(loaded);
    assert.equal(loaded.messages.length, 3);
    assert.match(problems.join(' '), /branches/);
  });

  it('writes the shown path to Markdown, marks the branch point, and says the other branches are in the JSON export', () => {
    const md = toMarkdown(conversationOf(branched()));
    assert.match(md, /### You — [^\n]* — branch 2 of 2 \(shown\)\n\nsecond, better/);
    assert.doesNotMatch(md, /\ntwo\n/);
    assert.match(md, /other branches[^\n]*export it as JSON/);
    assert.doesNotMatch(toMarkdown(conversationOf([user('q', 'x')])), /other branches/);
  });
});
