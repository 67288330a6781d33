/**
 * A row of buttons of which one is on: the mode tabs, the status and review-state switches, the
 * review filter. `kind: 'tabs'` gives tab semantics, otherwise a radio group.
 */
import type { ReactNode } from 'react';

export interface SegmentedOption<T extends string> {
  id: T;
  name: ReactNode;
  title?: string;
}

interface Props<T extends string> {
  /** Accessible name of the group. */
  label: string;
  options: readonly SegmentedOption<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  className: string;
  kind?: 'tabs' | 'radio';
}

export function Segmented<T extends string>({ label, options, value, onChange, className, kind = 'radio' }: Props<T>) {
  const isTabs = kind === 'tabs';
  return (
    <div className={className} role={isTabs ? 'tablist' : 'radiogroup'} aria-label={label}>
      {options.map((option) => (
        <button
          key={option.id}
          type="button"
          role={isTabs ? 'tab' : 'radio'}
          {...(isTabs ? { 'aria-selected': value === option.id } : { 'aria-checked': value === option.id })}
          className={value === option.id ? 'on' : ''}
          data-value={option.id}
          title={option.title}
          onClick={() => onChange(option.id)}
        >
          {option.name}
        </button>
      ))}
    </div>
  );
}
