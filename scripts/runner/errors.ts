// The runner's failures: RunnerError (with its exit code) and one-line reports of anything thrown.
import { isObject } from '../../sesamy/json.ts';

/** A failure with the exit code it means: 2 for usage errors, 1 for runtime failures. */
export class RunnerError extends Error {
  readonly exitCode: 1 | 2;

  // No parameter properties: Node runs this file by stripping types, which only erasable syntax survives.
  constructor(message: string, exitCode: 1 | 2) {
    super(message);
    this.name = 'RunnerError';
    this.exitCode = exitCode;
  }
}

export const usageError = (message: string): RunnerError => new RunnerError(`${message} (see --help)`, 2);

export interface ErrorReport {
  readonly name: string;
  readonly message: string;
}

export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** AppError and ThrottledError carry their message as JSON; the others as text. One line, always. */
export const errorReportOf = (thrown: unknown): ErrorReport => {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  let message = error.message;
  try {
    const parsed: unknown = JSON.parse(message);
    if (isObject(parsed) && typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // a plain-text message
  }
  return { name: error.name || 'Error', message: oneLine(message) };
};
