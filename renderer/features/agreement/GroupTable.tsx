/** The group figures: one row per measure, columns "all" and each label. */
import type { AgreementReport, Label } from '@api/contract';
import { FigureCell } from './FigureCell';
import { collectNotes, noteIdOf } from './figure-notes';
import {
  GROUP_MEASURES,
  MEASURE_NAMES,
  formatCount,
  groupFigure,
  groupTestId,
  labelKeysOf,
  labelNameOf,
} from './figures';
import { LabelHeader } from './LabelHeader';
import { NullNotes } from './NullNotes';

interface Props {
  report: AgreementReport;
  labels: readonly Label[];
}

const NOTES = 'group';

export function GroupTable({ report, labels }: Props) {
  const columns = labelKeysOf(report);
  const notes = collectNotes(
    GROUP_MEASURES.flatMap((measure) =>
      columns.map((label) => ({
        place: `${MEASURE_NAMES[measure]}, ${labelNameOf(labels, label)}`,
        figure: groupFigure(report.group, measure, label),
      })),
    ),
  );
  return (
    <>
      <table className="figures-table">
        <caption>Agreement of all {report.annotators.length} chosen annotators</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            {columns.map((id) => (
              <LabelHeader key={id} labels={labels} id={id} />
            ))}
          </tr>
        </thead>
        <tbody>
          {GROUP_MEASURES.map((measure) => (
            <tr key={measure}>
              <th scope="row">{MEASURE_NAMES[measure]}</th>
              {columns.map((label) => {
                const figure = groupFigure(report.group, measure, label);
                return (
                  <FigureCell
                    key={label}
                    figure={figure}
                    testId={groupTestId(measure, label)}
                    noteId={noteIdOf(NOTES, notes, figure)}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Fleiss’ κ uses the {formatCount(report.group.fleissDocuments)} document(s) every chosen annotator annotated;
        Krippendorff’s α counts a document someone did not annotate as missing data.
      </p>
      <NullNotes prefix={NOTES} notes={notes} />
    </>
  );
}
