import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool, type PoolConfig } from 'pg';
import type { Server, ServerOptions } from 'socket.io';
import { DataSource } from 'typeorm';
import { driverHandles } from './driver-handles';

/**
 * Where the PostgreSQL adapter keeps payloads too large for a NOTIFY (8,000 bytes) or binary; created by
 * the migration `1763800040000-SocketIoAttachments` (PostgreSQL only).
 */
export const SOCKET_IO_ATTACHMENTS = 'socket_io_attachments';

/**
 * socket.io servers of the app. On PostgreSQL every server gets `@socket.io/postgres-adapter`, which relays
 * room broadcasts between instances over LISTEN/NOTIFY, so a socket on one instance hears what another
 * instance emits to its room. The adapter has a small pool of its own (its LISTEN connection is held for
 * good), made from the app's connection settings and ended when the app closes, so it never holds a
 * connection of the app's pool (which could then never be ended). On SQLite (one process) the default
 * in-memory adapter.
 */
export class HubIoAdapter extends IoAdapter {
  private readonly logger = new Logger(HubIoAdapter.name);

  private constructor(
    app: INestApplicationContext,
    private readonly pool: Pool | undefined,
  ) {
    super(app);
    pool?.on('error', (error) => this.logger.warn(`socket.io adapter connection: ${error.message}`));
  }

  static create(app: INestApplicationContext): HubIoAdapter {
    const { pool } = driverHandles(app.get(DataSource));
    const settings = pool && (pool as unknown as { options: PoolConfig }).options;
    return new HubIoAdapter(app, settings ? new Pool({ ...settings, max: 2 }) : undefined);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.pool) server.adapter(createAdapter(this.pool, { tableName: SOCKET_IO_ATTACHMENTS }));
    return server;
  }

  private ended?: Promise<void>;

  /** Ends the adapter's pool once, however many times the app is closed. */
  override dispose(): Promise<void> {
    this.ended ??= this.pool?.end() ?? Promise.resolve();
    return this.ended;
  }
}
