/** "Attach Image to Chat…": images chosen in a file dialog go with the next message, as thumbnail chips. */
import vscode = require('vscode');
import { MAX_IMAGE_BYTES, tooBigText } from '../shared/images';
import type { Services } from './services';

/** The extensions the dialog offers; the bytes are checked all the same (a renamed file is refused). */
const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif'];

/**
 * Adds the images at `uris` (asks for them when none are given) to the next message. What cannot be added (too big,
 * unreadable, not an image) is said next to the message box. Resolves with how many were added.
 */
export async function attachImage(s: Services, uris?: vscode.Uri[]): Promise<number> {
  const chosen = uris ?? (await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Attach Image to Chat'), canSelectMany: true, openLabel: 'Attach', filters: { Images: IMAGE_EXTENSIONS },
  }));
  if (!chosen?.length) return 0;
  await s.view.reveal();
  let added = 0;
  for (const uri of chosen) {
    const name = uri.path.split('/').pop() || 'image';
    let bytes: Uint8Array;
    try {
      // The size is checked before reading, so a huge file is never loaded into memory.
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > MAX_IMAGE_BYTES) {
        s.view.relay.imageNotice(tooBigText(name, size));
        continue;
      }
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      s.view.relay.imageNotice(`${name} could not be read (${err instanceof Error ? err.message : String(err)}). Check that the file exists and can be opened, then add it again.`);
      continue;
    }
    if (await s.view.relay.addImage(bytes, name)) added++;
  }
  return added;
}
