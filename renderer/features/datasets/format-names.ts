/** How each dataset format is named in the dialogs. */
import type { FormatId } from '@api/contract';

export const FORMAT_NAMES: Record<FormatId, string> = {
  spans: 'Spans JSONL (spaCy, Prodigy)',
  doccano: 'doccano JSONL',
  conll: 'CoNLL IOB2 columns',
  brat: 'brat standoff (folder)',
  labelstudio: 'Label Studio JSON',
  webanno: 'W3C Web Annotation JSON-LD',
  csv: 'CSV, one span a row',
};
