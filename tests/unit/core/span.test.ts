import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, checkAnchor, compareSpans, describeBadSpan, quoteOf } from '../../../main/core/span';

describe('span', () => {
  describe('describeBadSpan', () => {
    it.each([
      { span: { start: 120, end: 118 }, length: 500, message: 'start 120 must be < end 118' },
      { span: { start: 7, end: 7 }, length: 500, message: 'start 7 must be < end 7' },
      { span: { start: -1, end: 4 }, length: 500, message: 'start -1 must be >= 0' },
      { span: { start: 0, end: 11 }, length: 10, message: 'end 11 is past the end of the text (length 10)' },
      { span: { start: 1.5, end: 4 }, length: 10, message: 'start 1.5 and end 4 must be whole numbers' },
      { span: { start: 0, end: Number.NaN }, length: 10, message: 'start 0 and end NaN must be whole numbers' },
    ])('names the bad value when the span is $span with length $length', ({ span, length, message }) => {
      expect(describeBadSpan(span, length)).toBe(message);
    });

    it.each([
      { start: 0, end: 1 },
      { start: 0, end: 10 },
      { start: 9, end: 10 },
    ])('returns null when $start..$end lies inside a text of length 10', (span) => {
      expect(describeBadSpan(span, 10)).toBeNull();
    });
  });

  describe('compareSpans', () => {
    it('orders by start, then the longer span first so an enclosing span precedes what it contains', () => {
      const spans = [
        { start: 5, end: 6 },
        { start: 0, end: 3 },
        { start: 5, end: 9 },
        { start: 0, end: 10 },
      ];
      expect([...spans].sort(compareSpans)).toEqual([
        { start: 0, end: 10 },
        { start: 0, end: 3 },
        { start: 5, end: 9 },
        { start: 5, end: 6 },
      ]);
    });
  });

  describe('quoteOf', () => {
    const text = `${'a'.repeat(40)}QUOTE${'z'.repeat(40)}`;

    it('keeps 32 code units of context on each side when the text has them', () => {
      expect(CONTEXT_LENGTH).toBe(32);
      expect(quoteOf(text, { start: 40, end: 45 })).toEqual({
        text: 'QUOTE',
        prefix: 'a'.repeat(32),
        suffix: 'z'.repeat(32),
      });
    });

    it('keeps what there is when the span is near the start or the end', () => {
      expect(quoteOf('He said hi.', { start: 0, end: 2 })).toEqual({ text: 'He', prefix: '', suffix: ' said hi.' });
      expect(quoteOf('He said hi.', { start: 8, end: 11 })).toEqual({ text: 'hi.', prefix: 'He said ', suffix: '' });
    });

    it('counts UTF-16 code units, so an emoji takes two and CRLF two', () => {
      const quote = quoteOf('😀 ok\r\nnext', { start: 3, end: 5 });
      expect(quote).toEqual({ text: 'ok', prefix: '😀 ', suffix: '\r\nnext' });
    });
  });

  describe('checkAnchor', () => {
    const docText = 'The minister said: "We will act."';

    it('returns null when the stored text is still at its offsets', () => {
      expect(checkAnchor(docText, { start: 4, end: 12, text: 'minister' })).toBeNull();
    });

    it('returns text-mismatch when the text at the offsets changed', () => {
      expect(checkAnchor(docText, { start: 4, end: 12, text: 'minister!' })).toBe('text-mismatch');
      expect(checkAnchor(docText.replace('minister', 'ministry'), { start: 4, end: 12, text: 'minister' })).toBe(
        'text-mismatch',
      );
    });

    it.each([
      { start: 30, end: 40 },
      { start: 5, end: 5 },
      { start: -2, end: 3 },
    ])('returns out-of-range when the span $start..$end does not fit the text', (span) => {
      expect(checkAnchor(docText, { ...span, text: 'x' })).toBe('out-of-range');
    });
  });
});
