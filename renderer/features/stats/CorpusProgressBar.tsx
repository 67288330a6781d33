/** The current annotator's progress over the corpus: a bar of done and in-progress documents, and in words. */
import type { CorpusProgress } from './progress';

const percent = (part: number, total: number): string => `${total === 0 ? 0 : (part / total) * 100}%`;

export function CorpusProgressBar({ progress }: { progress: CorpusProgress }) {
  const { total, done, inProgress } = progress;
  const words = `${done} of ${total} done${inProgress > 0 ? ` · ${inProgress} in progress` : ''}`;
  return (
    <div className="corpus-progress" data-testid="corpus-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Documents done"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={words}
      >
        <span className="progress-done" style={{ width: percent(done, total) }} />
        <span className="progress-started" style={{ width: percent(inProgress, total) }} />
      </div>
      <span className="progress-words">{words}</span>
    </div>
  );
}
