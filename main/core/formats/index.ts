/**
 * Every dataset format Parley reads and writes, by id.
 */
import type { Format, FormatId } from './dataset';
import { spansFormat } from './spans';

export const FORMATS: Partial<Record<FormatId, Format>> = {
  spans: spansFormat,
};
