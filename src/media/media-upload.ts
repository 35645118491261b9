import type { MulterOptions } from '@nestjs/platform-express/multer/interfaces/multer-options.interface';
import { diskStorage } from 'multer';
import type { AppConfig } from '../config/app-config';
import type { MediaStore } from './media-store.service';

/**
 * multer's options for an upload into the media store: one file, written under a random name into the
 * store's `.incoming/` (so the final move is a rename), at most `UPLOAD_MAX_BYTES` (beyond it Nest's 413),
 * with small bounds on the other parts. A module that takes uploads registers `MulterModule` with it.
 */
export function mediaUploadOptions(store: MediaStore, config: AppConfig): MulterOptions {
  return {
    storage: diskStorage({
      destination: store.incomingDir,
      filename: (_req, _file, done) => done(null, store.newName('upload')),
    }),
    limits: {
      fileSize: config.media.uploadMaxBytes,
      files: 1,
      fields: 20,
      fieldSize: 64 * 1024,
      parts: 30,
    },
  };
}
