import { Module } from '@nestjs/common';
import { MediaController } from './media.controller';
import { MediaStore } from './media-store.service';

/** The media store (files under MEDIA_DIR) and its HTTP surface. */
@Module({
  controllers: [MediaController],
  providers: [MediaStore],
  exports: [MediaStore],
})
export class MediaModule {}
