/**
 * Every dataset format Parley reads and writes, by id.
 */
import type { Format, FormatId } from './dataset';
import { csvFormat } from './csv';
import { doccanoFormat } from './doccano';
import { labelstudioFormat } from './labelstudio';
import { spansFormat } from './spans';

export const FORMATS: Partial<Record<FormatId, Format>> = {
  spans: spansFormat,
  doccano: doccanoFormat,
  csv: csvFormat,
  labelstudio: labelstudioFormat,
};
