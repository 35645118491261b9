import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createHmac, randomUUID } from 'node:crypto';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { AppConfig } from '../config/app-config';
import { nowMicros } from '../common/time';
import { isPrivateAddress } from './webhook-url';
import { ClaimedDelivery, WebhooksRepository } from './webhooks.repository';

/** The signature header: `sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook's secret>`. */
export const SIGNATURE_HEADER = 'X-Hub-Signature-256';
/** The idempotency key header: the body's `weid`, the same on every retry of one delivery. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How many due deliveries one poll claims. */
const BATCH = 20;
const MAX_BACKOFF_MS = 3_600_000;

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A DNS lookup that refuses private addresses (the connection is made only to a checked address). */
function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad || !addresses.length) {
        const refused = Object.assign(new Error(`refused address ${bad?.address ?? 'none'}`), {
          code: 'EWEBHOOKPRIVATE',
        });
        return callback(refused, '', 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * Delivers the outbox: every `WEBHOOK_POLL_MS` it claims due deliveries with a lease (so a second
 * instance does not send them too), POSTs each body with its signature and idempotency key (no
 * redirects followed, a timeout, no private addresses unless WEBHOOK_ALLOW_PRIVATE=true), logs the
 * attempt and settles it: 2xx delivered; otherwise retried after `WEBHOOK_RETRY_BASE_MS × 2^(n-1)` until
 * `WEBHOOK_MAX_ATTEMPTS`. A restart loses nothing: undelivered rows stay `pending`, and a lease held by a
 * dead instance expires. Delivery is at least once (a crash after the receiver answered and before the
 * row is settled repeats it, with the same `Idempotency-Key`).
 */
@Injectable()
export class WebhookPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { pollMs } = this.config.webhooks;
    if (pollMs > 0) this.schedule(pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.pollOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'webhook poll failed'))
        .finally(() => {
          if (!this.stopped) this.schedule(ms);
        });
    }, ms);
    this.timer.unref();
  }

  /** Claims and attempts the due deliveries once; how many were attempted. */
  async pollOnce(): Promise<number> {
    const now = nowMicros();
    // a fresh lease token per claim (fits `lease_owner`, 64 characters): only this claim settles its rows
    const owner = randomUUID();
    const claimed = await this.repository.claim(owner, now, now + this.config.webhooks.leaseMs * 1000, BATCH);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery, owner)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery, owner: string): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.config.webhooks;
    const started = Date.now();
    const result = await this.post(delivery);
    const attempt = delivery.attempts + 1;
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const backoffMs = Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempt - 1));
    const at = nowMicros();
    await this.repository.settle(delivery.id, owner, attempt, {
      statusCode: result.statusCode,
      error: result.error,
      durationMs: Date.now() - started,
      status: ok ? 'delivered' : attempt >= maxAttempts ? 'failed' : 'pending',
      nextAttemptAt: ok ? at : at + backoffMs * 1000,
      at,
    });
  }

  /** One POST; 3xx answers are not followed (they count as failures). */
  private post(delivery: ClaimedDelivery): Promise<{ statusCode: number | null; error: string | null }> {
    const { timeoutMs, allowPrivate } = this.config.webhooks;
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(delivery.url);
      } catch {
        resolve({ statusCode: null, error: 'invalid URL' });
        return;
      }
      const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : null;
      if (!send) {
        resolve({ statusCode: null, error: 'only http and https URLs are allowed' });
        return;
      }
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!allowPrivate && (host === 'localhost' || isPrivateAddressLiteral(host))) {
        resolve({ statusCode: null, error: 'private address refused' });
        return;
      }
      const body = Buffer.from(delivery.payload);
      const req = send(
        url,
        {
          method: 'POST',
          timeout: timeoutMs,
          ...(allowPrivate ? {} : { lookup: publicOnlyLookup() }),
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': body.length,
            'User-Agent': 'sessions-hub-webhooks',
            [SIGNATURE_HEADER]: signature(delivery.secret, delivery.payload),
            [IDEMPOTENCY_HEADER]: delivery.idempotencyKey,
            'X-Webhook-Event': delivery.event,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
          res.on('error', () => resolve({ statusCode: res.statusCode ?? null, error: 'response aborted' }));
        },
      );
      const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const code =
          error.code === 'EWEBHOOKPRIVATE' ? 'private address refused' : (error.code ?? error.message);
        resolve({ statusCode: null, error: String(code).slice(0, 255) });
      });
      req.on('close', () => clearTimeout(timer));
      req.end(body);
    });
  }
}

const isPrivateAddressLiteral = (host: string): boolean =>
  /^[\d.]+$|:/.test(host) ? isPrivateAddress(host) : false;
