/**
 * The chat webview's HTML: a strict Content Security Policy (nothing inline, scripts only with the page's nonce,
 * resources only from the extension's own folders), the stylesheet, the mount point and the bundle.
 * The mount point carries the host's translations (`data-l10n`, read by the view before it draws anything): data
 * in an attribute, so the CSP needs no inline script. No `vscode` import, so it is unit-tested in plain mocha.
 */
import { l10nBundle, l10nLanguage } from '../../shared/l10n';

export interface WebviewHtmlParams {
  /** `webview.cspSource`: the origin the webview loads the extension's files from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh 32-character nonce from the platform's cryptographic random source. */
export function createNonce(): string {
  let nonce = '';
  while (nonce.length < 32) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(32))) {
      // Bytes past the largest multiple of the alphabet size would make some characters likelier.
      if (byte < 248 && nonce.length < 32) nonce += NONCE_ALPHABET[byte % NONCE_ALPHABET.length];
    }
  }
  return nonce;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The CSP of the view: `default-src 'none'` plus exactly what it needs. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource}`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ') + ';';
}

/** Renders the full HTML document of the chat view. */
export function renderWebviewHtml(p: WebviewHtmlParams): string {
  const csp = escapeAttribute(contentSecurityPolicy(p.cspSource, p.nonce));
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(l10nLanguage())}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(p.styleUri)}">
<title>Ollama Chat</title>
</head>
<body>
<div id="app" data-l10n="${escapeAttribute(JSON.stringify(l10nBundle()))}"></div>
<script nonce="${escapeAttribute(p.nonce)}" src="${escapeAttribute(p.scriptUri)}"></script>
</body>
</html>
`;
}
