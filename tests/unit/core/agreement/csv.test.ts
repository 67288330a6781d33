import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AGREEMENT_CSV_COLUMNS, agreementToCsv, computeAgreement } from '../../../../main/core/agreement/index';

const TEXT = 'He said, "peace, now", on 3 May.';

const report = computeAgreement({
  documents: [
    { id: 'd,1', text: TEXT },
    { id: 'd2', text: TEXT },
  ],
  annotators: ['ann', 'bob'],
  labels: ['quote', 'date'],
  spans: [
    { docId: 'd,1', annotator: 'ann', start: 9, end: 21, label: 'quote' },
    { docId: 'd,1', annotator: 'bob', start: 10, end: 20, label: 'quote' },
    { docId: 'd,1', annotator: 'ann', start: 26, end: 31, label: 'date' },
  ],
  annotated: { 'd,1': ['ann', 'bob'], d2: ['ann'] },
});

const parsed: string[][] = parse(agreementToCsv(report));
const rows = parsed.slice(1);
const find = (scope: string, document: string, measure: string, label: string) =>
  rows.filter((r) => r[0] === scope && r[1] === document && r[4] === measure && r[5] === label);

describe('agreement/csv', () => {
  it('writes the header and quotes fields as RFC 4180 says', () => {
    const csv = agreementToCsv(report);
    expect(csv.split('\n')[0]).toBe(AGREEMENT_CSV_COLUMNS.join(','));
    expect(csv).toContain('"d,1"');
    expect(rows.every((row) => row.length === AGREEMENT_CSV_COLUMNS.length)).toBe(true);
  });

  it('writes every figure of the pooled report and of each document once', () => {
    const pair = 2 + 3 + 2 * 3 * 6; // documents, tokens; cohen all + 2 labels; 2 kinds × (micro + 2) × 6
    const group = 3 + 1 + 3 + 3;
    const perDocument = 1 + pair + group;
    expect(rows).toHaveLength(2 + pair + group + 2 * perDocument);
    const keys = rows.map((r) => r.slice(0, 6).join('|'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes values as exact numbers and an undefined one as empty with its reason', () => {
    const [kappa] = find('pair', '', 'cohen_kappa', '');
    expect(Number(kappa?.[6])).toBe(report.pairwise[0]?.cohenKappa.all);
    const [precision] = find('pair', '', 'span_exact_precision', 'date');
    expect(precision?.slice(6)).toEqual(['', 'bob has no date spans: precision and F1 are undefined']);
    const [fleiss] = find('group', 'd2', 'fleiss_kappa', '');
    expect(fleiss?.slice(6)).toEqual(['', 'no document was annotated by every annotator']);
    const [tokens] = find('document', 'd2', 'tokens', '');
    expect(tokens?.[6]).toBe(String(report.perDocument[1]?.tokens));
    expect(find('pair', 'd,1', 'span_relaxed_tp', 'quote')[0]?.slice(2, 4)).toEqual(['ann', 'bob']);
  });
});
