import { RequestMethod, SetMetadata, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { Role } from '@spn/auth';

const REST_ROLES = 'spn:rest-roles';

/**
 * The roles a REST handler lets through, declared where the route is (as `Allow` is for GraphQL):
 * the handler enforces them itself (it records the refusal), and the role matrices read them here,
 * so a handler enforcing other roles than it declares fails them.
 */
export const RestRoles = (...roles: readonly [Role, ...Role[]]) => SetMetadata(REST_ROLES, roles);

/** One REST route of a controller: its HTTP method, its path (`/hsds/services/:id`), its declared roles. */
export interface RestRoute {
  readonly method: string;
  readonly path: string;
  /** Empty: none declared (the matrices fail such a route). */
  readonly roles: readonly Role[];
}

const joined = (...parts: readonly (string | undefined)[]) =>
  `/${parts
    .flatMap((part) => (part ?? '').split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * Every route the controllers declare, read from Nest's own metadata (the table Nest routes by): the
 * matrices call each one, so a new route is tested without anyone listing it.
 */
export function restRoutes(controllers: readonly Type[]): RestRoute[] {
  return controllers.flatMap((controller) => {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') return [];
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) return [];
      const roles = (Reflect.getMetadata(REST_ROLES, handler) as readonly Role[] | undefined) ?? [];
      return (Array.isArray(path) ? path : [path]).map((each) => ({
        method: RequestMethod[method],
        path: joined(base, each),
        roles,
      }));
    });
  });
}
