import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { FieldErrorsException } from '../common/errors';

/**
 * The Guidebook Open API versions served: `/open-api/v1/` (the 2017 seed; Guidebook's iCal integration)
 * and `/open-api/v1.1/` (today's docs; the SCaLE sync). One implementation serves both: each controller
 * is made once per version (`guidebookControllers`), and what differs is asked of the version here.
 */
export const GUIDEBOOK_VERSIONS = ['v1', 'v1.1'] as const;
export type GuidebookVersion = (typeof GUIDEBOOK_VERSIONS)[number];

/** Suffix of a v1.1 operationId (`createScheduleSession` → `createScheduleSessionV11`). */
export function operationIdOf(base: string, version: GuidebookVersion): string {
  return version === 'v1' ? base : `${base}V11`;
}

/** The version a request was made through, from its path. */
export function versionOf(req: Pick<Request, 'path'>): GuidebookVersion {
  return req.path.startsWith('/open-api/v1.1/') ? 'v1.1' : 'v1';
}

/** The route's Guidebook version as a handler parameter. */
export const ApiVersion = createParamDecorator((_data: unknown, ctx: ExecutionContext): GuidebookVersion =>
  versionOf(ctx.switchToHttp().getRequest()),
);

/** v1.1 requires the `guide` filter on the sessions, schedule-tracks and locations lists. */
export function assertListFilter(version: GuidebookVersion, guide: number | undefined): void {
  if (version === 'v1.1' && guide === undefined) {
    throw FieldErrorsException.of('guide', 'This filter is required.');
  }
}

/**
 * Gives a class made by a factory its own name (Nest and the route table tell controllers by it), and
 * keeps the name it is declared under in the source as `declaredAs` (scripts/routes.ts finds its file:line).
 */
export function named<T extends abstract new (...args: never[]) => unknown>(cls: T, name: string): T {
  Object.defineProperty(cls, 'declaredAs', { value: cls.name });
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** Added to the description of a v1.1 list that requires `guide`. */
export const V11_LIST_NOTE = 'On v1.1 the `guide` filter is required (400 without it). ';
