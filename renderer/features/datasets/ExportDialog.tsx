/**
 * File > Export…: format, whose annotations, which labels and documents, offset unit, CoNLL
 * columns and a train/dev/test split; then where to save, a progress bar and a summary.
 */
import { useEffect, useState } from 'react';
import { type ExportRequest, type ExportSummary, type FormatId, type Label } from '@api/contract';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormatSelect } from './FormatSelect';
import { ProgressBar } from './ProgressBar';
import { useDatasetTask } from './useDatasetTask';

interface Props {
  labels: readonly Label[];
  currentAnnotator: string;
  onClose: () => void;
}

export function ExportDialog({ labels, currentAnnotator, onClose }: Props) {
  const [format, setFormat] = useState<FormatId>('spans');
  const [annotators, setAnnotatorList] = useState<string[]>([currentAnnotator]);
  const [chosenAnnotators, setAnnotators] = useState<string[]>([currentAnnotator]);
  const [chosenLabels, setLabels] = useState<string[]>(labels.map((l) => l.id));
  const [onlyDone, setOnlyDone] = useState(false);
  const [utf16, setUtf16] = useState(false);
  const [singleColumn, setSingleColumn] = useState(false);
  const [header, setHeader] = useState(false);
  const [split, setSplit] = useState<ExportRequest['split'] | null>(null);
  const task = useDatasetTask<ExportSummary>('export');
  useEffect(() => {
    void api()
      .listAnnotators()
      .then(setAnnotatorList, () => undefined);
  }, []);
  const canSplit = format === 'spans' || format === 'conll';
  const toggle = (list: string[], value: string): string[] =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  const request: ExportRequest = {
    format,
    annotators: chosenAnnotators,
    labels: chosenLabels,
    status: onlyDone ? 'done' : 'any',
    offsets: utf16 ? 'utf16' : 'codepoint',
    ...(format === 'conll' && singleColumn && { singleColumn: true }),
    ...(format === 'conll' && header && { header: true }),
    ...(canSplit && split && { split }),
  };

  return (
    <Dialog title="Export a dataset" onClose={onClose} testId="export-dialog">
      <FormatSelect value={format} onChange={setFormat} />
      <fieldset className="choices">
        <legend>Annotators</legend>
        {annotators.map((name) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={chosenAnnotators.includes(name)}
              onChange={() => setAnnotators(toggle(chosenAnnotators, name))}
            />
            <span>{name}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choices">
        <legend>Labels</legend>
        {labels.map((label) => (
          <label key={label.id} className="check">
            <input
              type="checkbox"
              checked={chosenLabels.includes(label.id)}
              onChange={() => setLabels(toggle(chosenLabels, label.id))}
            />
            <span>{label.name}</span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" name="onlyDone" checked={onlyDone} onChange={(e) => setOnlyDone(e.target.checked)} />
        <span>Only documents marked done</span>
      </label>
      <label className="check">
        <input type="checkbox" name="utf16" checked={utf16} onChange={(e) => setUtf16(e.target.checked)} />
        <span>Offsets in UTF-16 code units (default: code points, as Python counts)</span>
      </label>
      {format === 'conll' && (
        <label className="check">
          <input
            type="checkbox"
            name="singleColumn"
            checked={singleColumn}
            onChange={(e) => setSingleColumn(e.target.checked)}
          />
          <span>One tag column (overlapping spans are dropped and listed)</span>
        </label>
      )}
      {format === 'conll' && (
        <label className="check">
          <input type="checkbox" name="header" checked={header} onChange={(e) => setHeader(e.target.checked)} />
          <span>A first line naming the columns (# columns: …; most CoNLL readers take it for a token)</span>
        </label>
      )}
      {canSplit && (
        <label className="check">
          <input
            type="checkbox"
            name="split"
            checked={split !== null}
            onChange={(e) => setSplit(e.target.checked ? { train: 0.8, dev: 0.1, test: 0.1, seed: 13 } : null)}
          />
          <span>Split by document into train / dev / test (80 / 10 / 10, seed 13)</span>
        </label>
      )}
      <ProgressBar progress={task.progress} isRunning={task.isRunning} />
      {task.error && <p className="problem-message">{task.error}</p>}
      {task.result && (
        <div className="summary" data-testid="export-summary">
          <p>
            Exported {task.result.spans} span(s) in {task.result.documents} document(s) to{' '}
            <code>{task.result.destination}</code>.
          </p>
          {task.result.dropped.length > 0 && (
            <ul className="problems">
              {task.result.dropped.map((d, i) => (
                <li key={i}>
                  {d.docId}: {d.label} “{d.text}” — {d.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {task.result ? 'Close' : 'Cancel'}
        </button>
        <button
          type="button"
          className="primary"
          disabled={task.isRunning || chosenAnnotators.length === 0 || chosenLabels.length === 0}
          onClick={() => void task.run((api) => api.exportDataset(request))}
        >
          Export…
        </button>
      </div>
    </Dialog>
  );
}
