import * as assert from 'assert';
import { contentSecurityPolicy, createNonce, renderWebviewHtml } from '../../src/core/view/webviewHtml';

describe('webview HTML', () => {
  const params = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abcDEF0123456789abcDEF0123456789',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/chat.css?a=1&b=2',
  };

  it('allows only the extension origin and the nonce, nothing inline or evaluated', () => {
    const csp = contentSecurityPolicy(params.cspSource, params.nonce);
    assert.strictEqual(
      csp,
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net; " +
        'style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; ' +
        "script-src 'nonce-abcDEF0123456789abcDEF0123456789';",
    );
    assert.doesNotMatch(csp, /unsafe-/);
  });

  it('puts the CSP, stylesheet, mount point and nonce-tagged script in the page', () => {
    const html = renderWebviewHtml(params);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(meta, 'CSP meta tag');
    assert.match(meta[1], /script-src &#39;nonce-abcDEF0123456789abcDEF0123456789&#39;;/);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/chat\.css\?a=1&#38;b=2">/);
    assert.match(html, /<div id="app" data-l10n="\{\}"><\/div>/, 'English: no translations');
    assert.match(html, /<script nonce="abcDEF0123456789abcDEF0123456789" src="https:\/\/[^"]+\/dist\/webview\.js"><\/script>/);
    assert.strictEqual(html.match(/<script/g)?.length, 1);
    assert.doesNotMatch(html, /\sstyle=|\son[a-z]+=/i);
  });

  it('makes fresh 32-character alphanumeric nonces', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
    assert.strictEqual(nonces.size, 200);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{32}$/);
  });
});
