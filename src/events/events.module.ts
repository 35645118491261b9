import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../sessions/sessions.module';
import { EventTag } from './entities/event-tag.entity';
import { EventType } from './entities/event-type.entity';
import { Event } from './entities/event.entity';
import { ListenEvent } from './entities/listen-event.entity';
import { EventAccess } from './event-access.service';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { ExportSlots } from './export-slots';
import { SessionEventsRecorder } from './session-events.recorder';
import { SessionHistoryController } from './roundware-session-history.controller';
import { ListenEventsController } from './listen-events.controller';
import { ListenEventsRepository } from './listen-events.repository';
import { ListenEventsService } from './listen-events.service';

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventType, EventTag, ListenEvent]), SessionsModule],
  controllers: [EventsController, ListenEventsController, SessionHistoryController],
  providers: [
    EventsRepository,
    EventAccess,
    EventsService,
    ExportSlots,
    SessionEventsRecorder,
    ListenEventsRepository,
    ListenEventsService,
  ],
})
export class EventsModule {}
