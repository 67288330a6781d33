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
      const value = JSON.parse(text) as unknown;
      if (isTooDeep(value))
        problems.push({ file, line, message: `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels` });
      else values.push({ line, value });
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

/** No Parley record nests deeper than this; deeper input is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `limit` (recursion stops at the limit). */
export function isTooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  return Object.values(value).some((child) => isTooDeep(child, limit - 1));
}

/** A short, safe description of any value for a problem message (never walks deep values). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** Whether a value is a plain JSON object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
