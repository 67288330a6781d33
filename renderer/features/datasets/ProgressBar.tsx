/** Progress of a running export or import. */
import type { Progress } from '@api/contract';

export function ProgressBar({ progress, isRunning }: { progress: Progress | null; isRunning: boolean }) {
  if (!isRunning) return null;
  const total = progress?.total ?? 0;
  return (
    <progress
      className="progress"
      max={total || undefined}
      value={total ? (progress?.done ?? 0) : undefined}
      aria-label="Progress"
    >
      {progress ? `${progress.done} of ${progress.total}` : 'Working…'}
    </progress>
  );
}
