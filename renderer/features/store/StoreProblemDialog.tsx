/**
 * Shown instead of the app when the store cannot be used: names the file and the problem, and
 * offers to quit or, for a corrupt file, to move it aside and start a fresh store.
 */
import type { StoreProblem } from '@api/contract';
import { Dialog } from '../../components/Dialog';

interface Props {
  problem: StoreProblem;
  onQuit: () => void;
  onStartFresh: () => void;
}

export function StoreProblemDialog({ problem, onQuit, onStartFresh }: Props) {
  return (
    <Dialog title="Parley cannot open its store" testId="store-problem">
      <p className="problem-message">{problem.message}</p>
      <p className="hint">
        File: <code>{problem.path}</code>
      </p>
      {problem.canStartFresh && (
        <p className="hint">
          Starting fresh moves this file aside as <code>{`${problem.path}.corrupt-<time>`}</code>, so nothing in it is
          lost.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onQuit}>
          Quit Parley
        </button>
        {problem.canStartFresh && (
          <button type="button" className="primary" onClick={onStartFresh}>
            Move it aside and start fresh
          </button>
        )}
      </div>
    </Dialog>
  );
}
