import { Module } from '@nestjs/common';
import { GuidebookMediaController, MediaController } from './media.controller';
import { MediaStore } from './media-store.service';

/** What other modules take uploads with: multer's options into the store, and the cleanup of what is not kept. */
export { mediaUploadOptions } from './media-upload';
export { UploadCleanupInterceptor } from './upload-cleanup.interceptor';
/** How other modules' controllers send a store file (Range, types, the surface's error dialect). */
export { sendMedia } from './media-send';

/** The media store (files under MEDIA_DIR) and its HTTP surface. */
@Module({
  controllers: [MediaController, GuidebookMediaController],
  providers: [MediaStore],
  exports: [MediaStore],
})
export class MediaModule {}
