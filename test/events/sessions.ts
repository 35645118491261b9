import { DataSource } from 'typeorm';
import { nowMicros } from '../../src/common/time';
import { Event } from '../../src/events/entities/event.entity';
import { Project } from '../../src/sessions/entities/project.entity';
import { Session } from '../../src/sessions/entities/session.entity';
import type { TestApp } from '../utils/test-app';

/**
 * Sessions for the events suites, written straight through the app's DataSource (the Sessions module's
 * routes are built elsewhere). Each session gets its own project unless one is given.
 */
export async function makeProject(t: TestApp, ownerId: number): Promise<number> {
  const now = nowMicros();
  const project = await t.app
    .get(DataSource)
    .getRepository(Project)
    .save({
      name: `project of ${ownerId}`,
      ownerId,
      createdAt: now,
      updatedAt: now,
    });
  return project.id;
}

export async function makeSession(t: TestApp, ownerId: number, projectId?: number): Promise<number> {
  const now = nowMicros();
  const session = await t.app
    .get(DataSource)
    .getRepository(Session)
    .save({
      projectId: projectId ?? (await makeProject(t, ownerId)),
      ownerId,
      startTime: now,
      clientSystem: 'iOS 8.1',
      timezone: '-8000',
      languageId: 1,
      demoStreamEnabled: true,
      createdById: ownerId,
      createdAt: now,
      modifiedById: ownerId,
      modifiedAt: now,
    });
  return session.id;
}

/** Moves an event's server time (the API never lets a client choose it). */
export async function setServerTime(t: TestApp, eventId: number, micros: number): Promise<void> {
  await t.app.get(DataSource).getRepository(Event).update({ id: eventId }, { serverTime: micros });
}

export async function countEvents(t: TestApp, sessionId?: number): Promise<number> {
  const repo = t.app.get(DataSource).getRepository(Event);
  return sessionId === undefined ? repo.count() : repo.countBy({ sessionId });
}
