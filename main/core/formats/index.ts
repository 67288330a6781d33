/**
 * Every dataset format Parley reads and writes, by id.
 */
import type { Format, FormatId } from './dataset';
import { bratFormat } from './brat';
import { conllFormat } from './conll';
import { csvFormat } from './csv';
import { doccanoFormat } from './doccano';
import { labelstudioFormat } from './labelstudio';
import { spansFormat } from './spans';
import { webannoFormat } from './webanno';

export const FORMATS: Record<FormatId, Format> = {
  spans: spansFormat,
  doccano: doccanoFormat,
  conll: conllFormat,
  brat: bratFormat,
  labelstudio: labelstudioFormat,
  webanno: webannoFormat,
  csv: csvFormat,
};
