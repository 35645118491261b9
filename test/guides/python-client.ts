import type { TestApp } from '../utils/test-app';

/**
 * What Python `requests` puts on the wire for `data=dict` (psf/requests: src/requests/models.py:165-178):
 * `application/x-www-form-urlencoded`, a list as repeated keys, an empty list or None dropped, True/False
 * and numbers `str()`-ed, a datetime as `2017-11-19 19:00:00+00:00` (give it as that string), spaces as `+`
 * (`urllib.parse.urlencode`, quote_plus).
 */
export type PyValue = string | number | boolean | null | undefined | Array<string | number>;

const quotePlus = (text: string) =>
  encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%7E/g, '~');

const pyStr = (value: string | number | boolean) =>
  typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);

export function pyFormEncode(data: Record<string, PyValue>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${quotePlus(key)}=${quotePlus(pyStr(item))}`);
    }
  }
  return pairs.join('&');
}

/** One request as the clients make it, and what they get back. */
export interface PyCall {
  method: string;
  path: string;
  status: number;
}

/**
 * A client with Guidebook's `APIRequestor` habits (Guidebook/guidebook-api-python: guidebook/api_requestor.py):
 * `Authorization: JWT <key>`, `data=` form bodies, and `response.json()` before looking at the status (so
 * any non-JSON answer, an empty 204 included, raises unless the caller expects it).
 */
export class PythonClient {
  readonly calls: PyCall[] = [];

  constructor(
    private readonly t: TestApp,
    private readonly auth: string,
    readonly base: string,
  ) {}

  /** Writes among the calls (POST, PATCH, DELETE). */
  writes(): PyCall[] {
    return this.calls.filter((c) => c.method !== 'GET');
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    data?: Record<string, PyValue>,
    { expectEmpty = false }: { expectEmpty?: boolean } = {},
  ): Promise<{ status: number; json: any }> {
    const path = url.startsWith('http') ? url.replace(/^https?:\/\/[^/]+/, '') : `${this.base}${url}`;
    let req = this.t.http[method.toLowerCase() as 'get'](path).set('Authorization', this.auth);
    if (data) req = req.set('Content-Type', 'application/x-www-form-urlencoded').send(pyFormEncode(data));
    const res = await req;
    this.calls.push({ method, path, status: res.status });
    if (expectEmpty) {
      if (res.text !== '') throw new Error(`${method} ${path}: expected no body, got ${res.text}`);
      return { status: res.status, json: null };
    }
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      throw new Error(`GuidebookError: ${method} ${path} answered ${res.status} without JSON: ${res.text}`);
    }
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return { status: res.status, json };
  }

  /** Every result of a list, following `next` (absolute URLs) as both integrations do. */
  async all(url: string): Promise<any[]> {
    const out: any[] = [];
    let next: string | null = url;
    while (next) {
      const { json } = await this.request('GET', next);
      out.push(...(json.results as any[]));
      next = json.next as string | null;
      if (next !== null && !/^https?:\/\//.test(next)) throw new Error(`next is not absolute: ${next}`);
    }
    return out;
  }
}
