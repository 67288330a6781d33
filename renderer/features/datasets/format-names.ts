/** How each dataset format is named in the dialogs. */
import type { ImportFormatId } from '@api/contract';

export const FORMAT_NAMES: Record<ImportFormatId, string> = {
  spans: 'Spans JSONL (spaCy, Prodigy)',
  doccano: 'doccano JSONL',
  conll: 'CoNLL IOB2 columns',
  brat: 'brat standoff (folder)',
  labelstudio: 'Label Studio JSON',
  webanno: 'W3C Web Annotation JSON-LD',
  csv: 'CSV, one span a row',
  parley: 'Parley store file (a colleague’s store)',
};
