// Page sizes given in a query.
import { ApiError, ApiErrorCode } from '../api-error.ts';

export const DEFAULT_PAGE_SIZE = 50;

export function pageLimit(text: string | undefined, max: number): number {
  if (text === undefined) return Math.min(DEFAULT_PAGE_SIZE, max);
  if (!/^[1-9][0-9]{0,5}$/.test(text) || Number(text) > max)
    throw new ApiError(ApiErrorCode.INVALID_PARAMETER, `limit: expected 1 to ${max}`);
  return Number(text);
}
