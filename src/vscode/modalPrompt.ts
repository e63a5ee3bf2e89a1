/**
 * Modal questions a command asks before acting (e.g. before a pull downloads from a registry). They go through one
 * object so integration tests can answer them: VS Code refuses to show modal dialogs while extension tests run.
 */
import vscode = require('vscode');

/** A modal warning: the question, the facts under it, and the buttons besides Cancel. */
export interface ModalQuestion {
  message: string;
  detail: string;
  buttons: string[];
}

/** Answers a question with the label of a button, or undefined for Cancel. */
export type ModalAnswer = (question: ModalQuestion) => string | undefined;

/** What `activate()` adds to its API when the extension runs under integration tests (ExtensionMode.Test) only. */
export interface ModalTestHooks {
  testing: {
    /** Answers every modal question with `answer` instead of showing it; undefined shows them again. */
    answerModals(answer: ModalAnswer | undefined): void;
    /** Answers every notification that offers buttons (e.g. Undo) with `answer`; undefined shows them again. */
    answerNotifications(answer: ModalAnswer | undefined): void;
  };
}

export class ModalPrompt {
  private answer: ModalAnswer | undefined;
  private notificationAnswer: ModalAnswer | undefined;

  /**
   * Shows a notification with buttons (not modal); resolves with the chosen button's label, or undefined once it is
   * closed without one.
   */
  async notify(message: string, ...buttons: string[]): Promise<string | undefined> {
    if (this.notificationAnswer) return this.notificationAnswer({ message, detail: '', buttons });
    return vscode.window.showInformationMessage(message, ...buttons);
  }

  /** Shows the question as a modal warning; resolves with the chosen button's label, or undefined for Cancel. */
  async ask(question: ModalQuestion): Promise<string | undefined> {
    if (this.answer) return this.answer(question);
    return vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, ...question.buttons);
  }

  /** The test hooks that drive this prompt (see `ModalTestHooks`). */
  testHooks(): ModalTestHooks {
    return {
      testing: {
        answerModals: (answer) => { this.answer = answer; },
        answerNotifications: (answer) => { this.notificationAnswer = answer; },
      },
    };
  }
}
