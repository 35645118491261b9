import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { DRF_MESSAGES } from '../common/validation';
import { ProjectAccess } from '../sessions/project-access.service';
import { SessionAccess } from '../sessions/session-access.service';
import type { Session } from '../sessions/entities/session.entity';

/**
 * Who sees a project's content: exactly who sees the project, as the sessions module's `ProjectAccess`
 * decides (public Roundware projects: every authenticated user; private experiments: owner, operators,
 * admins). Content rows carry their `project_id`; lists are restricted in the query to the ids this
 * policy answers for. The sessions module's tables are never read here.
 */
@Injectable()
export class ContentAccess {
  constructor(
    private readonly projects: ProjectAccess,
    private readonly sessions: SessionAccess,
  ) {}

  /** Which of `candidates` (project ids) `auth` may see. */
  async visibleProjectIds(auth: AuthUser, candidates: number[]): Promise<number[]> {
    if (!candidates.length) return [];
    return [...(await this.projects.visibleIds(auth, candidates))].sort((a, b) => a - b);
  }

  async canSeeProject(auth: AuthUser, projectId: number): Promise<boolean> {
    return (await this.projects.findVisible(auth, projectId)) !== null;
  }

  /** A project path parameter: visible, else 404. */
  async projectOr404(auth: AuthUser, projectId: number): Promise<void> {
    if (!(await this.canSeeProject(auth, projectId))) throw new NotFoundException();
  }

  /** A `project_id` of a body: visible, else 400 `Invalid pk`. */
  async projectFromBody(auth: AuthUser, projectId: number, field = 'project_id'): Promise<void> {
    if (!(await this.canSeeProject(auth, projectId)))
      throw FieldErrorsException.of(field, DRF_MESSAGES.invalidPk(projectId));
  }

  /** A row of project content: 404 unless its project is visible to `auth`. */
  async rowOr404<T extends { projectId: number }>(auth: AuthUser, row: T | null): Promise<T> {
    if (!row || !(await this.canSeeProject(auth, row.projectId))) throw new NotFoundException();
    return row;
  }

  /** A `session_id` of a body: a session `auth` sees, else 400 `Invalid pk`. */
  async sessionFromBody(auth: AuthUser, sessionId: number, field = 'session_id'): Promise<Session> {
    const session = await this.sessions.findVisible(auth, sessionId);
    if (!session) throw FieldErrorsException.of(field, DRF_MESSAGES.invalidPk(sessionId));
    return session;
  }

  /** The session `id` if `auth` sees it, else null. */
  async session(auth: AuthUser, id: number): Promise<Session | null> {
    return this.sessions.findVisible(auth, id);
  }
}
