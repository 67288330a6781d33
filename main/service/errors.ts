/**
 * The error the service throws: a code the renderer can act on and a message a person can read.
 */
import type { ErrorCode } from '../api/contract';

/** A failure with a code from the contract and a message that names the thing and the way out. */
export class ParleyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ParleyError';
  }
}
