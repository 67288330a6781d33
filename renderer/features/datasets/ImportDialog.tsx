/**
 * File > Import…: a colleague's or a tool's annotations in any format. A file with problems
 * changes nothing; the report lists each problem with file, line and reason, and offers to add
 * unknown labels or to import the valid records and skip the rest.
 */
import { useState } from 'react';
import { type ImportFormatId, type ImportReport } from '@api/contract';
import { Dialog } from '../../components/Dialog';
import { FormatSelect } from './FormatSelect';
import { ProgressBar } from './ProgressBar';
import { ImportReportView } from './ImportReportView';
import { useDatasetTask } from './useDatasetTask';

interface Props {
  currentAnnotator: string;
  onImported: () => void;
  onClose: () => void;
}

export function ImportDialog({ currentAnnotator, onImported, onClose }: Props) {
  const [format, setFormat] = useState<ImportFormatId>('spans');
  const [annotator, setAnnotator] = useState('');
  const isStore = format === 'parley';
  const [utf16, setUtf16] = useState(false);
  const [addLabels, setAddLabels] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const task = useDatasetTask<ImportReport>('import');
  const hasUnknownLabels = task.result?.problems.some((p) => p.message.startsWith('unknown label')) ?? false;

  const start = async (): Promise<void> => {
    const report = await task.run((api) =>
      api.importDataset({
        format,
        ...(!isStore && annotator.trim() !== '' && { annotator: annotator.trim() }),
        offsets: utf16 ? 'utf16' : 'codepoint',
        ...(addLabels && { addLabels: true }),
        ...(skipInvalid && { skipInvalid: true }),
      }),
    );
    if (report?.applied) onImported();
  };

  return (
    <Dialog title="Import annotations" onClose={onClose} testId="import-dialog">
      <FormatSelect value={format} onChange={(id) => setFormat(id)} withStore />
      {isStore ? (
        <p className="hint">
          Every annotator in that store is imported, each replacing their earlier set here; your own set (
          {currentAnnotator}) and your gold set stay as they are.
        </p>
      ) : (
        <>
          <label className="field">
            <span>Annotator whose work this is</span>
            <input
              name="annotator"
              value={annotator}
              maxLength={200}
              placeholder={`as the file says, else ${currentAnnotator}`}
              onChange={(e) => setAnnotator(e.target.value)}
            />
          </label>
          <p className="hint">
            Their earlier annotations in the imported documents are replaced; nobody else’s change.
          </p>
        </>
      )}
      <label className="check">
        <input type="checkbox" name="utf16" checked={utf16} onChange={(e) => setUtf16(e.target.checked)} />
        <span>Offsets in UTF-16 code units (when the file does not say)</span>
      </label>
      <label className="check">
        <input type="checkbox" name="addLabels" checked={addLabels} onChange={(e) => setAddLabels(e.target.checked)} />
        <span>Add labels Parley does not have{hasUnknownLabels ? ' (this file has some)' : ''}</span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="skipInvalid"
          checked={skipInvalid}
          onChange={(e) => setSkipInvalid(e.target.checked)}
        />
        <span>Import the valid records and skip the rest</span>
      </label>
      <ProgressBar progress={task.progress} isRunning={task.isRunning} />
      {task.error && <p className="problem-message">{task.error}</p>}
      {task.result && <ImportReportView report={task.result} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {task.result?.applied ? 'Close' : 'Cancel'}
        </button>
        <button type="button" className="primary" disabled={task.isRunning} onClick={() => void start()}>
          {format === 'brat' ? 'Choose folder…' : 'Choose file…'}
        </button>
      </div>
    </Dialog>
  );
}
