import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { Language } from './entities/language.entity';
import { Project } from './entities/project.entity';
import { Session } from './entities/session.entity';
import { ExperimentSessionsController } from './experiment-sessions.controller';
import { ExperimentSessionsService } from './experiment-sessions.service';
import { ExperimentsController } from './experiments.controller';
import { LanguagesRepository } from './languages.repository';
import { LanguagesService } from './languages.service';
import { ProjectAccess } from './project-access.service';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';
import { RoundwareProjectsController } from './roundware-projects.controller';
import { RoundwareProjectsService } from './roundware-projects.service';
import { RoundwareSessionsController } from './roundware-sessions.controller';
import { RoundwareSessionsService } from './roundware-sessions.service';
import { SessionAccess } from './session-access.service';
import { SessionLifecycle } from './session-lifecycle.service';
import { SessionsRepository } from './sessions.repository';

/**
 * Projects (= experiments), languages and the one Session, with its two views: Roundware v2
 * (`/api/2/sessions/`, `/api/2/projects/`) and AERPAW (`/api/sessions`, `/api/experiments`).
 * Starting and stopping a session runs the recorder the Events module registers (its start_session /
 * stop_session rows, in the same transaction), then publishes SESSION_STARTED / SESSION_STOPPED
 * (src/common/domain-events.ts).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Project, Language, Session]), AuthModule],
  controllers: [
    RoundwareSessionsController,
    RoundwareProjectsController,
    ExperimentSessionsController,
    ExperimentsController,
  ],
  providers: [
    SessionsRepository,
    ProjectsRepository,
    LanguagesRepository,
    SessionAccess,
    ProjectAccess,
    SessionLifecycle,
    ProjectsService,
    LanguagesService,
    RoundwareSessionsService,
    RoundwareProjectsService,
    ExperimentSessionsService,
  ],
  exports: [SessionAccess, RoundwareSessionsService, ProjectAccess, SessionLifecycle],
})
export class SessionsModule {}
