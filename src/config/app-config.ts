import express from 'express';
import { randomBytes } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';

export type DbType = 'sqlite' | 'postgres';
export type NodeEnv = 'development' | 'production' | 'test';

/** The database settings; the SQLite tuning fields have defaults (see `dataSourceOptions`). */
export interface DbConfig {
  type: DbType;
  path: string;
  url?: string;
  logging: boolean;
  /** SQLite `synchronous`: FULL (default) loses no acknowledged write on power loss; NORMAL is faster. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** SQLite `busy_timeout` in ms: how long a statement waits synchronously for another process's lock. */
  sqliteBusyTimeoutMs?: number;
  /** SQLite `journal_size_limit`: the WAL is truncated back to this many bytes after a checkpoint. */
  sqliteJournalSizeLimitBytes?: number;
  /** How often the WAL is checkpointed (PASSIVE) in ms; 0 leaves it to SQLite's automatic checkpoint. */
  sqliteCheckpointIntervalMs?: number;
}

/**
 * The validated, typed configuration of one server instance. It is built once from the environment
 * (see `loadAppConfig`) and injected by class: `constructor(private readonly config: AppConfig)`.
 */
export class AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  db: DbConfig;
  jwt: { secret: string; expiresInSeconds: number; refreshExpiresInSeconds: number; generated: boolean };
  admin: { username: string; password?: string };
  /** IANA zone that sets the day boundary for listening statistics. */
  timezone: string;
  docsEnabled: boolean;
  corsOrigins: string[];
  logLevel: string;
  /** Where structured logs go: stdout by default, or a file path (tests scan it for secrets). */
  logFile?: string;
  bodyLimitBytes: number;
  login: { maxFailures: number; windowSeconds: number };
  deviceRegistrationEnabled: boolean;
  /** Limits of the auth module (see README, "Security model"). */
  authLimits: AuthLimits;
  /** `GET /api/2/events/` without `page_size` refuses (400) a result larger than this. */
  eventsListMaxRows: number;
  /** Sessions and events limits (helper sessev): sizes, list bounds, export concurrency. */
  sessev: {
    /** Largest event `data` (UTF-8 bytes) a POST may store; beyond it 400. */
    eventDataMaxBytes: number;
    /** Largest list answer (bytes of its rows' JSON) before a page shrinks or an unpaginated list 400s. */
    listMaxBytes: number;
    /** Unpaginated `GET /api/2/sessions/` and `GET /api/experiments/{id}/sessions` refuse more rows than this. */
    sessionsListMaxRows: number;
    /** Concurrent `GET /api/2/events/export/` per user and in total; beyond them 429. */
    exportsPerUser: number;
    exportsTotal: number;
  };
  /** Requests per account and UTC day on the Guidebook Open API (`/open-api/v1/`). */
  guidebookDailyLimit: number;
  /** Guidebook webhooks (issue 16): outbound deliveries from the outbox. */
  webhooks: {
    /** Deliver to private, loopback and link-local addresses too (off by default: SSRF). */
    allowPrivate: boolean;
    /** One delivery attempt may take this long (connect and answer). */
    timeoutMs: number;
    /** How often the poller looks for due deliveries; 0 turns delivery off on this instance. */
    pollMs: number;
    /** First retry delay; each further retry waits twice as long (capped at an hour). */
    retryBaseMs: number;
    /** Attempts before a delivery is given up (`failed`). */
    maxAttempts: number;
    /** How long a claimed delivery stays leased to this instance before another may take it. */
    leaseMs: number;
  };
  /** HTTP platform (helper http): proxies, timeouts, hosts, metrics. */
  http: {
    /** Express `trust proxy` (hop count, `loopback`, CIDR list…); `false` (off) by default. */
    trustProxy: boolean | number | string[];
    /** Node's `server.requestTimeout`: the whole request (headers and body) must arrive within it. */
    requestTimeoutMs: number;
    /** Node's `server.headersTimeout`: the request headers must arrive within it. */
    headersTimeoutMs: number;
    /** Node's `server.keepAliveTimeout`: an idle keep-alive connection is closed after it. */
    keepAliveTimeoutMs: number;
    /** Node's `server.maxConnections`: connections beyond it are refused (closed at once). */
    maxConnections: number;
    /** Absolute base of links (`next`/`previous`), e.g. `https://hub.example.org`; no Host header is reflected when set. */
    publicUrl?: string;
    /** Host names accepted in the Host header when PUBLIC_URL is unset (`*` accepts any); others answer 400. */
    allowedHosts: string[];
    /** `GET /metrics` (Prometheus text), admin only. */
    metricsEnabled: boolean;
    /** One full garbage collection once no request came for this long after busy time (`IdleCollector`); 0: off. */
    idleGcMs: number;
  };
  /** The media store (helper rwc): audio files served by the hub, Roundware asset uploads. */
  media: {
    /** Absolute directory of the media store (`MEDIA_DIR`, default `./data/media`); nothing outside it is served. */
    dir: string;
    /** Largest Roundware asset upload (`UPLOAD_MAX_BYTES`); beyond it 413. */
    uploadMaxBytes: number;
    /** Scan every Audiobookshelf library that has folders when the app starts (`ABS_SCAN_ON_START`). */
    scanOnStart: boolean;
  };
  /** Audiobookshelf playback sessions: honesty rules and the idle-session sweep. */
  playback: {
    /** Slack (seconds) a sync may claim beyond the wall-clock time since the previous sync. */
    syncToleranceSeconds: number;
    /** An item counts as finished when fewer than this many seconds remain. */
    finishedThresholdSeconds: number;
    /** Open sessions without a sync for this long are closed by the sweep. */
    idleTimeoutSeconds: number;
    /** How often the sweep runs. */
    idleSweepSeconds: number;
  };
}

