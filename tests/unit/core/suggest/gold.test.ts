import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLD_PATH, HELDOUT_PATH, loadGold } from './quality';

const SEEDS = join(import.meta.dirname, '../../../../seeds');

interface GoldLine {
  text: string;
  meta: { doc_id: string; annotator: string; status: string; offsetEncoding: string; publishedAt: string };
  spans: { start: number; end: number; label: string; text: string; attributes: Record<string, string> }[];
}

const lines = (path: string): GoldLine[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as GoldLine);

const ISO_VALUE = /^\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4]|-W\d{2}|-H[12])?$/u;

describe.each([
  { name: 'seeds', path: GOLD_PATH },
  { name: 'held out', path: HELDOUT_PATH },
])('gold annotation ($name)', ({ path }) => {
  it('slices every span’s text out of the document by code points, end exclusive', () => {
    for (const line of lines(path)) {
      const codePoints = [...line.text];
      for (const span of line.spans) {
        expect(codePoints.slice(span.start, span.end).join(''), `${line.meta.doc_id} ${span.start}`).toBe(span.text);
      }
    }
  });

  it('is Parley’s spans format, done by the annotator gold, and imports without a problem', () => {
    for (const line of lines(path)) {
      expect(line.meta).toMatchObject({ annotator: 'gold', status: 'done', offsetEncoding: 'codepoint' });
      expect(line.meta.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    }
    expect(() => loadGold(path)).not.toThrow();
  });

  it('gives every span a label of the three, sorted by start then longer first, with its attribute', () => {
    for (const line of lines(path)) {
      const order = line.spans.map((s) => [s.start, -s.end]);
      expect(order).toEqual([...order].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)));
      for (const span of line.spans) {
        expect(['quote', 'precondition', 'date']).toContain(span.label);
        expect(span.text).toBe(span.text.trim());
        if (span.label === 'date') expect(span.attributes.value).toMatch(ISO_VALUE);
        if (span.label === 'quote') expect(span.attributes.speaker).not.toBe('');
        if (span.label === 'precondition') expect(span.attributes.holder).not.toBe('');
      }
    }
  });
});

describe('gold annotation of the seeds', () => {
  it('holds each seed article byte for byte, in file name order', () => {
    const gold = lines(GOLD_PATH);
    expect(gold.map((l) => l.meta.doc_id)).toEqual([
      '000_fe2b5cb27bd72a2a',
      '001_f75ec0728e96b849',
      '002_fdc061c071a624e3',
      '003_e9113682fcbda308',
      '004_0a172a30c89c87c3',
    ]);
    for (const line of gold) {
      expect(line.text).toBe(readFileSync(join(SEEDS, `${line.meta.doc_id}.txt`), 'utf8'));
    }
  });
});
