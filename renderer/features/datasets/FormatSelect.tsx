/** The format picker shared by the export and import dialogs; import also offers a Parley store. */
import { FORMAT_IDS, IMPORT_FORMAT_IDS, type FormatId, type ImportFormatId } from '@api/contract';
import { FORMAT_NAMES } from './format-names';

interface Props<T extends ImportFormatId> {
  value: T;
  onChange: (format: T) => void;
  /** Offer another Parley store file (import only). */
  withStore?: boolean;
}

export function FormatSelect<T extends ImportFormatId = FormatId>({ value, onChange, withStore = false }: Props<T>) {
  const ids: readonly ImportFormatId[] = withStore ? IMPORT_FORMAT_IDS : FORMAT_IDS;
  return (
    <label className="field">
      <span>Format</span>
      <select name="format" value={value} onChange={(e) => onChange(e.target.value as T)}>
        {ids.map((id) => (
          <option key={id} value={id}>
            {FORMAT_NAMES[id]}
          </option>
        ))}
      </select>
    </label>
  );
}
