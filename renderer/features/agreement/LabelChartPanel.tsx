/** The per-label chart with its choice of subject (the group or a pair) and measure. */
import { useMemo, useState } from 'react';
import type { AgreementReport, Label } from '@api/contract';
import { MEASURE_NAMES, labelBars, pairName, resolveChartChoice, type Measure } from './figures';
import { LabelChart } from './LabelChart';

/** The pair the chart shows, by its annotators; null for the group. */
export type SubjectChoice = { a: string; b: string } | null;

interface Props {
  report: AgreementReport;
  labels: readonly Label[];
  choice: SubjectChoice;
  onChoice: (choice: SubjectChoice) => void;
}

const GROUP = 'group';

export function LabelChartPanel({ report, labels, choice, onChoice }: Props) {
  const [chosenMeasure, setMeasure] = useState<Measure>('fleissKappa');
  const resolved = useMemo(() => resolveChartChoice(report, choice, chosenMeasure), [report, choice, chosenMeasure]);
  const bars = useMemo(() => labelBars(report, labels, resolved.subject, resolved.measure), [report, labels, resolved]);
  const { subject, measures, measure } = resolved;
  const whose = subject.kind === 'pair' ? pairName(subject.pair.a, subject.pair.b) : 'all chosen annotators';
  const title = `Bar chart of ${MEASURE_NAMES[measure]} per label for ${whose}. The same figures are in the tables.`;
  const pairIndex = subject.kind === 'pair' ? report.pairwise.indexOf(subject.pair) : -1;
  return (
    <figure className="chart-panel chart-panel-wide">
      <figcaption className="chart-controls">
        <label className="field">
          <span>Of</span>
          <select
            value={pairIndex < 0 ? GROUP : String(pairIndex)}
            onChange={(e) => {
              const next = report.pairwise[Number(e.target.value)];
              onChoice(e.target.value === GROUP || !next ? null : { a: next.a, b: next.b });
            }}
          >
            <option value={GROUP}>All chosen annotators</option>
            {report.pairwise.map((p, i) => (
              <option key={i} value={String(i)}>
                {pairName(p.a, p.b)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Measure</span>
          <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
            {measures.map((m) => (
              <option key={m} value={m}>
                {MEASURE_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
      </figcaption>
      <LabelChart bars={bars} title={title} />
    </figure>
  );
}
