/** Part of the view could not be drawn: the view shows it as plain text and tells the host, which logs it. */
import type { HostChannel } from './vscodeApi';

/** Posts what failed (`what`, e.g. "message 3f2…") and the error to the host. */
export function reportRenderError(host: HostChannel, what: string, error: unknown): void {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  host.post({ type: 'renderError', what: what.slice(0, 300), error: detail.slice(0, 2000) });
}
