/** A column header of a figures table: a label's name after a dot of its colour, or "All labels". */
import type { CSSProperties } from 'react';
import type { Label } from '@api/contract';
import { ALL, labelNameOf } from './figures';

export function LabelHeader({ labels, id }: { labels: readonly Label[]; id: string }) {
  const colour = labels.find((l) => l.id === id)?.color;
  return (
    <th scope="col" className="num">
      {id !== ALL && colour && <span className="swatch" style={{ '--hl': colour } as CSSProperties} />}
      {labelNameOf(labels, id)}
    </th>
  );
}
