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

/** SQL offset of a 1-based page. */
export function offsetOf({ page, pageSize }: PageRequest): number {
  return (page - 1) * pageSize;
}

/** Absolute URL of the same request with `page` replaced (DRF drops `page` for the first page). */
export function pageUrl(req: Request, page: number): string {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  if (page <= 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.toString();
}

/**
 * Wraps one SQL-paginated page in DRF's envelope. A page past the end answers 404 "Invalid page." as
 * DRF's PageNumberPagination does (page 1 of an empty list is fine).
 */
export function drfPage<T>(req: Request, pr: PageRequest, count: number, results: T[]): DrfPage<T> {
  const lastPage = Math.max(1, Math.ceil(count / pr.pageSize));
  if (pr.page > lastPage) throw new NotFoundException('Invalid page.');
  return {
    count,
    next: pr.page < lastPage ? pageUrl(req, pr.page + 1) : null,
    previous: pr.page > 1 ? pageUrl(req, pr.page - 1) : null,
    results,
  };
}
