/**
 * Runs one export or import call: tracks progress events, the result, and an error message. A
 * cancelled file dialog (null) leaves the dialog as it was.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ParleyBridge, Progress } from '@api/contract';
import { api, messageOf } from '../../api';

export function useDatasetTask<T>(task: Progress['task']) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [isRunning, setRunning] = useState(false);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => api().on('progress', (p) => p.task === task && setProgress(p)), [task]);

  const run = useCallback(async (call: (bridge: ParleyBridge) => Promise<T | null>): Promise<T | null> => {
    setRunning(true);
    setError(null);
    setProgress(null);
    try {
      const value = await call(api());
      if (value !== null) setResult(value);
      return value;
    } catch (e) {
      setError(messageOf(e));
      return null;
    } finally {
      setRunning(false);
    }
  }, []);

  return { progress, isRunning, result, error, run };
}
