import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative as relativePath, resolve, sep } from 'node:path';
import { AppConfig } from '../config/app-config';

/** Audio types the store serves, by extension (also what an upload may be). */
export const AUDIO_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  webm: 'audio/webm',
  flac: 'audio/flac',
};

/** The extension for an upload's declared media type (`audio/x-wav` → `wav`), or undefined when it is not audio we store. */
export function audioExtensionOf(mimeType: string): string | undefined {
  const type = mimeType.split(';')[0].trim().toLowerCase();
  const aliases: Record<string, string> = {
    'audio/wav': 'wav',
    'audio/x-wav': 'wav',
    'audio/wave': 'wav',
    'audio/vnd.wave': 'wav',
    'audio/mpeg': 'mp3',
    'audio/mp3': 'mp3',
    'audio/mp4': 'm4a',
    'audio/x-m4a': 'm4a',
    'audio/m4a': 'm4a',
    'audio/aac': 'aac',
    'audio/ogg': 'ogg',
    'audio/opus': 'opus',
    'audio/webm': 'webm',
    'video/webm': 'webm',
    'audio/flac': 'flac',
    'audio/x-flac': 'flac',
  };
  return aliases[type];
}

/** Image types the store serves, by extension (Guidebook session images: PNG and JPEG only, as Guidebook). */
export const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg' };

/** The image extension of a file's first bytes (its signature): `png`, `jpg`, or undefined for anything else. */
export function imageExtensionOf(head: Buffer): 'png' | 'jpg' | undefined {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpg';
  return undefined;
}

/** The folder of Roundware asset uploads inside the store. */
export const ROUNDWARE_FOLDER = 'roundware';
/** The folder of Guidebook session images inside the store. */
export const GUIDEBOOK_FOLDER = 'guidebook';
const INCOMING_FOLDER = '.incoming';

/**
 * The media store: files under `MEDIA_DIR` and nowhere else. A relative name is resolved against the
 * root and must stay inside it after resolution and after following symbolic links (a link pointing
 * outside answers as missing). Uploads land in `.incoming/` under a random name and are moved to their
 * final name only once the database row that names them is committed (`commit`), or removed (`discard`).
 * Serving is `sendMedia` (media-send.ts), used by the controllers that expose files.
 */
@Injectable()
export class MediaStore {
  readonly root: string;

  constructor(config: AppConfig) {
    this.root = resolve(config.media.dir);
    mkdirSync(join(this.root, ROUNDWARE_FOLDER), { recursive: true });
    mkdirSync(join(this.root, GUIDEBOOK_FOLDER), { recursive: true });
    mkdirSync(join(this.root, INCOMING_FOLDER), { recursive: true });
  }

  /** Where multer writes uploads (inside the store, so the final move is a rename on one file system). */
  get incomingDir(): string {
    return join(this.root, INCOMING_FOLDER);
  }

  /** A fresh unguessable file name (128 random bits) with `ext`. */
  newName(ext: string): string {
    return `${randomBytes(16).toString('base64url')}.${ext}`;
  }

  /**
   * The absolute path of `relative` if it names a regular file inside the store (symbolic links
   * followed, and the target still inside), else null.
   */
  async resolveExisting(relative: string): Promise<string | null> {
    const lexical = this.lexical(relative);
    if (!lexical) return null;
    try {
      const [real, realRoot] = await Promise.all([realpath(lexical), realpath(this.root)]);
      if (!real.startsWith(realRoot + sep)) return null;
      return (await stat(real)).isFile() ? real : null;
    } catch {
      return null;
    }
  }

  /**
   * The absolute path of `relative` if it names a directory inside the store (symbolic links followed,
   * and the target still inside), else null.
   */
  async resolveDirectory(relative: string): Promise<string | null> {
    const lexical = this.lexical(relative);
    if (!lexical) return null;
    try {
      const [real, realRoot] = await Promise.all([realpath(lexical), realpath(this.root)]);
      if (!real.startsWith(realRoot + sep)) return null;
      return (await stat(real)).isDirectory() ? real : null;
    } catch {
      return null;
    }
  }

  /**
   * A folder a feature may own inside the store, given as a path relative to the root or an absolute path
   * under it: its normalised relative form (`books/fiction`), created if missing, or null when it is the
   * root itself, leaves the store, or lies in a folder the store keeps for itself (uploads, Roundware,
   * Guidebook, staging, dot folders).
   */
  async claimFolder(path: string): Promise<string | null> {
    if (!path || path.includes('\0')) return null;
    const absolute = resolve(this.root, path);
    const relative = relativePath(this.root, absolute).split(sep).join('/');
    if (!relative || relative.startsWith('..') || isAbsolute(relative)) return null;
    const top = relative.split('/')[0];
    if (top.startsWith('.') || top === ROUNDWARE_FOLDER || top === GUIDEBOOK_FOLDER) return null;
    await mkdir(absolute, { recursive: true });
    return (await this.resolveDirectory(relative)) ? relative : null;
  }

  /** Writes `data` to `relative` (a new name inside the store, its folder created). */
  async write(relative: string, data: Uint8Array): Promise<void> {
    const target = this.lexical(relative);
    if (!target) throw new Error('media path outside the store');
    await mkdir(resolve(target, '..'), { recursive: true });
    await writeFile(target, data, { flag: 'wx' });
  }

  /** Moves an upload from `.incoming/` to `relative` (a new name inside the store). */
  async commit(tempPath: string, relative: string): Promise<void> {
    const target = this.lexical(relative);
    const temp = resolve(tempPath);
    if (!target || !temp.startsWith(this.incomingDir + sep)) throw new Error('media path outside the store');
    await rename(temp, target);
  }

  /** The first `bytes` bytes of an upload in `.incoming/` (to sniff its type). */
  async headOf(tempPath: string, bytes = 16): Promise<Buffer> {
    const temp = resolve(tempPath);
    if (!temp.startsWith(this.incomingDir + sep)) throw new Error('media path outside the store');
    const file = await open(temp, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await file.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  /** Removes an upload that will not be kept (missing is fine). */
  async discard(tempPath: string | undefined): Promise<void> {
    if (!tempPath) return;
    const temp = resolve(tempPath);
    if (!temp.startsWith(this.incomingDir + sep)) return;
    await unlink(temp).catch(() => undefined);
  }

  /** Removes a stored file (missing is fine). */
  async remove(relative: string): Promise<void> {
    const path = this.lexical(relative);
    if (path) await unlink(path).catch(() => undefined);
  }

  /** `relative` resolved under the root without touching the disk, or null if it would leave it. */
  private lexical(relative: string): string | null {
    if (!relative || relative.includes('\0') || isAbsolute(relative)) return null;
    const path = resolve(this.root, relative);
    return path.startsWith(this.root + sep) ? path : null;
  }
}
