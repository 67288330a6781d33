/**
 * Everyone in the store: counts per label and in the open document, and in review a check box
 * per set choosing which are drawn and compared, with the underline that marks each in the text.
 */
import type { AnnotatorStats, Label } from '@api/contract';

interface Props {
  stats: readonly AnnotatorStats[];
  labels: readonly Label[];
  currentDocId: string | undefined;
  /** In review: who is compared; null outside review. */
  chosen: readonly string[] | null;
  lanes: ReadonlyMap<string, number>;
  onToggle: (name: string) => void;
}

export function AnnotatorsPanel({ stats, labels, currentDocId, chosen, lanes, onToggle }: Props) {
  return (
    <section className="annotators-panel" aria-label="Annotators" data-testid="annotators-panel">
      <header className="pane-header">
        <h2>Annotators</h2>
        <span className="muted">{stats.filter((s) => !s.isGold).length}</span>
      </header>
      <ul>
        {stats.map((s) => {
          const here = currentDocId === undefined ? 0 : (s.perDocument[currentDocId] ?? 0);
          const perLabel = labels
            .filter((l) => (s.perLabel[l.id] ?? 0) > 0)
            .map((l) => `${l.name} ${s.perLabel[l.id] ?? 0}`)
            .join(' · ');
          const lane = s.isGold ? 'gold' : String((lanes.get(s.name) ?? 0) % 4);
          return (
            <li key={s.name} data-annotator={s.name}>
              <label className="annotator-row">
                {chosen !== null && !s.isGold && (
                  <input type="checkbox" checked={chosen.includes(s.name)} onChange={() => onToggle(s.name)} />
                )}
                {chosen !== null && (s.isGold || chosen.includes(s.name)) && (
                  <span className={`lane-key lane-${lane}`} aria-hidden="true" />
                )}
                <span className="annotator-name">
                  {s.name}
                  {s.isCurrent && <span className="muted"> (you)</span>}
                </span>
                <span className="muted" title={`${s.documents} document(s); ${here} in this one`}>
                  {s.total} · {here} here
                </span>
              </label>
              {perLabel !== '' && <span className="muted per-label">{perLabel}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
