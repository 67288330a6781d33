import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELDOUT_PATH, GOLD_PATH, loadGold, markdownTable, measure, type QualityReport } from './quality';

/** The figures docs/suggestions.md documents (exact match): precision and recall per label. */
const DOCUMENTED: Record<string, Record<string, { precision: number; recall: number }>> = {
  seeds: {
    quote: { precision: 1, recall: 1 },
    precondition: { precision: 1, recall: 1 },
    date: { precision: 1, recall: 1 },
  },
  heldout: {
    quote: { precision: 1, recall: 0.92 },
    precondition: { precision: 1, recall: 0.44 },
    date: { precision: 0.94, recall: 1 },
  },
};
/** How far a figure may fall below the documented one before the test fails. */
const MARGIN = 0.05;

const DOCS = readFileSync(join(import.meta.dirname, '../../../../docs/suggestions.md'), 'utf8');

describe.each([
  { name: 'seeds', path: GOLD_PATH },
  { name: 'heldout', path: HELDOUT_PATH },
])('suggestion quality on $name', ({ name, path }) => {
  const report: QualityReport = measure(loadGold(path));

  it.each(Object.entries(DOCUMENTED[name] ?? {}))(
    'keeps %s at least at the documented precision and recall',
    (label, floor) => {
      const figures = report.labels.find((f) => f.label === label);
      expect(figures?.exact.precision ?? 0).toBeGreaterThanOrEqual(floor.precision - MARGIN);
      expect(figures?.exact.recall ?? 0).toBeGreaterThanOrEqual(floor.recall - MARGIN);
    },
  );

  it('matches the table in docs/suggestions.md', () => {
    expect(DOCS).toContain(markdownTable(report));
  });
});
