/** The reasons behind a table's undefined figures, in words, under the table. */
import { noteId, type NullNote } from './figure-notes';

interface Props {
  /** Prefix of the notes' ids; unique in the page. */
  prefix: string;
  notes: readonly NullNote[];
}

export function NullNotes({ prefix, notes }: Props) {
  if (notes.length === 0) return null;
  return (
    <div className="null-notes">
      <p className="hint">“—” marks a figure that is undefined:</p>
      <ul>
        {notes.map((note, index) => (
          <li key={note.reason} id={noteId(prefix, index)}>
            <span className="null-reason">{note.reason}</span>
            <span className="muted"> — {note.places.join('; ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
