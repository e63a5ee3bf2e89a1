// Several Ollama hosts, as a person uses them in real VS Code (code-server in Chromium): the model picker grouped by
// host while one host does not answer, picking a model on host B (the status bar says so, the chat goes to B), and,
// when B is down, the banner's "Use Default" that sends the question to the other host with the same model.
import * as assert from 'node:assert/strict';
import { OllamaSimulator } from '../../simulator';
import type { SilentHost } from '../fixtures/silentHost';
import { startSilentHost } from '../fixtures/silentHost';
import { useChatSession, waitUntil } from './driver';

const TIMEOUT = 30_000;

describe('several Ollama hosts in real VS Code', function () {
  this.timeout(120_000);
  let gpu: OllamaSimulator | undefined;
  let silent: SilentHost | undefined;
  const { server, wb, chat, assistant } = useChatSession({}, async () => {
    [gpu, silent] = await Promise.all([
      OllamaSimulator.start({ models: [{ name: 'mistral:latest' }, { name: 'gpu-only:70b' }] }),
      startSilentHost(),
    ]);
    return { 'ollamaChat.hosts': [{ name: 'GPU box', url: gpu.url }, { name: 'Sleeping box', url: silent.url }] };
  });
  after(() => Promise.all([gpu?.stop(), silent?.close()]));

  const rows = () => wb().page.locator('.quick-input-widget .monaco-list-row');
  const statusBar = (text: string) => wb().page.locator('.statusbar-item', { hasText: text }).first();
  const chatsTo = (s: OllamaSimulator, text: string) => s.requests.filter((r) => r.path === '/api/chat'
    && (r.body as { messages: { content: string }[] }).messages.some((m) => m.content === text));

  async function send(text: string): Promise<void> {
    const input = chat().locator('textarea[aria-label="Message"]');
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill(text);
    await waitUntil(() => chat().locator('button[aria-label="Send"]').isEnabled(), (enabled) => enabled, 'the Send button to be enabled');
    await input.press('Enter');
  }

  it('groups the picker by host, shows the hosts that answer before the one that hangs, then says it is not reachable', async () => {
    await wb().openChatView();
    await wb().waitInChat('.message-log');
    await wb().runCommand('Ollama Chat: Pick Model');
    await rows().filter({ hasText: 'gpu-only:70b' }).first().waitFor({ timeout: TIMEOUT });
    const widget = wb().page.locator('.quick-input-widget');
    const shown = (await widget.textContent()) ?? '';
    for (const text of ['Default', 'GPU box', 'Sleeping box', 'mistral:latest', 'llama3.2:latest']) assert.ok(shown.includes(text), `${text} in the picker`);
    assert.match(shown, new RegExp(`Asking ${silent!.url.replace(/\./g, '\\.')}`), 'the hanging host is still being asked');
    await rows().filter({ hasText: 'Not reachable' }).waitFor({ timeout: TIMEOUT });
    assert.match((await widget.textContent()) ?? '', /Not reachable.*did not answer within 4 s/);
    await wb().screenshot('hosts-picker');
  });

  it('picking a model on host B moves the conversation there: the status bar names it, and the chat goes to B only', async () => {
    await wb().pickQuickPickItem('gpu-only:70b');
    await statusBar('gpu-only:70b · GPU box').waitFor({ timeout: TIMEOUT });
    await send('Hello from the laptop');
    await waitUntil(() => assistant().getAttribute('data-status'), (s) => s === 'complete', 'the reply from host B');
    assert.equal(chatsTo(gpu!, 'Hello from the laptop').length, 1);
    assert.equal((chatsTo(gpu!, 'Hello from the laptop')[0].body as { model: string }).model, 'gpu-only:70b');
    assert.deepEqual(chatsTo(server(), 'Hello from the laptop'), [], 'the default host got nothing');
  });

  it('when host B is down, the banner names it and "Use Default" sends the question to the other host with the model', async () => {
    await wb().runCommand('Ollama Chat: Pick Model');
    // mistral:latest is on both hosts: the second row is GPU box's.
    await rows().filter({ hasText: 'mistral:latest' }).nth(1).click({ timeout: TIMEOUT });
    await statusBar('mistral:latest · GPU box').waitFor({ timeout: TIMEOUT });
    await gpu!.stop();
    await send('Is anyone there?');
    const banner = chat().locator('.error-banner');
    await banner.filter({ hasText: 'Cannot reach Ollama at "GPU box"' }).waitFor({ timeout: TIMEOUT });
    await banner.locator('button', { hasText: 'Use Default' }).click({ timeout: TIMEOUT });
    await waitUntil(() => assistant().getAttribute('data-status'), (s) => s === 'complete', 'the reply from the default host');
    assert.equal(chatsTo(server(), 'Is anyone there?').length, 1, 'resent to the default host');
    await statusBar('· Default').waitFor({ timeout: TIMEOUT });
  });
});
