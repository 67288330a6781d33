import { describe, expect, it } from 'vitest';
import { filterAnnotations, isEmptyQuery } from '../../../renderer/features/search/annotation-filter';
import { annotationOf } from './fixtures';

const LIST = [
  annotationOf('q1', 0, 10, { text: 'We are open to talks', label: 'quote', attributes: { speaker: 'Peskov' } }),
  annotationOf('d1', 20, 28, { text: 'Thursday', label: 'date' }),
  annotationOf('p1', 30, 40, { text: 'if guarantees are given', label: 'precondition', note: 'Kyiv insists' }),
  annotationOf('d2', 50, 56, { text: 'Monday', label: 'date' }),
];

const ids = (label: string | null, text: string) => filterAnnotations(LIST, { label, text }).map((a) => a.id);

describe('annotation-filter', () => {
  it.each([
    { label: null, text: '', expected: ['q1', 'd1', 'p1', 'd2'] },
    { label: 'date', text: '', expected: ['d1', 'd2'] },
    { label: 'date', text: 'MON', expected: ['d2'] },
    { label: null, text: 'peskov', expected: ['q1'] },
    { label: null, text: ' kyiv ', expected: ['p1'] },
    { label: 'quote', text: 'monday', expected: [] },
  ])('label $label and text “$text” keep $expected', ({ label, text, expected }) => {
    expect(ids(label, text)).toEqual(expected);
  });

  it('calls a query without label and with only blanks empty', () => {
    expect(isEmptyQuery({ label: null, text: '  ' })).toBe(true);
    expect(isEmptyQuery({ label: 'date', text: '' })).toBe(false);
  });
});
