import { NotFoundException } from '@nestjs/common';
import type { Request } from 'express';

/** DRF's list envelope. */
export interface DrfPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * The page a Roundware list asks for: one DRF page when `page` or `page_size` is given, else `undefined`
 * (the list answers a plain array, as upstream's unpaginated views do).
 */
export function requestedPage(
  query: { page?: number; page_size?: number },
  defaultPageSize: number,
): PageRequest | undefined {
  if (query.page === undefined && query.page_size === undefined) return undefined;
  return { page: query.page ?? 1, pageSize: query.page_size ?? defaultPageSize };
}

/** SQL offset of a 1-based page. */
export function offsetOf({ page, pageSize }: PageRequest): number {
  return (page - 1) * pageSize;
}

/** One page of a list as a service returns it: the rows and the total, no HTTP in sight. */
export interface Page<T> {
  items: T[];
  count: number;
}

/**
 * The count-then-page block of every list: counts, and reads the page's rows only when the page starts
 * before the end (a page past the end costs no row query; `toDrfPage` answers it 404).
 */
export async function paginate<T>(
  pr: PageRequest,
  count: () => Promise<number>,
  rows: (limit: number, offset: number) => Promise<T[]>,
): Promise<Page<T>> {
  const total = await count();
  const offset = offsetOf(pr);
  return { count: total, items: offset < total ? await rows(pr.pageSize, offset) : [] };
}

/** Where absolute links point: `PUBLIC_URL` when configured (set by app.setup on `app.locals`), else the request's own host (already checked against ALLOWED_HOSTS). */
export const PUBLIC_URL_LOCAL = 'sessionsHubPublicUrl';

function linkBase(req: Request): string {
  const publicUrl = (req.app?.locals as Record<string, unknown> | undefined)?.[PUBLIC_URL_LOCAL];
  if (typeof publicUrl === 'string' && publicUrl) return publicUrl;
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** Absolute URL of the same request with `page` replaced (DRF drops `page` for the first page). */
export function pageUrl(req: Request, page: number): string {
  const base = new URL(linkBase(req));
  const url = new URL(req.originalUrl, base);
  if (base.pathname !== '/') url.pathname = base.pathname.replace(/\/$/, '') + url.pathname;
  if (page <= 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.toString();
}

/**
 * A service's `Page` in DRF's envelope, with `next`/`previous` links built from the request (call it in
 * the controller: `return toDrfPage(req, pr, await this.service.list(auth, pr))`). A page past the end
 * answers 404 "Invalid page." as DRF's PageNumberPagination does (page 1 of an empty list is fine).
 */
export function toDrfPage<T>(req: Request, pr: PageRequest, page: Page<T>): DrfPage<T> {
  const lastPage = Math.max(1, Math.ceil(page.count / pr.pageSize));
  if (pr.page > lastPage) throw new NotFoundException('Invalid page.');
  return {
    count: page.count,
    next: pr.page < lastPage ? pageUrl(req, pr.page + 1) : null,
    previous: pr.page > 1 ? pageUrl(req, pr.page - 1) : null,
    results: page.items,
  };
}
