/**
 * File › Restore Backup…: the store's backups, newest first, with what each holds. Restoring one
 * backs up the store as it is first (so a restore can be undone the same way), then reloads the
 * app on the restored store.
 */
import { useEffect, useState } from 'react';
import type { BackupInfo } from '@api/contract';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';

interface Props {
  onClose: () => void;
  /** Called once the store is restored; the app reloads everything. */
  onRestored: () => void;
}

const when = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
};
const size = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function BackupsDialog({ onClose, onRestored }: Props) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    api()
      .listBackups()
      .then(setBackups)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  const restore = async (name: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api().restoreBackup(name);
      onRestored();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Restore a backup" onClose={onClose} testId="backups-dialog">
      <p className="hint">
        Parley backs up the store before every import, every change of store version and every label deletion, and keeps
        the last five. Restoring one backs up the store as it is now first.
      </p>
      {backups === null && error === null && <p>Reading the backups…</p>}
      {backups?.length === 0 && <p>There are no backups yet.</p>}
      {backups !== null && backups.length > 0 && (
        <table className="backups">
          <thead>
            <tr>
              <th>Made</th>
              <th>Annotations</th>
              <th>Documents</th>
              <th>Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name} data-backup={b.name}>
                <td title={b.name}>{when(b.createdAt)}</td>
                <td>{b.annotations ?? 'unreadable'}</td>
                <td>{b.documents ?? '—'}</td>
                <td>{size(b.bytes)}</td>
                <td>
                  {chosen === b.name ? (
                    <span className="confirm">
                      Replace the store with this backup?{' '}
                      <button type="button" className="danger" disabled={isBusy} onClick={() => void restore(b.name)}>
                        Restore
                      </button>{' '}
                      <button type="button" disabled={isBusy} onClick={() => setChosen(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" disabled={b.annotations === null || isBusy} onClick={() => setChosen(b.name)}>
                      Restore…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
