import * as assert from 'node:assert/strict';
import { validateConversation } from '../../src/core/conversations/conversationSchema';
import { parseExport, toJson } from '../../src/core/conversations/exportFormat';
import { findHost, hostFor, hostLabel, keepKnownHost, readHosts } from '../../src/core/settings/hosts';

describe('The list of Ollama hosts', () => {
  const DEFAULT = 'http://127.0.0.1:11434';

  it('puts ollamaChat.host first as "Default", then every valid entry of ollamaChat.hosts, URLs normalised', () => {
    const { hosts, problems } = readHosts(DEFAULT, [
      { name: ' GPU  box ', url: 'http://gpu.lan:11434/' },
      { name: 'Team', url: 'https://ollama.example.com/proxy/' },
    ]);
    assert.deepEqual(hosts, [
      { name: 'Default', url: DEFAULT },
      { name: 'GPU box', url: 'http://gpu.lan:11434' },
      { name: 'Team', url: 'https://ollama.example.com/proxy' },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(readHosts(DEFAULT, undefined).hosts, [{ name: 'Default', url: DEFAULT }], 'no setting: one host, the default');
  });

  it('names the default host after the entry with its URL, instead of listing it twice', () => {
    const { hosts } = readHosts(DEFAULT, [{ name: 'Laptop', url: `${DEFAULT}/` }, { name: 'GPU', url: 'http://gpu:11434' }]);
    assert.deepEqual(hosts.map((h) => h.name), ['Laptop', 'GPU']);
  });

  it('leaves out entries without a name, with a bad URL, credentials or a name already used, and says which', () => {
    const { hosts, problems } = readHosts(DEFAULT, [
      { url: 'http://a:1' }, { name: 'x'.repeat(61), url: 'http://b:1' }, { name: 'Bad', url: 'gpu:11434' },
      { name: 'Creds', url: 'http://user:pw@c:1' }, 'not an object', { name: 'GPU', url: 'http://gpu:1' },
      { name: 'gpu', url: 'http://other:1' }, { name: 'default', url: 'http://d:1' },
    ]);
    assert.deepEqual(hosts.map((h) => h.name), ['Default', 'GPU']);
    assert.equal(problems.length, 7);
    assert.match(problems.map((p) => `${p.setting} ${p.message}`).join('\n'), /hosts\[2\] \("Bad"\).*Ignored[\s\S]*two hosts named "gpu"; the one at http:\/\/other:1 is ignored/);
    assert.equal(readHosts(DEFAULT, { name: 'GPU' }).problems.length, 1, 'an object instead of a list');
  });

  it('chooses a conversation\'s host by name (any case); no name or an unknown one means the default host', () => {
    const { hosts } = readHosts(DEFAULT, [{ name: 'GPU box', url: 'http://gpu:11434' }]);
    assert.equal(hostFor(hosts, 'gpu BOX').url, 'http://gpu:11434');
    assert.equal(hostFor(hosts, undefined).name, 'Default');
    assert.equal(hostFor(hosts, 'Removed since').name, 'Default');
    assert.equal(findHost(hosts, 'Removed since'), undefined);
    assert.equal(hostLabel(hosts, hosts[1]), '"GPU box" (http://gpu:11434)');
    assert.equal(hostLabel(hosts.slice(0, 1), hosts[0]), DEFAULT, 'one host: named by its URL as before');
  });

  it('keeps an imported conversation\'s host only if it is configured here, and never takes a URL from the file', () => {
    const { hosts } = readHosts(DEFAULT, [{ name: 'GPU box', url: 'http://gpu:11434' }]);
    const known: { host?: string } = { host: 'gpu box' };
    assert.equal(keepKnownHost(known, hosts), undefined);
    assert.equal(known.host, 'GPU box', 'spelled as configured');
    const unknown: { host?: string } = { host: 'http://attacker.example:11434' };
    assert.equal(keepKnownHost(unknown, hosts), 'http://attacker.example:11434');
    assert.equal(unknown.host, undefined, 'falls back to the default host');
    const onDefault: { host?: string } = { host: 'Default' };
    assert.equal(keepKnownHost(onDefault, hosts), undefined);
    assert.equal(onDefault.host, undefined);
  });

  it('stores the host name with a conversation, validated; old conversations have none', () => {
    const base = { title: 't', createdAt: 1, updatedAt: 1, messages: [{ id: 'm1', role: 'user', content: 'hi', timestamp: 1 }] };
    assert.equal(validateConversation({ ...base, host: 'GPU box' }, 'c1')?.host, 'GPU box');
    assert.equal(validateConversation(base, 'c1')?.host, undefined);
    const exported = validateConversation({ ...base, host: 'GPU box' }, 'c1')!;
    assert.equal(parseExport(toJson(exported)).host, 'GPU box', 'an export carries the host\'s name');
    for (const host of [42, '', '   ', 'x'.repeat(61)]) {
      const logged: string[] = [];
      const c = validateConversation({ ...base, host }, 'c1', (m) => logged.push(m));
      assert.equal(c?.host, undefined, JSON.stringify(host));
      assert.match(logged.join(), /host/);
    }
  });
});
