/**
 * The golden dataset every format's golden file is made from: seed article 004 with quotes,
 * preconditions and dates tagged by the guidelines, overlapping where the text calls for it.
 * Regenerate a format's file with `npx tsx tests/unit/core/formats/write-golden.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, DatasetSpan } from '../../../../main/core/formats/dataset';
import { LABELS } from './arbitraries';

const DOC_ID = '004_0a172a30c89c87c3';
const ROOT = join(import.meta.dirname, '../../../..');

/** [covered text, label, attributes?] in the order they appear. */
const TAGS: [string, string, Record<string, string>?][] = [
  [
    'contingent upon receiving security guarantees from U.S. President Donald Trump',
    'precondition',
    { holder: 'Zelensky' },
  ],
  ['Thursday', 'date', { value: '' }],
  ['late 2022', 'date', { value: '2022-Q4' }],
  ['earlier this month', 'date', { value: '' }],
  ["assurances from Trump regarding Ukraine's defense", 'precondition', { holder: 'Zelensky' }],
  ['if the latter were to hold an election and secure a victory', 'precondition', { holder: 'Putin' }],
  ['hold an election', 'quote'],
  ['May of last year', 'date', { value: '' }],
];

export function goldenDataset(): Dataset {
  const text = readFileSync(join(ROOT, 'seeds', `${DOC_ID}.txt`), 'utf8');
  const spans: DatasetSpan[] = TAGS.map(([covered, label, attributes], index) => {
    const start = text.indexOf(covered);
    if (start < 0) throw new Error(`“${covered}” is not in ${DOC_ID}`);
    return {
      id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      start,
      end: start + covered.length,
      label,
      text: covered,
      ...(attributes && { attributes }),
      ...(index === 0 && { note: 'Zelensky’s condition, as reported by Bloomberg' }),
    };
  });
  return {
    labels: LABELS,
    documents: [
      {
        docId: DOC_ID,
        text,
        title: 'Zelensky Open to Peace Talks with Putin, Seeks Security Guarantees from Trump',
        source: `seeds/${DOC_ID}.txt`,
        annotator: 'ada',
        status: 'done',
        spans,
      },
    ],
  };
}
