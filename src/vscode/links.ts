/**
 * Links in model output are untrusted: only http(s) links open (in the user's browser), everything else
 * (`command:`, `file:`, `javascript:`, `vscode:` …) is refused with a message.
 */
import vscode = require('vscode');

/** Returns the URL if a link from model output may be opened, else undefined. */
export function safeExternalUrl(href: string): URL | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Opens an http(s) link externally; refuses other schemes and says why. */
export async function openLinkSafely(href: string, log: vscode.LogOutputChannel): Promise<boolean> {
  const url = safeExternalUrl(href);
  if (!url) {
    log.warn(`Refused to open a link from a reply: ${href.slice(0, 200)}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Ollama Chat only opens http and https links from replies. Refused: {0}', href.slice(0, 100)));
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(url.toString(), true));
}
