/** The heat map with its choice of measure and label, and the legend of its colour scale. */
import { useMemo, useState } from 'react';
import type { AgreementReport, Label, PairAgreement } from '@api/contract';
import { legendGradient } from './colour-scale';
import { ALL, MEASURE_NAMES, PAIR_MEASURES, findPair, heatCells, labelNameOf, type PairMeasure } from './figures';
import { HeatMap } from './HeatMap';

interface Props {
  report: AgreementReport;
  labels: readonly Label[];
  /** A cell was clicked: the pair, and the label the map shows (ALL or an id). */
  onPick: (pair: PairAgreement, label: string) => void;
}

export function HeatMapPanel({ report, labels, onPick }: Props) {
  const [measure, setMeasure] = useState<PairMeasure>('cohenKappa');
  const [chosenLabel, setLabel] = useState(ALL);
  // The label filter may have dropped the chosen label since.
  const label = report.labels.includes(chosenLabel) ? chosenLabel : ALL;
  const cells = useMemo(() => heatCells(report, measure, label), [report, measure, label]);
  const title =
    `Heat map of ${MEASURE_NAMES[measure]} (${labelNameOf(labels, label)}) between every two of ` +
    `${report.annotators.join(', ')}. The same figures are in the table of every pair below.`;
  return (
    <figure className="chart-panel">
      <figcaption className="chart-controls">
        <label className="field">
          <span>Measure</span>
          <select value={measure} onChange={(e) => setMeasure(e.target.value as PairMeasure)}>
            {PAIR_MEASURES.map((m) => (
              <option key={m} value={m}>
                {MEASURE_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Label</span>
          <select value={label} onChange={(e) => setLabel(e.target.value)}>
            {[ALL, ...report.labels].map((id) => (
              <option key={id} value={id}>
                {labelNameOf(labels, id)}
              </option>
            ))}
          </select>
        </label>
      </figcaption>
      <HeatMap
        annotators={report.annotators}
        cells={cells}
        title={title}
        onPick={(row, column) => {
          const pair = findPair(report.pairwise, row, column);
          if (pair) onPick(pair, label);
        }}
      />
      <div className="scale-legend" aria-hidden="true">
        <span>0 or less</span>
        <span className="scale-bar" style={{ background: legendGradient() }} />
        <span>1</span>
        <span className="scale-null" />
        <span>undefined</span>
      </div>
      <p className="hint">Click a cell to list the disagreements behind it.</p>
    </figure>
  );
}
