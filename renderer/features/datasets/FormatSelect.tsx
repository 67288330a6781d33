/** The format picker shared by the export and import dialogs. */
import { FORMAT_IDS, type FormatId } from '@api/contract';
import { FORMAT_NAMES } from './format-names';

export function FormatSelect({ value, onChange }: { value: FormatId; onChange: (format: FormatId) => void }) {
  return (
    <label className="field">
      <span>Format</span>
      <select name="format" value={value} onChange={(e) => onChange(e.target.value as FormatId)}>
        {FORMAT_IDS.map((id) => (
          <option key={id} value={id}>
            {FORMAT_NAMES[id]}
          </option>
        ))}
      </select>
    </label>
  );
}
