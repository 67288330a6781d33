/** The document list's controls: corpus search, the status filter and the order. */
import { Segmented } from '../../components/Segmented';
import type { DocumentSort, StatusFilter } from './document-filter';

interface Props {
  query: string;
  onQuery: (query: string) => void;
  status: StatusFilter;
  onStatus: (status: StatusFilter) => void;
  sort: DocumentSort;
  onSort: (sort: DocumentSort) => void;
  /** "3 documents, 17 hits" while a search is active. */
  searchSummary: string | null;
  searchError: string | null;
}

const STATUSES: { id: StatusFilter; name: string }[] = [
  { id: 'all', name: 'All' },
  { id: 'todo', name: 'To do' },
  { id: 'in-progress', name: 'In progress' },
  { id: 'done', name: 'Done' },
];

const SORTS: { id: DocumentSort; name: string }[] = [
  { id: 'order', name: 'Corpus order' },
  { id: 'name', name: 'Name' },
  { id: 'spans', name: 'Most spans' },
];

export function DocumentFilters({ query, onQuery, status, onStatus, sort, onSort, searchSummary, searchError }: Props) {
  return (
    <div className="doc-filters">
      <input
        type="search"
        className="corpus-search"
        data-testid="corpus-search"
        aria-label="Search the corpus"
        placeholder="Search all documents…"
        value={query}
        maxLength={1000}
        onChange={(e) => onQuery(e.target.value)}
      />
      {searchError !== null ? (
        <p className="inline-error" role="alert">
          {searchError}
        </p>
      ) : (
        searchSummary !== null && (
          <p className="muted search-summary" role="status">
            {searchSummary}
          </p>
        )
      )}
      <div className="doc-filter-row">
        {/* Tabs, not radios: they switch the list below, and the status switch above the text
            keeps the radio names "To do", "In progress" and "Done" to itself. */}
        <Segmented
          className="status-filter"
          kind="tabs"
          label="Show documents"
          options={STATUSES}
          value={status}
          onChange={onStatus}
        />
        <label className="compact-select">
          <span>Sort</span>
          <select aria-label="Sort documents" value={sort} onChange={(e) => onSort(e.target.value as DocumentSort)}>
            {SORTS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
