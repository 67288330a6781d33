/** A document's status as a small coloured badge. */
import type { DocStatus } from '@api/contract';

export const STATUS_NAMES: Record<DocStatus, string> = { todo: 'To do', 'in-progress': 'In progress', done: 'Done' };

export function StatusBadge({ status }: { status: DocStatus }) {
  return (
    <span className={`badge status-${status}`} data-status={status}>
      {STATUS_NAMES[status]}
    </span>
  );
}
