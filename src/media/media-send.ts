import type { Response } from 'express';
import { AUDIO_TYPES, IMAGE_TYPES } from './media-store.service';

/**
 * Sends a media store file (an absolute path `MediaStore.resolveExisting` answered) with Express's
 * `res.sendFile` (the `send` library): Range requests (206 with `Content-Range`, 416 with
 * `Content-Range: bytes (star)/size` for an unsatisfiable range), `Accept-Ranges`, `Content-Length`,
 * `Last-Modified`. Headers: the audio or image type by extension, `Cross-Origin-Resource-Policy: cross-origin`
 * (an <audio> element of an app on another origin loads it), `Cache-Control: private, max-age=3600`.
 * `null` (no such file in the store) answers 404. Errors are in the surface's dialect: DRF's `{"detail"}`, or
 * Audiobookshelf's plain text.
 */
export async function sendMedia(
  res: Response,
  path: string | null,
  dialect: 'drf' | 'text' = 'drf',
): Promise<void> {
  const refuse = (status: 404 | 416) => {
    if (dialect === 'text')
      res
        .status(status)
        .type('text/plain')
        .send(status === 404 ? 'Not Found' : 'Range Not Satisfiable');
    else
      res.status(status).json({ detail: status === 404 ? 'Not found.' : 'Requested range not satisfiable.' });
  };
  if (!path) {
    refuse(404);
    return;
  }
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  await new Promise<void>((done) => {
    res.sendFile(
      path,
      {
        acceptRanges: true,
        cacheControl: false,
        etag: false,
        lastModified: true,
        dotfiles: 'allow',
        headers: {
          'Content-Type': AUDIO_TYPES[ext] ?? IMAGE_TYPES[ext] ?? 'application/octet-stream',
          'Cache-Control': 'private, max-age=3600',
          'Cross-Origin-Resource-Policy': 'cross-origin',
        },
      },
      (err?: Error & { status?: number; headers?: Record<string, string> }) => {
        if (err && !res.headersSent) {
          if (err.status === 416) {
            res.set('Content-Range', err.headers?.['Content-Range'] ?? '');
            refuse(416);
          } else refuse(404);
        } else if (err) res.destroy(err);
        done();
      },
    );
  });
}
