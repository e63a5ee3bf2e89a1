/** What every command handler can use; built once in `extension.ts`. */
import type * as vscode from 'vscode';
import type { ChatService } from '../core/chat/chatService';
import type { ChatViewProvider } from '../vscode/chatViewProvider';
import type { ChatPanel } from '../vscode/chatPanel';
import type { ApplyPreview } from '../vscode/applyPreview';
import type { OllamaClient } from '../core/ollama/ollamaClient';
import type { SettingsService } from '../vscode/settingsService';
import type { ModalPrompt } from '../vscode/modalPrompt';
import type { AuthHeader } from '../core/settings/authHeader';
import type { ImageStore } from '../core/images/imageStore';
import type { HostRouter } from '../core/ollama/hostRouter';

export interface Services {
  chat: ChatService;
  view: ChatViewProvider;
  /** The chat in an editor tab. */
  panel: ChatPanel;
  /** Apply with a preview: the diff open for Accept or Reject, and the selections replies were asked about. */
  apply: ApplyPreview;
  settings: SettingsService;
  client: OllamaClient;
  log: vscode.LogOutputChannel;
  /** Modal questions (answered by integration tests in place of the user). */
  modal: ModalPrompt;
  /** The header for an Ollama behind an authenticating proxy. */
  auth: AuthHeader;
  /** Images sent with messages, as files in the extension's storage. */
  images: ImageStore;
  /** The configured Ollama hosts (the default first) and a client for each. */
  hosts: HostRouter;
  /** This extension's version, for reports. */
  extensionVersion: string;
}
