// A multi-step quick input the way VS Code's own samples build one: each question shows "(n/total)",
// every step after the first has a Back button that returns to the previous question with its
// answer kept, and Escape cancels the whole flow. Clicking away keeps it open, so the engineer can
// copy an instance id or account from a chat or a case and come back.
import * as vscode from 'vscode';
import { disposeAll } from '../dispose';

/** The engineer pressed Back. */
export const BACK = Symbol('back');
/** An answer, BACK, or undefined when the engineer cancelled. */
export type Answer<T> = T | typeof BACK | undefined;

/** Where a question stands in its flow; no step for a question asked on its own. */
export interface StepAt {
  title: string;
  step?: number;
  totalSteps?: number;
  back?: boolean;
}

export interface Step {
  /** What the step asks, shown after the flow's title, e.g. "instance". */
  name: string;
  /** Asks, keeps the answer where later steps (and a return by Back) find it, and returns it. */
  ask(at: StepAt): Promise<Answer<unknown>>;
}

/** Asks the steps in order, Back going to the previous one; false when the engineer cancelled. */
export async function runSteps(title: string, steps: Step[]): Promise<boolean> {
  for (let i = 0; i < steps.length;) {
    const answer = await steps[i].ask({
      title: `${title}: ${steps[i].name}`,
      step: i + 1,
      totalSteps: steps.length,
      back: i > 0,
    });
    if (answer === undefined) return false;
    i += answer === BACK ? -1 : 1;
  }
  return true;
}

export interface TextQuestion {
  prompt: string;
  placeHolder?: string;
  value?: string;
  /** What is wrong with the text as typed, or undefined; Enter is refused while there is a problem. */
  validate?: (value: string) => string | undefined;
}

export function askText(at: StepAt, question: TextQuestion): Promise<Answer<string>> {
  const box = vscode.window.createInputBox();
  place(box, at);
  box.prompt = question.prompt;
  box.placeholder = question.placeHolder;
  box.value = question.value ?? '';
  const check = () => (box.validationMessage = question.validate?.(box.value));
  check();
  return ask(box, (done) => [
    box.onDidChangeValue(check),
    box.onDidAccept(() => check() === undefined && done(box.value)),
  ]);
}

export interface PickQuestion<T> {
  placeHolder?: string;
  matchOnDescription?: boolean;
  /** The item to start on, e.g. the one picked before Back. */
  active?: T;
}

export function askPick<T extends vscode.QuickPickItem>(
  at: StepAt,
  items: readonly T[],
  question: PickQuestion<T> = {},
): Promise<Answer<T>> {
  const pick = vscode.window.createQuickPick<T>();
  place(pick, at);
  pick.placeholder = question.placeHolder;
  pick.matchOnDescription = question.matchOnDescription ?? false;
  pick.items = items;
  // After the items: VS Code drops active items that are not among them.
  if (question.active) pick.activeItems = [question.active];
  return ask(pick, (done) => [
    pick.onDidAccept(() => pick.selectedItems[0] && done(pick.selectedItems[0])),
  ]);
}

function place(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, at: StepAt): void {
  input.title = at.title;
  input.step = at.step;
  input.totalSteps = at.totalSteps;
  input.ignoreFocusOut = true;
  input.buttons = at.back ? [vscode.QuickInputButtons.Back] : [];
}

/** Shows the input until it is answered, Back is pressed or it is hidden, then disposes of it. */
function ask<T>(
  input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>,
  listen: (done: (answer: Answer<T>) => void) => vscode.Disposable[],
): Promise<Answer<T>> {
  return new Promise((resolve) => {
    let answered = false;
    const done = (answer: Answer<T>) => {
      if (answered) return;
      answered = true;
      disposeAll([...listeners, input]);
      resolve(answer);
    };
    const listeners = [
      ...listen(done),
      input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK)),
      input.onDidHide(() => done(undefined)),
    ];
    input.show();
  });
}
