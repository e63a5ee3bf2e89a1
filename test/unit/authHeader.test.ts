import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { AuthHeader, readStoredHeader } from '../../src/core/settings/authHeader';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import { Emitter } from '../../src/shared/emitter';
import { OllamaSimulator } from '../../simulator';

/** VS Code's SecretStorage contract over a Map (the extension host's real one is covered by the integration suite). */
class MemorySecrets implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  private readonly changed = new Emitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event as vscode.Event<vscode.SecretStorageChangeEvent>;
  async get(key: string): Promise<string | undefined> { return this.values.get(key); }
  async keys(): Promise<string[]> { return [...this.values.keys()]; }
  async store(key: string, value: string): Promise<void> { this.values.set(key, value); this.changed.fire({ key }); }
  async delete(key: string): Promise<void> { this.values.delete(key); this.changed.fire({ key }); }
}

describe('AuthHeader: bound to the origin it was set for', () => {
  let one: OllamaSimulator;
  let other: OllamaSimulator;
  let secrets: MemorySecrets;
  let host: string;
  let logged: string[];

  beforeEach(async () => {
    [one, other] = await Promise.all([OllamaSimulator.start(), OllamaSimulator.start()]);
    secrets = new MemorySecrets();
    host = one.url;
    logged = [];
  });
  afterEach(() => Promise.all([one.stop(), other.stop()]));

  const clientFor = (auth: AuthHeader) => new OllamaClient(async () => ({ host, headers: await auth.headersFor(host) }));

  it('binds a header saved by an earlier version (no origin) to the host configured when it is first read, and says so', async () => {
    secrets.values.set('ollamaChat.authHeader', 'X-API-Key: old-k3y');
    const auth = new AuthHeader(secrets, () => host, (m) => logged.push(m));
    assert.deepEqual(await auth.describe(), { name: 'X-API-Key', origin: one.url });
    assert.deepEqual(JSON.parse(secrets.values.get('ollamaChat.authHeader')!), { origin: one.url, header: 'X-API-Key: old-k3y' });
    assert.equal(logged.length, 1);
    assert.match(logged[0], new RegExp(`X-API-Key auth header .* now sent only to ${one.url}`));
    assert.ok(!logged[0].includes('old-k3y'), 'never the value');
    await clientFor(auth).listModels();
    assert.equal(one.requests[0].headers['x-api-key'], 'old-k3y');
  });

  it('sends nothing to another origin until the user binds it there, and tells once per origin', async () => {
    const auth = new AuthHeader(secrets, () => host, (m) => logged.push(m));
    await auth.set('X-API-Key: k3y', host);
    const withheld: unknown[] = [];
    auth.onDidWithhold((w) => withheld.push(w));
    host = other.url;
    await clientFor(auth).listModels();
    await clientFor(auth).version();
    assert.deepEqual(other.requests.map((r) => r.headers['x-api-key']), [undefined, undefined]);
    assert.deepEqual(withheld, [{ name: 'X-API-Key', boundTo: one.url, origin: other.url }]);
    await auth.bindTo(other.url);
    await clientFor(auth).listModels();
    assert.equal(other.requests[2].headers['x-api-key'], 'k3y');
    host = one.url;
    await clientFor(auth).listModels();
    assert.equal(one.requests[0].headers['x-api-key'], undefined, 'moved, not copied: the first host no longer gets it');
  });

  it('with two hosts, each gets its own header and never the other\'s; a host without one gets none and is not offered one', async () => {
    const auth = new AuthHeader(secrets, () => one.url, (m) => logged.push(m));
    const withheld: unknown[] = [];
    auth.onDidWithhold((w) => withheld.push(w));
    await auth.set('X-API-Key: for-one', one.url);
    const clientOf = (url: string) => new OllamaClient(async () => ({ host: url, headers: await auth.headersFor(url) }));
    await clientOf(other.url).listModels();
    assert.equal(other.requests[0].headers['x-api-key'], undefined, 'the default host\'s header stays with it');
    assert.deepEqual(withheld, [], 'another configured host is not offered the default\'s header');
    await auth.set('X-API-Key: for-other', other.url);
    assert.equal(secrets.values.get(`ollamaChat.authHeader@${other.url}`), JSON.stringify({ origin: other.url, header: 'X-API-Key: for-other' }));
    await Promise.all([clientOf(one.url).listModels(), clientOf(other.url).listModels()]);
    assert.equal(one.requests[0].headers['x-api-key'], 'for-one');
    assert.equal(other.requests[1].headers['x-api-key'], 'for-other');
    assert.deepEqual(await auth.describe(other.url), { name: 'X-API-Key', origin: other.url });
    // Read back by a new window: each header from its own secret.
    const again = new AuthHeader(secrets, () => one.url, () => undefined);
    assert.deepEqual(await again.headersFor(other.url), { 'X-API-Key': 'for-other' });
    assert.deepEqual(await again.headersFor(one.url), { 'X-API-Key': 'for-one' });
    await auth.set('', other.url);
    assert.equal(await auth.headersFor(other.url), undefined);
    assert.deepEqual(await auth.headersFor(one.url), { 'X-API-Key': 'for-one' }, 'removing one host\'s header keeps the other\'s');
  });

  it('reads the stored origin, binds an old header to the origin of the host now (path left out), survives broken entries', () => {
    const stored = JSON.stringify({ origin: 'http://gpu.lan:11434', header: 'Authorization: Bearer t' });
    assert.equal(readStoredHeader(stored, 'http://ignored').header?.origin, 'http://gpu.lan:11434');
    assert.equal(readStoredHeader('Bearer t', 'https://proxy.example/ollama/').header?.origin, 'https://proxy.example');
    assert.deepEqual(readStoredHeader('Bearer t', 'not a host'), { header: undefined, migrated: true });
    assert.deepEqual(readStoredHeader('{broken', 'http://x'), { migrated: false });
  });
});
