/**
 * Real audio files written by the tests (never downloaded), for the library scanner to read: WAV with
 * RIFF INFO tags, and MP3 (MPEG-1 Layer III frames of silence) with an ID3v2.3 tag (title, artist,
 * album, composer, genre, an embedded cover). Durations are exact for WAV and to a frame (26 ms) for MP3.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export { PNG_1PX } from '../utils/image-fixtures';

export interface Tags {
  title?: string;
  artist?: string;
  album?: string;
  composer?: string;
  genre?: string;
}

function riffChunk(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'ascii');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** `samples` of a 440 Hz sine at `rate`, 16-bit little-endian. */
function tone(samples: number, rate: number): Buffer {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  return data;
}

/** PCM WAV (a 440 Hz tone), 8 kHz mono 16-bit, `seconds` long, with INFO tags (INAM title, IART artist, IPRD album, IGNR genre). */
export function wavFile(seconds: number, tags: Tags = {}): Buffer {
  const rate = 8000;
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * 2, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  const info: [string, string | undefined][] = [
    ['INAM', tags.title],
    ['IART', tags.artist],
    ['IPRD', tags.album],
    ['IGNR', tags.genre],
  ];
  const entries = info
    .filter(([, v]) => v !== undefined)
    .map(([id, v]) => riffChunk(id, Buffer.from(`${v}\0`, 'latin1')));
  const list = entries.length ? [riffChunk('LIST', Buffer.concat([Buffer.from('INFO'), ...entries]))] : [];
  const body = Buffer.concat([
    Buffer.from('WAVE'),
    riffChunk('fmt ', fmt),
    ...list,
    riffChunk('data', tone(Math.round(seconds * rate), rate)),
  ]);
  return Buffer.concat([Buffer.from('RIFF'), Buffer.from(new Uint32Array([body.length]).buffer), body]);
}

function id3Frame(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(10);
  head.write(id, 0, 'ascii');
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

const text = (value: string) => Buffer.concat([Buffer.from([0]), Buffer.from(value, 'latin1')]);

/** MP3: an ID3v2.3 tag (TIT2, TPE1, TALB, TCOM, TCON, APIC) and `seconds` of MPEG-1 Layer III silence at 128 kb/s. */
export function mp3File(seconds: number, tags: Tags = {}, cover?: Buffer): Buffer {
  const frames: Buffer[] = [];
  if (tags.title) frames.push(id3Frame('TIT2', text(tags.title)));
  if (tags.artist) frames.push(id3Frame('TPE1', text(tags.artist)));
  if (tags.album) frames.push(id3Frame('TALB', text(tags.album)));
  if (tags.composer) frames.push(id3Frame('TCOM', text(tags.composer)));
  if (tags.genre) frames.push(id3Frame('TCON', text(tags.genre)));
  if (cover) {
    frames.push(
      id3Frame(
        'APIC',
        Buffer.concat([Buffer.from([0]), Buffer.from('image/png\0', 'latin1'), Buffer.from([3, 0]), cover]),
      ),
    );
  }
  const body = Buffer.concat(frames);
  const size = body.length;
  const syncsafe = Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);
  const header = Buffer.concat([Buffer.from('ID3'), Buffer.from([3, 0, 0]), syncsafe]);
  // 128 kb/s, 44.1 kHz, mono, no padding: 417 bytes and 1152 samples per frame.
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0xc0]);
  const count = Math.max(1, Math.round((seconds * 44100) / 1152));
  return Buffer.concat([header, body, ...Array.from({ length: count }, () => frame)]);
}

/** Writes `data` at `path`, creating its folders. */
export function put(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}
