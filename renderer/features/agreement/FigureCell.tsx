/**
 * A table cell holding one figure with three decimals, or "—" whose reason is the cell's tooltip
 * and, through `aria-describedby`, the note under the table. The cell's text is the value alone:
 * the test ids compare it with the CLI's output.
 */
import type { ReactNode } from 'react';
import { formatFigure, type Figure } from './figures';
import { reasonOf } from './figure-notes';

interface Props {
  figure: Figure;
  testId?: string;
  /** Id of the note that explains a null figure. */
  noteId?: string | undefined;
  /** Makes the value a button, for a drill-down. */
  onOpen?: () => void;
}

export function FigureCell({ figure, testId, noteId, onOpen }: Props) {
  const isNull = figure.value === null;
  const reason = isNull ? reasonOf(figure) : undefined;
  const text: ReactNode = formatFigure(figure.value);
  return (
    <td
      className={isNull ? 'figure figure-null' : 'figure'}
      data-testid={testId}
      title={reason}
      aria-describedby={noteId}
    >
      {onOpen ? (
        <button type="button" className="figure-link" title={reason ?? 'Show the disagreements'} onClick={onOpen}>
          {text}
        </button>
      ) : (
        text
      )}
    </td>
  );
}
