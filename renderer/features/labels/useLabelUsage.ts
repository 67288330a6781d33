/** How many spans use each label, over every annotator; asked of main again after each change. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { callInline } from './call-result';
import { spansPerLabel } from './label-form';

export function useLabelUsage(): { usage: Record<string, number> | null; refresh: () => void } {
  const [usage, setUsage] = useState<Record<string, number> | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    void callInline(() => api().listAnnotatorStats()).then((result) => {
      // Without the counts, deleting asks what to do with the spans anyway (see DeleteLabelPanel).
      if (isCurrent) setUsage(result.ok ? spansPerLabel(result.value) : null);
    });
    return () => {
      isCurrent = false;
    };
  }, [version]);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  return { usage, refresh };
}
