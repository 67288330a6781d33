/**
 * The drill-down of a pairwise figure: the spans two annotators disagree on, one row per
 * disagreement with each side's label, text and offsets. Clicking a side opens that span.
 */
import { useMemo, type CSSProperties } from 'react';
import type { AnnotationView, Disagreement, DisagreementQuery, Label } from '@api/contract';
import { api } from '../../api';
import { ALL, CLASS_NAMES, labelNameOf, pairName } from './figures';
import { useApiResult } from './useApiResult';

interface Props {
  query: DisagreementQuery;
  labels: readonly Label[];
  documents: readonly { id: string; title: string }[];
  onOpenSpan: (docId: string, annotationId: string) => void;
  onClose: () => void;
}

const listDisagreements = (query: DisagreementQuery): Promise<Disagreement[]> => api().listDisagreements(query);

function Side({
  span,
  labels,
  onOpen,
}: {
  span: AnnotationView | undefined;
  labels: readonly Label[];
  onOpen: () => void;
}) {
  if (span === undefined) return <div className="side side-none">nothing here</div>;
  const colour = labels.find((l) => l.id === span.label)?.color ?? '#888888';
  return (
    <button type="button" className="side" onClick={onOpen} title="Open this span in its document">
      <span className="label-tag" style={{ '--hl': colour } as CSSProperties}>
        {labelNameOf(labels, span.label)}
      </span>
      <span className="side-text">{span.text}</span>
      <span className="muted">
        {span.start}–{span.end}
      </span>
    </button>
  );
}

export function DisagreementPanel({ query, labels, documents, onOpenSpan, onClose }: Props) {
  const result = useApiResult(query, listDisagreements);
  const titleOf = useMemo(() => new Map(documents.map((d) => [d.id, d.title])), [documents]);
  const items = result.value ?? [];
  return (
    <aside className="disagreements" aria-label="Disagreements" aria-busy={result.isBusy}>
      <div className="pane-header">
        <h2>Disagreements</h2>
        <button type="button" className="ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="disagreements-scope">
        <strong>{pairName(query.a, query.b)}</strong>
        <span className="muted">
          {' '}
          · {labelNameOf(labels, query.label ?? ALL)}
          {query.docId !== undefined && ` · ${titleOf.get(query.docId) ?? query.docId}`}
        </span>
      </p>
      {result.isBusy && <p className="hint">Looking for disagreements…</p>}
      {result.error !== null && (
        <p className="problem-message" role="alert">
          {result.error}
        </p>
      )}
      {!result.isBusy && result.error === null && items.length === 0 && (
        <p className="hint">These two agree on every span here.</p>
      )}
      <ol className="disagreement-list" data-testid="disagreement-list">
        {items.map((d, i) => (
          <li key={`${d.a?.id ?? ''}|${d.b?.id ?? ''}|${i}`} className="disagreement">
            <div className="disagreement-meta">
              <span className="doc-name" title={titleOf.get(d.docId) ?? d.docId}>
                {titleOf.get(d.docId) ?? d.docId}
              </span>
              <span className="badge">{CLASS_NAMES[d.cls]}</span>
            </div>
            <div className="disagreement-sides">
              <span className="side-who">{query.a}</span>
              <Side span={d.a} labels={labels} onOpen={() => d.a && onOpenSpan(d.docId, d.a.id)} />
              <span className="side-who">{query.b}</span>
              <Side span={d.b} labels={labels} onOpen={() => d.b && onOpenSpan(d.docId, d.b.id)} />
            </div>
          </li>
        ))}
      </ol>
    </aside>
  );
}
