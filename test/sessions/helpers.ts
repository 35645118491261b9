import { EventEmitter2 } from '@nestjs/event-emitter';
import { SESSION_STARTED, SESSION_STOPPED, SessionLifecycleEvent } from '../../src/common/domain-events';
import { bearer, TestApp } from '../utils/test-app';

/** Roundware's header scheme. */
export const token = (key: string) => `token ${key}`;

export interface Experiment {
  experiment_id: number;
  name: string;
  geo_listen_enabled: boolean;
  demo_stream_enabled: boolean;
  owner: number | null;
}

/** Creates a project through `POST /api/experiments` with `authorization` (any header scheme). */
export async function createExperiment(
  t: TestApp,
  authorization: string,
  body: Record<string, unknown> = {},
): Promise<Experiment> {
  const res = await t.http
    .post('/api/experiments')
    .set('Authorization', authorization)
    .send({ name: `project ${Math.random().toString(36).slice(2, 8)}`, ...body });
  if (res.status !== 201) throw new Error(`creating an experiment failed: ${res.status} ${res.text}`);
  return res.body as Experiment;
}

/** Registers a Roundware device (`POST /api/2/users/`); returns its user id and API key. */
export async function registerDevice(
  t: TestApp,
  deviceId: string,
  clientType = 'iPhone',
): Promise<{ id: number; token: string }> {
  const res = await t.http.post('/api/2/users/').send({ device_id: deviceId, client_type: clientType });
  if (res.status !== 200) throw new Error(`device registration failed: ${res.status} ${res.text}`);
  return { id: res.body.id, token: res.body.token };
}

/** Starts a session through the experiment view. */
export async function startExperimentSession(
  t: TestApp,
  user: { token: string },
  experimentId: number,
  sessionType?: string,
): Promise<{ session_id: number; [key: string]: unknown }> {
  const res = await t.http
    .post('/api/sessions')
    .set('Authorization', bearer(user))
    .send({ experiment_id: experimentId, ...(sessionType ? { session_type: sessionType } : {}) });
  if (res.status !== 201) throw new Error(`starting a session failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Starts a session through the Roundware view. */
export async function startRoundwareSession(
  t: TestApp,
  authorization: string,
  body: Record<string, unknown>,
): Promise<{ id: number; [key: string]: unknown }> {
  const res = await t.http
    .post('/api/2/sessions/')
    .set('Authorization', authorization)
    .send({ client_system: 'iOS 8.1', ...body });
  if (res.status !== 200) throw new Error(`creating a session failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Records every SESSION_STARTED / SESSION_STOPPED the app publishes from now on. */
export function captureSessionEvents(t: TestApp) {
  const emitter = t.app.get(EventEmitter2);
  const started: SessionLifecycleEvent[] = [];
  const stopped: SessionLifecycleEvent[] = [];
  const onStart = (e: SessionLifecycleEvent) => started.push(e);
  const onStop = (e: SessionLifecycleEvent) => stopped.push(e);
  emitter.on(SESSION_STARTED, onStart);
  emitter.on(SESSION_STOPPED, onStop);
  return {
    started,
    stopped,
    dispose() {
      emitter.off(SESSION_STARTED, onStart);
      emitter.off(SESSION_STOPPED, onStop);
    },
  };
}

/** Microseconds since the epoch of a naive (UTC) or offset ISO timestamp with microseconds. */
export function micros(text: string): number {
  const m = /^(.*)\.(\d{6})(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!m) throw new Error(`not a microsecond timestamp: ${text}`);
  return Date.parse(`${m[1]}${m[3] ?? 'Z'}`) * 1000 + Number(m[2]);
}

/**
 * Registers an async listener (EventEmitter2's `emitAsync` awaits it) and returns its removal. The cast
 * only satisfies EventEmitter2's `void` listener type.
 */
export function onSessionEvent(
  t: TestApp,
  name: typeof SESSION_STARTED | typeof SESSION_STOPPED,
  listener: (e: SessionLifecycleEvent) => Promise<void>,
): () => void {
  const emitter = t.app.get(EventEmitter2);
  const fn = listener as unknown as (e: SessionLifecycleEvent) => void;
  emitter.on(name, fn);
  return () => emitter.off(name, fn);
}
