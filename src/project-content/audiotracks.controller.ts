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
import {
  AudiotrackDto,
  CreateAudiotrackDto,
  ListAudiotracksQueryDto,
  UpdateAudiotrackDto,
} from './dto/audiotrack.dto';
import { AudiotracksService } from './audiotracks.service';

/** Roundware API v2 `/api/2/audiotracks/`: authenticated reads, admin writes. */
@ApiTags('roundware')
@Controller('api/2/audiotracks')
export class AudiotracksController {
  constructor(private readonly service: AudiotracksService) {}

  @Get()
  @ListContentDocs(
    'listRoundwareAudiotracks',
    'audio tracks',
    AudiotrackDto,
    '`project_id`, `active`, `repeatrecordings`, `start_with_silence`, `fadeout_when_filtered`',
  )
  list(@CurrentUser() auth: AuthUser, @Query() query: ListAudiotracksQueryDto): Promise<AudiotrackDto[]> {
    return this.service.list(auth, query);
  }

  @Post()
  @CreateContentDocs('createRoundwareAudiotrack', 'audio track', CreateAudiotrackDto, AudiotrackDto, {
    project_id: 1,
    minvolume: 0.5,
    maxvolume: 1,
    minduration: 5,
    maxduration: 30,
    mindeadair: 1,
    maxdeadair: 3,
    minfadeintime: 0.5,
    maxfadeintime: 1,
    minfadeouttime: 0.5,
    maxfadeouttime: 1,
    minpanpos: 0,
    maxpanpos: 0,
    minpanduration: 5,
    maxpanduration: 10,
  })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateAudiotrackDto): Promise<AudiotrackDto> {
    return this.service.create(auth, dto);
  }

  @Get(':id')
  @GetContentDocs('getRoundwareAudiotrack', 'audio track', AudiotrackDto)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<AudiotrackDto> {
    return this.service.get(auth, id);
  }

  @Patch(':id')
  @UpdateContentDocs('updateRoundwareAudiotrack', 'audio track', UpdateAudiotrackDto, AudiotrackDto)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateAudiotrackDto,
  ): Promise<AudiotrackDto> {
    return this.service.update(auth, id, dto);
  }

  @Delete(':id')
  @DeleteContentDocs('deleteRoundwareAudiotrack', 'audio track')
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.service.remove(auth, id);
  }
}
