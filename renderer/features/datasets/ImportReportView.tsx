/** The outcome of an import: what was imported, or why nothing was, problem by problem. */
import type { ImportReport } from '@api/contract';

/** Problems shown at most; the rest are counted. */
const SHOWN = 200;

export function ImportReportView({ report }: { report: ImportReport }) {
  const { problems } = report;
  return (
    <div className="summary" data-testid="import-report" data-applied={report.applied}>
      {report.applied ? (
        <p>
          Imported {report.spans} span(s) in {report.documents} document(s)
          {report.skipped > 0 && `, skipped ${report.skipped}`}
          {report.addedDocuments.length > 0 && `; new documents: ${report.addedDocuments.join(', ')}`}
          {report.addedLabels.length > 0 && `; new labels: ${report.addedLabels.join(', ')}`}. A backup of the store was
          kept: <code>{report.backup}</code>
        </p>
      ) : (
        <p className="problem-message">
          {problems.length > 0
            ? `Nothing was imported: ${problems.length} problem(s). Fix them, or choose to skip invalid records.`
            : 'The file holds no documents to import.'}
        </p>
      )}
      {(report.notes ?? []).map((note) => (
        <p key={note} className="hint">
          {note}
        </p>
      ))}
      {problems.length > 0 && (
        <ul className="problems">
          {problems.slice(0, SHOWN).map((p, i) => (
            <li key={i}>
              <code>
                {p.file.split(/[\\/]/).pop()}
                {p.line !== undefined && `:${p.line}`}
              </code>
              {p.docId !== undefined && ` (${p.docId})`} {p.message}
            </li>
          ))}
          {problems.length > SHOWN && <li>… and {problems.length - SHOWN} more</li>}
        </ul>
      )}
    </div>
  );
}
