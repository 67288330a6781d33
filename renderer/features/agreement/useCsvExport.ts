/** "Export CSV…": asks main to save every figure of a request; keeps the path written or the error. */
import { useState } from 'react';
import type { AgreementRequest } from '@api/contract';
import { api, messageOf } from '../../api';

interface CsvState {
  isBusy: boolean;
  /** The file written; null before, and when the person cancelled. */
  path: string | null;
  error: string | null;
}

export function useCsvExport(request: AgreementRequest | null) {
  const [state, setState] = useState<CsvState>({ isBusy: false, path: null, error: null });
  const save = async (): Promise<void> => {
    if (request === null) return;
    setState({ isBusy: true, path: null, error: null });
    try {
      setState({ isBusy: false, path: await api().saveAgreementCsv(request), error: null });
    } catch (e) {
      setState({ isBusy: false, path: null, error: `Could not save the CSV: ${messageOf(e)}` });
    }
  };
  return { ...state, save };
}
