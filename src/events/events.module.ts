import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../sessions/sessions.module';
import { EventTag } from './entities/event-tag.entity';
import { EventType } from './entities/event-type.entity';
import { Event } from './entities/event.entity';
import { EventStore } from './event-store';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { SessionEventsListener } from './session-events.listener';
import { SessionHistoryController } from './session-history.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventType, EventTag]), SessionsModule],
  controllers: [EventsController, SessionHistoryController],
  providers: [EventsService, EventStore, SessionEventsListener],
})
export class EventsModule {}
