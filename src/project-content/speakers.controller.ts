import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import {
  CreateContentDocs,
  DeleteContentDocs,
  GetContentDocs,
  ListContentDocs,
  UpdateContentDocs,
} from './content.openapi';
import { SpeakerDto, CreateSpeakerDto, ListSpeakersQueryDto, UpdateSpeakerDto } from './dto/speaker.dto';
import { SpeakersService } from './speakers.service';

/** Roundware API v2 `/api/2/speakers/`: authenticated reads, admin writes. */
@ApiTags('roundware')
@Controller('api/2/speakers')
export class SpeakersController {
  constructor(private readonly service: SpeakersService) {}

  @Get()
  @ListContentDocs('listRoundwareSpeakers', 'speakers', SpeakerDto, '`project_id`, `activeyn`')
  list(@CurrentUser() auth: AuthUser, @Query() query: ListSpeakersQueryDto): Promise<SpeakerDto[]> {
    return this.service.list(auth, query);
  }

  @Post()
  @CreateContentDocs('createRoundwareSpeaker', 'speaker', CreateSpeakerDto, SpeakerDto, {
    project_id: 1,
    activeyn: true,
    code: 'main',
    maxvolume: 0.8,
    minvolume: 0,
    uri: 'https://stream.example.org/main.mp3',
    attenuation_distance: 40,
  })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateSpeakerDto): Promise<SpeakerDto> {
    return this.service.create(auth, dto);
  }

  @Get(':id')
  @GetContentDocs('getRoundwareSpeaker', 'speaker', SpeakerDto)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<SpeakerDto> {
    return this.service.get(auth, id);
  }

  @Patch(':id')
  @UpdateContentDocs('updateRoundwareSpeaker', 'speaker', UpdateSpeakerDto, SpeakerDto)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateSpeakerDto,
  ): Promise<SpeakerDto> {
    return this.service.update(auth, id, dto);
  }

  @Delete(':id')
  @DeleteContentDocs('deleteRoundwareSpeaker', 'speaker')
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.service.remove(auth, id);
  }
}
