/**
 * Every pairwise figure as a table: for each pair and each label (all first), Cohen's κ and the
 * precision, recall, F1 and counts of exact and overlapping span matches. Clicking κ or an F1
 * lists the disagreements behind it.
 */
import { Fragment } from 'react';
import type { AgreementReport, Label, MatchFigures, PairAgreement } from '@api/contract';
import { FigureCell } from './FigureCell';
import { collectNotes, noteIdOf, type PlacedFigure } from './figure-notes';
import {
  MEASURE_NAMES,
  formatCount,
  formatFigure,
  labelNameOf,
  pairFigure,
  pairName,
  pairRows,
  pairTestId,
  type PairMeasure,
  type PairRow,
} from './figures';
import { NullNotes } from './NullNotes';

interface Props {
  report: AgreementReport;
  labels: readonly Label[];
  /** The pair and label whose disagreements are listed, to mark their row. */
  picked: { a: string; b: string; label: string } | null;
  onOpen: (pair: PairAgreement, label: string) => void;
}

const NOTES = 'pairs';
/** Label, κ, then six columns for each span measure. */
const COLUMNS = 14;
const SPAN_MEASURES = [
  ['spanExactF1', 'exact', 'Exact-match spans'],
  ['spanRelaxedF1', 'relaxed', 'Overlapping spans'],
] as const;

function placedFigures(rows: readonly PairRow[], labels: readonly Label[]): PlacedFigure[] {
  return rows.flatMap(({ pair, label }) =>
    (['cohenKappa', 'spanExactF1', 'spanRelaxedF1'] as const).map((measure) => ({
      place: `${pairName(pair.a, pair.b)}, ${MEASURE_NAMES[measure]}, ${labelNameOf(labels, label)}`,
      figure: pairFigure(pair, measure, label),
    })),
  );
}

/** Precision and recall: plain cells, "—" with the reason as tooltip when undefined. */
function Ratio({ value, reason }: { value: number | null; reason: string | undefined }) {
  return (
    <td className={value === null ? 'figure figure-null' : 'figure'} title={value === null ? reason : undefined}>
      {formatFigure(value)}
    </td>
  );
}

function Counts({ figures }: { figures: MatchFigures | undefined }) {
  return (['tp', 'fp', 'fn'] as const).map((key) => (
    <td key={key} className="count">
      {figures ? formatCount(figures[key]) : '—'}
    </td>
  ));
}

export function PairTable({ report, labels, picked, onOpen }: Props) {
  const rows = pairRows(report);
  const notes = collectNotes(placedFigures(rows, labels));
  const cell = (row: PairRow, measure: PairMeasure) => {
    const figure = pairFigure(row.pair, measure, row.label);
    return (
      <FigureCell
        figure={figure}
        testId={pairTestId(row.pair.a, row.pair.b, measure, row.label)}
        noteId={noteIdOf(NOTES, notes, figure)}
        onOpen={() => onOpen(row.pair, row.label)}
      />
    );
  };
  return (
    <>
      <table className="figures-table pair-table">
        <caption>Every pair of annotators; precision and recall take the second annotator against the first</caption>
        <colgroup span={2} />
        <colgroup span={6} className="span-group" />
        <colgroup span={6} className="span-group" />
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Pair, label
            </th>
            <th scope="col" rowSpan={2} className="num">
              {MEASURE_NAMES.cohenKappa}
            </th>
            {SPAN_MEASURES.map(([measure, , title]) => (
              <th key={measure} scope="colgroup" colSpan={6}>
                {title}
              </th>
            ))}
          </tr>
          <tr>
            {SPAN_MEASURES.map(([measure]) =>
              ['Precision', 'Recall', 'F1', 'TP', 'FP', 'FN'].map((name) => (
                <th key={`${measure}-${name}`} scope="col" className="num">
                  {name}
                </th>
              )),
            )}
          </tr>
        </thead>
        {report.pairwise.map((pair) => (
          <tbody key={`${pair.a}\u0000${pair.b}`}>
            <tr className="pair-row">
              <th scope="rowgroup" colSpan={COLUMNS}>
                {pairName(pair.a, pair.b)}
                <span className="muted">
                  {' '}
                  · {formatCount(pair.documents)} document(s) both annotated · {formatCount(pair.tokens)} tokens
                </span>
              </th>
            </tr>
            {rows
              .filter((row) => row.pair === pair)
              .map((row) => {
                const isPicked = picked?.a === pair.a && picked.b === pair.b && picked.label === row.label;
                return (
                  <tr key={row.label} className={isPicked ? 'picked' : undefined}>
                    <th scope="row">{labelNameOf(labels, row.label)}</th>
                    {cell(row, 'cohenKappa')}
                    {SPAN_MEASURES.map(([measure, kind]) => {
                      const figures = row[kind];
                      return [
                        <Ratio key="p" value={figures?.precision ?? null} reason={figures?.reason} />,
                        <Ratio key="r" value={figures?.recall ?? null} reason={figures?.reason} />,
                        <Fragment key="f1">{cell(row, measure)}</Fragment>,
                        <Counts key="counts" figures={figures} />,
                      ];
                    })}
                  </tr>
                );
              })}
          </tbody>
        ))}
      </table>
      <NullNotes prefix={NOTES} notes={notes} />
    </>
  );
}
