// Pulling downloads gigabytes from a registry chosen by a name that may come from an imported conversation or a
// workspace: it always names the model and its registry and asks first, and refuses names Ollama would not accept.
// VS Code refuses to show modal dialogs under integration tests, so the test answers them through the extension's
// test-mode seam (`testing.answerModals`, on the API only in ExtensionMode.Test); the real modal is clicked in e2e.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import type { ModalQuestion, ModalTestHooks } from '../../src/vscode/modalPrompt';
import type { OllamaSimulator } from '../../simulator';
import { getApi, setSetting, startServer } from './helpers';

describe('pulling a model names it and its registry, and asks first', () => {
  let api: OllamaChatApi & Partial<ModalTestHooks>;
  let server: OllamaSimulator;
  let questions: ModalQuestion[];
  let answer: string | undefined;

  const pullRequests = (after: number) => server.requests.filter((r) => r.path === '/api/pull' && r.id > after);
  const pull = (name: string) => vscode.commands.executeCommand<boolean>('ollamaChat.pullModel', name);

  before(async () => {
    server = await startServer();
    api = await getApi();
    api.testing?.answerModals((question) => {
      questions.push(question);
      return answer;
    });
  });

  beforeEach(() => {
    questions = [];
    answer = undefined;
  });

  after(async () => {
    api.testing?.answerModals(undefined);
    await server.stop();
    await setSetting('host', undefined);
  });

  it('Pull Model with a name asks (modal) naming the model and registry.ollama.ai; Cancel pulls nothing, Pull pulls', async () => {
    const before = server.requests.length;
    assert.equal(await pull('deepseek-r1:8b'), false, 'nothing is pulled without a yes');
    assert.deepEqual(pullRequests(before), []);
    assert.equal(questions.length, 1);
    assert.match(questions[0].message, /"deepseek-r1:8b".*registry\.ollama\.ai/);
    assert.match(questions[0].detail, /the Ollama library/);
    assert.deepEqual(questions[0].buttons, ['Pull']);

    answer = 'Pull';
    assert.equal(await pull('deepseek-r1:8b'), true);
    assert.equal(pullRequests(before).length, 1);
    assert.ok((await api.listModels()).some((m) => m.name === 'deepseek-r1:8b'));
  });

  it('a name that points at another registry names that registry and warns about it', async () => {
    const before = server.requests.length;
    for (const [name, registry] of [['evil.example/x/model', 'evil.example'], ['evil.example:5000/team/model:v1', 'evil.example:5000']]) {
      assert.equal(await pull(name), false);
      const question = questions.pop();
      assert.ok(question, `asked about ${name}`);
      assert.ok(question.message.includes(`from ${registry}?`), question.message);
      assert.doesNotMatch(question.message, /registry\.ollama\.ai/);
      assert.match(question.detail, /not the Ollama library/);
    }
    assert.deepEqual(pullRequests(before), []);
  });

  it('refuses names Ollama would not accept, without asking or pulling', async () => {
    const before = server.requests.length;
    for (const name of [
      'a b', '../../etc/passwd', 'model:', ':tag', '-model', 'x'.repeat(81), 'evil.example/x.y/model', 'a/b/c/d',
      'http://evil.example/x/model', 'model@sha256:abc', 'mo$del', 'évil', 'model:ta/g', `${'h'.repeat(351)}/ns/model`,
    ]) {
      assert.equal(await pull(name), false, name);
    }
    assert.deepEqual(questions.map((q) => q.message), []);
    assert.deepEqual(pullRequests(before), []);
  });
});
