/**
 * How well suggest() finds the team's gold spans of the five seed articles
 * (tests/fixtures/gold/seeds.jsonl): precision, recall and F1 per label, exact (same start, end
 * and label) and overlapping (one to one, sharing a character), plus how often an exactly matched
 * span also has the gold attribute. `npx tsx tests/unit/core/suggest/quality.ts` prints the table
 * and every miss for docs/suggestions.md; quality.test.ts keeps the figures from falling.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchSpans } from '../../../../main/core/agreement/spans';
import type { DatasetDocument } from '../../../../main/core/formats/dataset';
import { spansFormat } from '../../../../main/core/formats/spans';
import { RECOGNISER_IDS, suggest, type CoreSuggestion } from '../../../../main/core/suggest';

export const GOLD_PATH = join(import.meta.dirname, '../../../fixtures/gold/seeds.jsonl');
/** Three short articles written and annotated after the recognisers were built, never tuned on. */
export const HELDOUT_PATH = join(import.meta.dirname, '../../../fixtures/gold/heldout.jsonl');

/** A gold document and the publication date the measurement resolves its dates against. */
export interface GoldDocument extends DatasetDocument {
  publishedAt: string;
}

/** Precision, recall and F1 of matched spans; null where a denominator is zero. */
export interface Scores {
  matched: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** The figures of one label (or of all labels together, as `all`). */
export interface LabelFigures {
  label: string;
  gold: number;
  suggested: number;
  exact: Scores;
  overlap: Scores;
  /** Exact matches whose attribute (speaker, holder, value) equals the gold one. */
  attributeAgreement: number;
}

/** A gold span no suggestion matches exactly, or a suggestion no gold span matches. */
export interface Miss {
  docId: string;
  label: string;
  kind: 'missed' | 'false';
  start: number;
  end: number;
  text: string;
  /** The attributes of the gold span (missed) or the suggestion (false). */
  attributes: Record<string, string>;
}

/** A span that matched exactly but whose attribute differs from the gold one. */
export interface AttributeMiss {
  docId: string;
  label: string;
  text: string;
  name: string;
  gold: string;
  suggested: string;
}

export interface QualityReport {
  labels: LabelFigures[];
  all: LabelFigures;
  misses: Miss[];
  attributeMisses: AttributeMiss[];
}

/** The attribute each label carries. */
export const ATTRIBUTE: Record<string, string> = { quote: 'speaker', precondition: 'holder', date: 'value' };

/** The gold documents, offsets converted to UTF-16 and checked by Parley's own spans importer. */
export function loadGold(path = GOLD_PATH): GoldDocument[] {
  const content = readFileSync(path, 'utf8');
  const parsed = spansFormat.parse([{ path: 'seeds.jsonl', content }], { offsets: 'codepoint' });
  if (parsed.problems.length > 0) {
    throw new Error(`gold: ${parsed.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  }
  const dates = new Map(
    content
      .trim()
      .split('\n')
      .map((line) => {
        const meta = (JSON.parse(line) as { meta: { doc_id: string; publishedAt: string } }).meta;
        return [meta.doc_id, meta.publishedAt] as const;
      }),
  );
  return parsed.documents.map((d) => ({ ...d, publishedAt: dates.get(d.docId) ?? '' }));
}

const scores = (matched: number, gold: number, suggested: number): Scores => {
  const precision = suggested === 0 ? null : matched / suggested;
  const recall = gold === 0 ? null : matched / gold;
  const f1 = gold + suggested === 0 ? null : (2 * matched) / (gold + suggested);
  return { matched, precision, recall, f1 };
};

const key = (s: { start: number; end: number }): string => `${s.start}:${s.end}`;

/** Measures suggest() against the gold, every label, publication dates given. */
export function measure(gold: readonly GoldDocument[] = loadGold()): QualityReport {
  const totals = new Map<string, { gold: number; suggested: number; exact: number; overlap: number; agree: number }>();
  const misses: Miss[] = [];
  const attributeMisses: AttributeMiss[] = [];
  for (const doc of gold) {
    const suggestions = suggest(doc.text, { publishedAt: doc.publishedAt });
    for (const label of RECOGNISER_IDS) {
      const expected = doc.spans.filter((s) => s.label === label);
      const got = suggestions.filter((s) => s.label === label);
      const { exact, relaxed } = matchSpans(expected, got);
      const total = totals.get(label) ?? { gold: 0, suggested: 0, exact: 0, overlap: 0, agree: 0 };
      total.gold += expected.length;
      total.suggested += got.length;
      total.exact += exact.matched;
      total.overlap += relaxed.matched;
      const byKey = new Map<string, CoreSuggestion>(got.map((s) => [key(s), s]));
      const name = ATTRIBUTE[label] ?? '';
      for (const span of expected) {
        const match = byKey.get(key(span));
        if (match === undefined) {
          const { start, end, text } = span;
          misses.push({ docId: doc.docId, label, kind: 'missed', start, end, text, attributes: span.attributes ?? {} });
          continue;
        }
        const want = span.attributes?.[name] ?? '';
        const have = match.attributes[name] ?? '';
        if (want === have) total.agree += 1;
        else attributeMisses.push({ docId: doc.docId, label, text: span.text, name, gold: want, suggested: have });
      }
      const goldKeys = new Set(expected.map(key));
      for (const s of got) {
        const { start, end, text, attributes } = s;
        if (!goldKeys.has(key(s)))
          misses.push({ docId: doc.docId, label, kind: 'false', start, end, text, attributes });
      }
      totals.set(label, total);
    }
  }
  const figures = (
    label: string,
    t: { gold: number; suggested: number; exact: number; overlap: number; agree: number },
  ) => ({
    label,
    gold: t.gold,
    suggested: t.suggested,
    exact: scores(t.exact, t.gold, t.suggested),
    overlap: scores(t.overlap, t.gold, t.suggested),
    attributeAgreement: t.agree,
  });
  const labels = RECOGNISER_IDS.map((l) =>
    figures(l, totals.get(l) ?? { gold: 0, suggested: 0, exact: 0, overlap: 0, agree: 0 }),
  );
  const sum = { gold: 0, suggested: 0, exact: 0, overlap: 0, agree: 0 };
  for (const t of totals.values()) {
    sum.gold += t.gold;
    sum.suggested += t.suggested;
    sum.exact += t.exact;
    sum.overlap += t.overlap;
    sum.agree += t.agree;
  }
  return { labels, all: figures('all', sum), misses, attributeMisses };
}

const fixed = (value: number | null): string => (value === null ? '—' : value.toFixed(2));

/** The figures as the Markdown table docs/suggestions.md shows. */
export function markdownTable(report: QualityReport): string {
  const rows = [...report.labels, report.all].map((f) =>
    [
      f.label,
      f.gold,
      f.suggested,
      fixed(f.exact.precision),
      fixed(f.exact.recall),
      fixed(f.exact.f1),
      fixed(f.overlap.precision),
      fixed(f.overlap.recall),
      fixed(f.overlap.f1),
      `${f.attributeAgreement}/${f.exact.matched}`,
    ].join(' | '),
  );
  return [
    '| label | gold | suggested | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | attribute right |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/** The table, then every miss, as docs/suggestions.md lists them. */
function printReport(title: string, report: QualityReport): void {
  console.log(`## ${title}\n`);
  console.log(markdownTable(report));
  console.log('\nMisses:');
  for (const m of report.misses) {
    console.log(`- ${m.kind} ${m.label} ${m.docId} ${m.start}-${m.end} “${m.text}” ${JSON.stringify(m.attributes)}`);
  }
  console.log('\nAttribute misses:');
  for (const m of report.attributeMisses) {
    console.log(
      `- ${m.label} ${m.docId} “${m.text.slice(0, 60)}”: ${m.name} ${JSON.stringify(m.suggested)}, gold ${JSON.stringify(m.gold)}`,
    );
  }
  console.log('');
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  printReport('seeds', measure(loadGold(GOLD_PATH)));
  printReport('held out', measure(loadGold(HELDOUT_PATH)));
}
