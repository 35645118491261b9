import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Language } from './entities/language.entity';
import { Project } from './entities/project.entity';
import { Session } from './entities/session.entity';
import { SessionAccess } from './session-access.service';

@Module({
  imports: [TypeOrmModule.forFeature([Project, Language, Session])],
  providers: [SessionAccess],
  exports: [SessionAccess],
})
export class SessionsModule {}
