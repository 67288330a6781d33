/**
 * Reading JSON Lines: one JSON value a line, each parse error with its line number, and lines
 * longer than a limit refused without parsing them.
 */
import type { Problem } from './dataset';

/** Lines longer than this (UTF-16 units) are refused: no annotation record is this large. */
export const MAX_LINE_LENGTH = 16 * 1024 * 1024;

/** The parsed values of a JSONL file with their 1-based line numbers, and the lines that failed. */
export function readJsonLines(
  file: string,
  content: string,
): { values: { line: number; value: unknown }[]; problems: Problem[] } {
  const values: { line: number; value: unknown }[] = [];
  const problems: Problem[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    if (text.length > MAX_LINE_LENGTH) {
      problems.push({
        file,
        line,
        message: `the line is ${text.length} characters long; the limit is ${MAX_LINE_LENGTH}`,
      });
      return;
    }
    try {
      values.push({ line, value: JSON.parse(text) as unknown });
    } catch (error) {
      problems.push({
        file,
        line,
        message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      });
    }
  });
  return { values, problems };
}

/** Whether a value is a plain JSON object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
