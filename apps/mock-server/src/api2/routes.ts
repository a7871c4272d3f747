import { type Api2OperationId, api2Operations } from '@socialhub/schema/api2/operations';
import { rejectToken } from '../auth/reject-token.js';
import type { MockRequest, Reply, Route, ZodModule } from '../http/types.js';
import type { MockCore } from '../services/core.js';
import type { UserRecord } from '../state/types.js';
import type { Api2Mocker } from './mocker.js';
import { createStatefulHandlers } from './stateful.js';
import type { Api2Context, Api2Overrides } from './types.js';

/** Operations that take no user token (they are how a user gets one). */
const OPEN: ReadonlySet<string> = new Set<Api2OperationId>([
  'postUsersLogin',
  'postUsersActivate',
  'postUsersTotpLogin',
  'postUsersPasswordReset',
  'postUsersPassword',
  'getUsersKeycloakByRealmLogin',
]);

/** Options of the API2 part (`createMockServer({ api2 })`). */
export interface Api2Options {
  /** Seed of generated answers. @default 1 */
  seed?: number;
  /** Your own answer for an operation, by operationId (validated, faulted and authenticated first). */
  overrides?: Api2Overrides;
}

/** The `accesstoken` of the query, else of the cookie `POST /api2/users/login` sets. */
function tokenOf(request: MockRequest): string | undefined {
  const fromQuery = request.query.get('accesstoken');
  if (fromQuery) return fromQuery;
  const cookie = request.headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'accesstoken') return value.join('=') || undefined;
  }
  return undefined;
}

const routerPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

let api2Zod: Promise<ZodModule> | undefined;
/**
 * API2's zod entry (thousands of schemas): loaded on the first API2 request that has something to
 * validate, so that start-up does not pay for it.
 */
const loadApi2Zod = () => {
  api2Zod ??= import('@socialhub/schema/api2/zod');
  return api2Zod;
};

/**
 * The routes of every API2 operation under `/api2`, from the generated operations table: the
 * user token check, then (after the pipeline's validation) an override, the stateful handler,
 * or an answer generated from the spec. `/api2/public/...` is served by the public API's routes.
 */
export function api2Routes(
  core: MockCore,
  baseUrl: () => string,
  options: Api2Options = {},
): Route[] {
  const stateful = createStatefulHandlers(core, baseUrl);
  // The generated-answer stage (schema sampler, randexp, the 1 MB document) loads on first use.
  let mocker: Promise<Api2Mocker> | undefined;
  const generated = async (...args: Parameters<Api2Mocker>): Promise<Reply> => {
    mocker ??= import('./mocker.js').then((m) => m.createApi2Mocker(options.seed ?? 1));
    return (await mocker)(...args);
  };
  const routes: Route[] = [];
  for (const operation of Object.values(api2Operations)) {
    if (operation.path === '/public' || operation.path.startsWith('/public/')) continue;
    const operationId = operation.operationId as Api2OperationId;
    const own = options.overrides?.[operationId] ?? stateful[operationId];
    const isOpen = OPEN.has(operationId);
    const route: Route = {
      method: operation.method.toUpperCase() as Route['method'],
      path: `/api2${routerPath(operation.path)}`,
      hasFaults: true,
      operation: { entry: operation, zod: loadApi2Zod },
      authenticate: (request) => {
        const token = tokenOf(request);
        const user = token ? core.store.userByToken(token) : undefined;
        if (!user && !isOpen) throw rejectToken(core, token, 'user');
        return user;
      },
      handler: (request) => {
        if (!own)
          return generated(
            operation,
            headerText(request.headers.prefer),
            request.method === 'HEAD',
          );
        const context: Api2Context = {
          operationId,
          params: request.valid.params,
          query: request.valid.query,
          body: request.valid.body,
          user: request.caller as UserRecord | undefined,
          token: tokenOf(request),
          request,
        };
        return own(context);
      },
    };
    routes.push(route);
    if (route.method === 'GET') routes.push({ ...route, method: 'HEAD' });
  }
  return routes;
}

const headerText = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(', ') : value;
