export type { ApiComponents, ApiLimits } from './api-context.ts';
export { ApiError, ApiErrorCode } from './api-error.ts';
export {
  type ApiServer,
  type ApiSettings,
  createApiServer,
  DEFAULT_API_LIMITS,
} from './api-server.ts';