/** Limits of the auth module: password hashing, device registration, API keys. */
export interface AuthLimits {
  /** Password hashes (argon2) run at once; further logins wait in a queue. */
  hashConcurrency: number;
  /** Logins that may wait for a hash slot; one more answers 429 with Retry-After. */
  hashQueue: number;
  /** A device keeps its newest this many registration keys (older ones are revoked). */
  deviceKeysKept: number;
  /** Device registrations (`POST /api/2/users/`) per client address and minute. */
  deviceRegistrationsPerMinute: number;
  /** API keys one user may hold (`POST /auth/api-keys` beyond it answers 409). */
  maxApiKeysPerUser: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function fail(variable: string, message: string): never {
  throw new ConfigError(`Invalid configuration: ${variable} ${message}`);
}

function str(env: Env, name: string, fallback?: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) fail(name, `must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) fail(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  return fail(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name, fallback) as T;
  if (!allowed.includes(raw)) fail(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Builds and validates the configuration; throws a ConfigError naming the variable on a bad value. */
export function loadAppConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dbType = oneOf(env, 'DB_TYPE', ['sqlite', 'postgres'] as const, 'sqlite');
  const url = str(env, 'DATABASE_URL');
  if (dbType === 'postgres' && !url) fail('DATABASE_URL', 'is required when DB_TYPE=postgres');
  if (url && !/^postgres(ql)?:\/\//.test(url))
    fail('DATABASE_URL', 'must be a postgres:// connection string');

  let secret = str(env, 'JWT_SECRET');
  const generated = !secret;
  if (!secret) {
    if (nodeEnv === 'production') fail('JWT_SECRET', 'is required when NODE_ENV=production');
    secret = randomBytes(32).toString('base64url');
  } else if (secret.length < 32) {
    fail('JWT_SECRET', 'must be at least 32 characters long');
  } else if (nodeEnv === 'production') {
    const weakness = secretWeakness(secret);
    if (weakness) fail('JWT_SECRET', weakness);
  }

  const timezone = str(env, 'APP_TIMEZONE') ?? str(env, 'TZ') ?? 'UTC';
  if (!isValidTimeZone(timezone))
    fail(env.APP_TIMEZONE ? 'APP_TIMEZONE' : 'TZ', `is not a known time zone: "${timezone}"`);

  const adminPassword = str(env, 'ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 8)
    fail('ADMIN_PASSWORD', 'must be at least 8 characters');

  const http = httpConfig(env, str(env, 'HOST', '0.0.0.0')!);
  const config = new AppConfig();
  Object.assign(config, {
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0')!,
    db: {
      type: dbType,
      path: str(env, 'DB_PATH', './data/sessions-hub.sqlite')!,
      url,
      logging: bool(env, 'DB_LOGGING', false),
      sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
      sqliteBusyTimeoutMs: int(env, 'SQLITE_BUSY_TIMEOUT_MS', 250, 0, 60_000),
      sqliteJournalSizeLimitBytes: int(env, 'SQLITE_JOURNAL_SIZE_LIMIT_BYTES', 64 * 1024 * 1024, 0, 2 ** 40),
      sqliteCheckpointIntervalMs: int(env, 'SQLITE_CHECKPOINT_INTERVAL_MS', 1000, 0, 3_600_000),
    },
    jwt: {
      secret,
      generated,
      expiresInSeconds: int(env, 'JWT_EXPIRES_IN', 3600, 1, 31 * 24 * 3600),
      refreshExpiresInSeconds: int(env, 'JWT_REFRESH_EXPIRES_IN', 7 * 24 * 3600, 1, 365 * 24 * 3600),
    },
    admin: { username: str(env, 'ADMIN_USERNAME', 'admin')!, password: adminPassword },
    timezone,
    docsEnabled: bool(env, 'DOCS_ENABLED', true),
    corsOrigins: corsOrigins(env),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    logFile: str(env, 'LOG_FILE'),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    login: {
      maxFailures: int(env, 'LOGIN_MAX_FAILURES', 10, 1, 1_000_000),
      windowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
    },
    deviceRegistrationEnabled: bool(env, 'DEVICE_REGISTRATION_ENABLED', true),
    authLimits: loadAuthLimits(env),
    eventsListMaxRows: int(env, 'EVENTS_LIST_MAX_ROWS', 10_000, 1, 1_000_000),
    sessev: {
      eventDataMaxBytes: int(env, 'EVENT_DATA_MAX_BYTES', 64 * 1024, 1, 16 * 1024 * 1024),
      listMaxBytes: int(env, 'LIST_MAX_BYTES', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      sessionsListMaxRows: int(env, 'SESSIONS_LIST_MAX_ROWS', 10_000, 1, 1_000_000),
      exportsPerUser: int(env, 'EXPORTS_PER_USER', 2, 1, 1000),
      exportsTotal: int(env, 'EXPORTS_TOTAL', 8, 1, 10_000),
    },
    guidebookDailyLimit: int(env, 'GUIDEBOOK_DAILY_LIMIT', 10_000, 1, 1_000_000_000),
    webhooks: {
      allowPrivate: bool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 5000, 100, 120_000),
      pollMs: int(env, 'WEBHOOK_POLL_MS', 1000, 0, 3_600_000),
      retryBaseMs: int(env, 'WEBHOOK_RETRY_BASE_MS', 5000, 10, 3_600_000),
      maxAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
      leaseMs: int(env, 'WEBHOOK_LEASE_MS', 60_000, 1000, 3_600_000),
    },
    http,
    media: {
      dir: resolvePath(str(env, 'MEDIA_DIR', './data/media')!),
      uploadMaxBytes: int(env, 'UPLOAD_MAX_BYTES', 50 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
      scanOnStart: bool(env, 'ABS_SCAN_ON_START', true),
    },
    playback: {
      syncToleranceSeconds: int(env, 'PLAYBACK_SYNC_TOLERANCE_SECONDS', 10, 0, 24 * 3600),
      finishedThresholdSeconds: int(env, 'PLAYBACK_FINISHED_THRESHOLD_SECONDS', 10, 0, 3600),
      idleTimeoutSeconds: int(env, 'PLAYBACK_IDLE_TIMEOUT_SECONDS', 36 * 3600, 60, 365 * 24 * 3600),
      idleSweepSeconds: int(env, 'PLAYBACK_IDLE_SWEEP_SECONDS', 600, 1, 24 * 3600),
    },
  } satisfies AppConfig);
  return config;
}

// ---- auth module: limits and the JWT secret's strength ----

function loadAuthLimits(env: Env): AuthLimits {
  return {
    hashConcurrency: int(env, 'LOGIN_HASH_CONCURRENCY', 2, 1, 64),
    hashQueue: int(env, 'LOGIN_HASH_QUEUE', 32, 0, 10_000),
    deviceKeysKept: int(env, 'DEVICE_KEYS_KEPT', 5, 1, 100),
    deviceRegistrationsPerMinute: int(env, 'DEVICE_REGISTRATIONS_PER_MINUTE', 60, 1, 1_000_000),
    maxApiKeysPerUser: int(env, 'MAX_API_KEYS_PER_USER', 50, 1, 100_000),
  };
}

/** Shannon entropy of `text` in bits per character, from its character frequencies. */
export function shannonBitsPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...text].length;
  let bits = 0;
  for (const c of counts.values()) bits -= (c / n) * Math.log2(c / n);
  return bits;
}

/**
 * Why `secret` is too guessable to sign tokens with, or null. It must use at least 8 distinct
 * characters, not be one shorter text repeated, and carry at least 2.5 bits per character by its own
 * character frequencies (≥ 80 bits in all; 16 random hex bytes measure ≥ 2.8): `aaaa…`, `abab…`, `passwordpassword…` or `0123…f0123…f`
 * fail; 16 or more random bytes in hex or base64 pass.
 */
export function secretWeakness(secret: string): string | null {
  const distinct = new Set(secret).size;
  if (distinct < 8) return `is too predictable: it uses only ${distinct} distinct characters (at least 8)`;
  const chars = [...secret];
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((ch, i) => i < period || ch === chars[i - period])) {
      return `is too predictable: it repeats the same ${period} characters`;
    }
  }
  const bits = shannonBitsPerChar(secret);
  if (bits < 2.5 || bits * chars.length < 80) {
    return 'is too predictable (low entropy): use a random value, e.g. `openssl rand -base64 48`';
  }
  return null;
}

// --- HTTP platform variables (helper http) ---

/** Express's `trust proxy` syntax, validated: `false`/`true`, a hop count, or names/addresses/CIDRs. */
function trustProxy(env: Env): boolean | number | string[] {
  const raw = str(env, 'TRUST_PROXY');
  if (raw === undefined || /^(false|0|off|no)$/i.test(raw)) return false;
  if (/^true$/i.test(raw)) return true;
  if (/^\d+$/.test(raw)) return int(env, 'TRUST_PROXY', 0, 0, 100);
  const list = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  try {
    // Express compiles the setting with proxy-addr, which throws on a bad address or name
    express().set('trust proxy', list);
  } catch (error) {
    fail(
      'TRUST_PROXY',
      `must be a hop count, true/false, or a comma list of loopback/linklocal/uniquelocal/addresses/CIDRs: ${(error as Error).message}`,
    );
  }
  return list;
}

function httpConfig(env: Env, host: string): AppConfig['http'] {
  const requestTimeoutMs = int(env, 'REQUEST_TIMEOUT_MS', 30_000, 1, 3_600_000);
  const headersTimeoutMs = int(env, 'HEADERS_TIMEOUT_MS', Math.min(20_000, requestTimeoutMs), 1, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs)
    fail('HEADERS_TIMEOUT_MS', `must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  let publicUrl = str(env, 'PUBLIC_URL');
  if (publicUrl !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(publicUrl);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash)
      fail('PUBLIC_URL', `must be an absolute http(s) URL without query, got "${publicUrl}"`);
    publicUrl = publicUrl.replace(/\/+$/, '');
  }
  const wildcardHost = host === '0.0.0.0' || host === '::' || host === '';
  const defaultHosts = [
    'localhost',
    '127.0.0.1',
    '[::1]',
    ...(wildcardHost ? [] : [host.includes(':') ? `[${host}]` : host]),
  ];
  const allowedHosts = (str(env, 'ALLOWED_HOSTS') ?? defaultHosts.join(','))
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return {
    trustProxy: trustProxy(env),
    requestTimeoutMs,
    headersTimeoutMs,
    keepAliveTimeoutMs: int(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000, 1, 3_600_000),
    maxConnections: int(env, 'MAX_CONNECTIONS', 4096, 1, 1_000_000),
    publicUrl,
    allowedHosts,
    metricsEnabled: bool(env, 'METRICS_ENABLED', false),
    idleGcMs: int(env, 'IDLE_GC_MS', 1000, 0, 3_600_000),
  };
}

/** Exact origins, or `*` alone (any origin, never with credentials: the hub sends none). */
function corsOrigins(env: Env): string[] {
  const list = (str(env, 'CORS_ORIGINS', '') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (list.includes('*') && list.length > 1)
    fail('CORS_ORIGINS', 'must be `*` alone or a list of origins, not both');
  for (const origin of list) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin))
      fail('CORS_ORIGINS', `must list origins such as https://app.example.org (no path), got "${origin}"`);
  }
  return list;
}
