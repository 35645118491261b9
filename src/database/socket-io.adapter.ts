import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Pool } from 'pg';
import type { Server, ServerOptions } from 'socket.io';
import { DataSource } from 'typeorm';
import { driverHandles } from './driver-handles';

/** Where the PostgreSQL adapter keeps payloads too large for a NOTIFY (8,000 bytes) or binary. */
const ATTACHMENTS = 'socket_io_attachments';

/**
 * socket.io servers of the app. On PostgreSQL every server gets `@socket.io/postgres-adapter`, which relays
 * room broadcasts between instances over LISTEN/NOTIFY on the app's own pool, so a socket on one instance
 * hears what another instance emits to its room. On SQLite (one process) the default in-memory adapter.
 */
export class HubIoAdapter extends IoAdapter {
  private constructor(
    app: INestApplicationContext,
    private readonly pool: Pool | undefined,
  ) {
    super(app);
  }

  /** The adapter for `app`; on PostgreSQL its attachments table is created first (idempotent). */
  static async create(app: INestApplicationContext): Promise<HubIoAdapter> {
    const { pool } = driverHandles(app.get(DataSource));
    if (pool) {
      await pool.query(
        `CREATE TABLE IF NOT EXISTS ${ATTACHMENTS} (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`,
      );
    }
    return new HubIoAdapter(app, pool);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.pool) server.adapter(createAdapter(this.pool, { tableName: ATTACHMENTS }));
    return server;
  }
}
