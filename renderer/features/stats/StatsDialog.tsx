/**
 * Statistics (Ctrl+Shift+S): the current annotator's active time per document, spans per hour,
 * and spans per label for them and for the whole corpus, as a chart and a table.
 */
import { useEffect, useMemo, useState } from 'react';
import type { DocumentSummary, Label, SessionStats } from '@api/contract';
import { api, messageOf } from '../../api';
import { Dialog } from '../../components/Dialog';
import { formatDuration, formatRate } from './format';
import { LabelCountChart } from './LabelCountChart';
import { labelRows, sumOf, timeRows } from './session-figures';

interface Props {
  annotator: string;
  labels: readonly Label[];
  documents: readonly DocumentSummary[];
  /** Sends the time measured so far, so the figures include it. */
  flushActivity: () => Promise<void>;
  onClose: () => void;
}

export function StatsDialog({ annotator, labels, documents, flushActivity, onClose }: Props) {
  const [stats, setStats] = useState<SessionStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    flushActivity()
      .then(() => api().getSessionStats())
      .then(
        (value) => isCurrent && setStats(value),
        (e: unknown) => isCurrent && setError(messageOf(e)),
      );
    return () => {
      isCurrent = false;
    };
  }, [flushActivity]);
  const times = useMemo(() => (stats ? timeRows(stats.activeMs, documents) : []), [stats, documents]);
  const rows = useMemo(() => (stats ? labelRows(stats.labelCounts, labels) : []), [stats, labels]);
  const totalMs = sumOf(times.map((t) => t.ms));
  const mine = sumOf(rows.map((r) => r.mine));
  const corpus = sumOf(rows.map((r) => r.corpus));
  return (
    <Dialog title="Statistics" onClose={onClose} testId="stats-dialog">
      <div className="stats-view">
        {error !== null && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        {stats === null ? (
          error === null && <p className="muted">Counting…</p>
        ) : (
          <>
            <dl className="stats-summary">
              <div>
                <dt>Active time</dt>
                <dd data-testid="active-time" title={`${Math.round(totalMs / 1000)} seconds`}>
                  {formatDuration(totalMs)}
                </dd>
              </div>
              <div>
                <dt>Your spans</dt>
                <dd>{mine}</dd>
              </div>
              <div>
                <dt>Spans per hour</dt>
                <dd
                  data-testid="spans-per-hour"
                  title={stats.spansPerHour === null ? 'After a minute of work' : undefined}
                >
                  {formatRate(stats.spansPerHour)}
                </dd>
              </div>
            </dl>
            <section aria-labelledby="stats-labels">
              <h3 id="stats-labels">Spans per label</h3>
              <div className="stats-labels">
                <LabelCountChart rows={rows} annotator={annotator} />
                <table className="stats-table" data-testid="label-counts">
                  <thead>
                    <tr>
                      <th scope="col">Label</th>
                      <th scope="col">{annotator}</th>
                      <th scope="col">Everyone</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id} data-label={r.id}>
                        <th scope="row">
                          <span className="swatch" style={{ background: r.color }} aria-hidden="true" /> {r.name}
                        </th>
                        <td data-testid="mine">{r.mine}</td>
                        <td data-testid="corpus">{r.corpus}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">All</th>
                      <td>{mine}</td>
                      <td>{corpus}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </section>
            <section aria-labelledby="stats-time">
              <h3 id="stats-time">Time per document</h3>
              {times.length === 0 ? (
                <p className="muted">No active time yet: it counts while you read and tag with the window in front.</p>
              ) : (
                <table className="stats-table stats-time" data-testid="time-per-document">
                  <thead>
                    <tr>
                      <th scope="col">Document</th>
                      <th scope="col">Time (h:mm)</th>
                      <th scope="col">Your spans</th>
                    </tr>
                  </thead>
                  <tbody>
                    {times.map((t) => (
                      <tr key={t.docId} data-doc-id={t.docId}>
                        <th scope="row" title={t.title}>
                          {t.title}
                        </th>
                        <td title={`${Math.round(t.ms / 1000)} seconds`}>{formatDuration(t.ms)}</td>
                        <td>{t.spans}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
