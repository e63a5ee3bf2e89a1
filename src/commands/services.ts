/** What every command handler can use; built once in `extension.ts`. */
import type * as vscode from 'vscode';
import type { ChatService } from '../chat/chatService';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import type { OllamaClient } from '../services/ollamaClient';
import type { SettingsService } from '../services/settings';
import type { ModalPrompt } from './modalPrompt';

export interface Services {
  chat: ChatService;
  view: ChatViewProvider;
  settings: SettingsService;
  client: OllamaClient;
  log: vscode.LogOutputChannel;
  /** Modal questions (answered by integration tests in place of the user). */
  modal: ModalPrompt;
}
