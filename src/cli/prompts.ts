import { styleText } from 'node:util';
import { CancelledError } from '../core/errors.js';

/** The questions a command may ask; the real ones come from @inquirer/prompts, loaded only when asked. */
export interface Prompter {
  input(question: {
    message: string;
    default?: string;
    validate?: (value: string) => true | string;
  }): Promise<string>;
  select<T extends string>(question: {
    message: string;
    choices: { value: T; name?: string }[];
    default?: T;
  }): Promise<T>;
  checkbox<T extends string>(question: {
    message: string;
    choices: { value: T; name?: string }[];
  }): Promise<T[]>;
}

export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** Whether a prompt library's error means the person cancelled (Ctrl-C, or its signal aborted). */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

/**
 * Prompts through @inquirer/prompts, on the process's terminal or on the given streams. Each question collapses
 * to one line once it is done: `✔ Port 3001` when answered, `✖ Port cancelled; nothing was written` when
 * cancelled, which ends the command with exit 130 and nothing more printed.
 */
export async function inquirerPrompter(
  streams?: PromptStreams,
  { color = false }: { color?: boolean } = {},
): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  const output = streams?.output ?? process.stdout;
  const context = {
    ...(streams && { input: streams.input, output: streams.output }),
    clearPromptOnDone: true,
  };
  const style = (format: Parameters<typeof styleText>[0], text: string) =>
    color ? styleText(format, text, { validateStream: false }) : text;
  const line = (mark: string, message: string, text: string) =>
    void output.write(`${mark} ${style('bold', message)}${text === '' ? '' : ` ${text}`}\n`);

  async function ask<T>(
    message: string,
    question: () => Promise<T>,
    shown: (value: T) => string,
  ): Promise<T> {
    try {
      const answer = await question();
      line(style('green', '✔'), message, style('cyan', shown(answer)));
      return answer;
    } catch (error) {
      if (!isPromptCancel(error)) throw error;
      line(style('red', '✖'), message, style('dim', 'cancelled; nothing was written'));
      throw new CancelledError('Cancelled; nothing was written.', { shown: true });
    }
  }

  return {
    input: (question) =>
      ask(
        question.message,
        () => prompts.input(question, context),
        (value) => value,
      ),
    select: (question) => ask(question.message, () => prompts.select(question, context), String),
    checkbox: (question) =>
      ask(
        question.message,
        () => prompts.checkbox(question, context),
        (values) => (values.length === 0 ? 'none' : values.join(', ')),
      ),
  };
}
