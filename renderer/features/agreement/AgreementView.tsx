/**
 * The Agreement view: a full pane where a reviewer compares colleagues' annotations. Main computes
 * every figure (getAgreement); this view chooses what to compare, shows the figures as charts and
 * tables, lists the disagreements behind a pairwise figure and saves everything as CSV.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AgreementReport, AgreementRequest, DisagreementQuery, Label, PairAgreement } from '@api/contract';
import { api } from '../../api';
import { AgreementControls } from './AgreementControls';
import { DisagreementPanel } from './DisagreementPanel';
import { defaultAnnotators, disagreementQuery, requestOf, summaryOf } from './figures';
import { GroupTable } from './GroupTable';
import { HeatMapPanel } from './HeatMapPanel';
import { LabelChartPanel, type SubjectChoice } from './LabelChartPanel';
import { PairTable } from './PairTable';
import { useApiResult } from './useApiResult';
import { useCsvExport } from './useCsvExport';

interface Props {
  /** Everyone in the store; all but gold are chosen at first. */
  annotators: string[];
  labels: Label[];
  documents: { id: string; title: string }[];
  /** Jump to a span in the text. */
  onOpenSpan: (docId: string, annotationId: string) => void;
  onClose: () => void;
}

const getAgreement = (request: AgreementRequest): Promise<AgreementReport> => api().getAgreement(request);

export function AgreementView({ annotators, labels, documents, onOpenSpan, onClose }: Props) {
  const [chosenAnnotators, setAnnotators] = useState(() => defaultAnnotators(annotators));
  const [chosenLabels, setLabels] = useState(() => labels.map((l) => l.id));
  const [docId, setDocId] = useState<string | null>(null);
  const [drill, setDrill] = useState<DisagreementQuery | null>(null);
  const [subject, setSubject] = useState<SubjectChoice>(null);
  const request = useMemo(
    () =>
      chosenAnnotators.length >= 2 && chosenLabels.length > 0 ? requestOf(chosenAnnotators, chosenLabels, docId) : null,
    [chosenAnnotators, chosenLabels, docId],
  );
  const result = useApiResult(request, getAgreement);
  const csv = useCsvExport(request);
  const report = request === null ? null : result.value;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const pick = (pair: PairAgreement, label: string) => {
    setDrill(disagreementQuery(pair.a, pair.b, label, docId));
    setSubject({ a: pair.a, b: pair.b });
  };
  // A drill-down belongs to the figures it was opened from.
  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setDrill(null);
    };

  return (
    <section
      className={drill ? 'agreement-view with-drill' : 'agreement-view'}
      data-testid="agreement-view"
      aria-labelledby="agreement-title"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        if (drill) setDrill(null);
        else onClose();
      }}
    >
      <header className="agreement-header">
        <div className="agreement-heading">
          <h1 id="agreement-title" ref={headingRef} tabIndex={-1}>
            Agreement
          </h1>
          <p className="muted" data-testid="agreement-summary">
            {report ? summaryOf(report) : ' '}
          </p>
        </div>
        {csv.path && (
          <p className="csv-saved" role="status">
            Saved <code>{csv.path}</code>
          </p>
        )}
        {csv.error && (
          <p className="problem-message" role="alert">
            {csv.error}
          </p>
        )}
        <button type="button" disabled={request === null || csv.isBusy} onClick={() => void csv.save()}>
          Export CSV…
        </button>
        <button type="button" className="ghost" onClick={onClose}>
          Close
        </button>
      </header>
      <AgreementControls
        annotators={annotators}
        chosenAnnotators={chosenAnnotators}
        onAnnotators={change(setAnnotators)}
        labels={labels}
        chosenLabels={chosenLabels}
        onLabels={change(setLabels)}
        documents={documents}
        docId={docId}
        onDocId={change(setDocId)}
      />
      <div className="agreement-results" aria-busy={result.isBusy}>
        {result.isBusy && (
          <p className="agreement-status" role="status">
            Computing agreement…
          </p>
        )}
        {result.error !== null && (
          <p className="problem-message agreement-status" role="alert">
            Could not compute agreement: {result.error}
          </p>
        )}
        {request === null && <p className="agreement-status">Choose two or more annotators and a label.</p>}
        {report && (
          <div className={result.isBusy ? 'agreement-figures stale' : 'agreement-figures'}>
            <section aria-labelledby="agreement-group">
              <h2 id="agreement-group">The group</h2>
              <GroupTable report={report} labels={labels} />
            </section>
            <section aria-labelledby="agreement-pairs">
              <h2 id="agreement-pairs">Pairs and labels</h2>
              <div className="chart-row">
                <HeatMapPanel report={report} labels={labels} onPick={pick} />
                <LabelChartPanel report={report} labels={labels} choice={subject} onChoice={setSubject} />
              </div>
            </section>
            <section aria-labelledby="agreement-every-pair">
              <h2 id="agreement-every-pair">Every pairwise figure</h2>
              <PairTable
                report={report}
                labels={labels}
                picked={drill && { ...drill, label: drill.label ?? 'all' }}
                onOpen={pick}
              />
            </section>
          </div>
        )}
      </div>
      {drill && (
        <DisagreementPanel
          query={drill}
          labels={labels}
          documents={documents}
          onOpenSpan={onOpenSpan}
          onClose={() => setDrill(null)}
        />
      )}
    </section>
  );
}
