import { Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { setImmediate as nextTick } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { EventTag } from './entities/event-tag.entity';
import { EventType } from './entities/event-type.entity';
import { Event } from './entities/event.entity';
import { NewEventRow, tagIdsText } from './event-input';

interface SqliteStatements {
  db: Database.Database;
  write: (rows: NewEventRow[], known: Map<string, number>) => { ids: number[]; types: Map<string, number> };
}

/** Rows per multi-row INSERT on SQLite (8 parameters each, far below its 32,766 limit). */
const ROWS_PER_INSERT = 100;

/** Rows per multi-row INSERT of tags on PostgreSQL (2 parameters each, far below its 65,535 limit). */
const TAG_CHUNK = 5000;

/**
 * Writes events, all or nothing, on both engines — the one hot write path of the module.
 *
 * SQLite: TypeORM shares a single better-sqlite3 connection, so two `dataSource.transaction()` calls
 * that await in between would interleave inside one SQLite transaction. Here a write is one synchronous
 * better-sqlite3 transaction with prepared statements: nothing else can run on the event loop while it
 * is open, so concurrent requests are serialised by construction (and it is several times faster than
 * going through the ORM). If another module's TypeORM transaction is open at that moment, the write
 * waits for it to finish instead of joining it.
 *
 * PostgreSQL: a TypeORM transaction on a pooled connection, one multi-row INSERT per table.
 *
 * Event type names are resolved to ids through `event_types` (created on first use) and cached in
 * memory once committed; an id never changes, so the cache is safe across instances.
 */
@Injectable()
export class EventStore {
  private readonly typeIds = new Map<string, number>();
  private sqlite?: SqliteStatements;

  constructor(private readonly dataSource: DataSource) {}

  /** Stores `rows` in one transaction; returns their ids in order. */
  async insert(rows: NewEventRow[]): Promise<number[]> {
    if (this.dataSource.options.type === 'better-sqlite3') {
      const sqlite = this.sqliteStatements();
      while (sqlite.db.inTransaction) await nextTick();
      const { ids, types } = sqlite.write(rows, this.typeIds);
      for (const [name, id] of types) this.typeIds.set(name, id);
      return ids;
    }
    const { ids, types } = await this.dataSource.transaction(async (manager) => {
      const types = await this.resolveTypes(manager, rows);
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Event)
        .values(
          rows.map((row) => ({
            sessionId: row.sessionId,
            eventTypeId: types.get(row.eventType)!,
            serverTime: row.serverTime,
            clientTime: row.clientTime,
            data: row.data,
            latitude: row.latitude,
            longitude: row.longitude,
            tagIds: tagIdsText(row.tagIds),
          })),
        )
        .execute();
      const ids = result.identifiers.map((identifier) => Number(identifier.id));
      const tags = rows.flatMap((row, i) => row.tagIds.map((tagId) => ({ eventId: ids[i], tagId })));
      for (let i = 0; i < tags.length; i += TAG_CHUNK) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(EventTag)
          .values(tags.slice(i, i + TAG_CHUNK))
          .execute();
      }
      return { ids, types };
    });
    // Cached only after the commit: a rolled-back insert of a new type leaves no row behind.
    for (const [name, id] of types) this.typeIds.set(name, id);
    return ids;
  }

  private async resolveTypes(manager: EntityManager, rows: NewEventRow[]): Promise<Map<string, number>> {
    const resolved = new Map<string, number>();
    for (const name of new Set(rows.map((row) => row.eventType))) {
      let id = this.typeIds.get(name);
      if (id === undefined) {
        await manager.createQueryBuilder().insert().into(EventType).values({ name }).orIgnore().execute();
        const row = await manager
          .createQueryBuilder(EventType, 't')
          .select('t.id', 'id')
          .where('t.name = :name', { name })
          .getRawOne<{ id: number }>();
        id = Number(row!.id);
      }
      resolved.set(name, id);
    }
    return resolved;
  }

  private sqliteStatements(): SqliteStatements {
    if (this.sqlite) return this.sqlite;
    const db = (this.dataSource.driver as unknown as { databaseConnection: Database.Database })
      .databaseConnection;
    const insertType = db.prepare('INSERT OR IGNORE INTO event_types (name) VALUES (?)');
    const selectType = db.prepare<[string], { id: number }>('SELECT id FROM event_types WHERE name = ?');
    // Multi-row INSERTs (ROWS_PER_INSERT rows, 8 values each): one statement per chunk instead of one per
    // row. Statements are prepared once per chunk length and kept.
    const eventInserts = new Map<number, Database.Statement>();
    const insertEvents = (n: number) => {
      let statement = eventInserts.get(n);
      if (!statement) {
        statement = db.prepare(
          'INSERT INTO events (session_id, event_type_id, server_time, client_time, data, latitude, longitude, tag_ids) ' +
            `VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} RETURNING id`,
        );
        eventInserts.set(n, statement);
      }
      return statement;
    };
    const tagInserts = new Map<number, Database.Statement>();
    const insertTags = (n: number) => {
      let statement = tagInserts.get(n);
      if (!statement) {
        statement = db.prepare(
          `INSERT INTO event_tags (event_id, tag_id) VALUES ${Array.from({ length: n }, () => '(?, ?)').join(', ')}`,
        );
        tagInserts.set(n, statement);
      }
      return statement;
    };
    const write = db.transaction((rows: NewEventRow[], known: Map<string, number>) => {
      const types = new Map<string, number>();
      const ids: number[] = [];
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        const chunk = rows.slice(start, start + ROWS_PER_INSERT);
        const values: unknown[] = [];
        for (const row of chunk) {
          let typeId = known.get(row.eventType) ?? types.get(row.eventType);
          if (typeId === undefined) {
            insertType.run(row.eventType);
            typeId = selectType.get(row.eventType)!.id;
            types.set(row.eventType, typeId);
          }
          values.push(
            row.sessionId,
            typeId,
            row.serverTime,
            row.clientTime,
            row.data,
            row.latitude,
            row.longitude,
            tagIdsText(row.tagIds),
          );
        }
        // RETURNING yields the rows in the order of VALUES (SQLite inserts them in that order)
        const returned = insertEvents(chunk.length).all(...values) as { id: number }[];
        const chunkIds = returned.map((r) => Number(r.id));
        ids.push(...chunkIds);
        const tags: number[] = [];
        chunk.forEach((row, i) => {
          for (const tagId of row.tagIds) tags.push(chunkIds[i], tagId);
        });
        for (let t = 0; t < tags.length; t += 2 * ROWS_PER_INSERT) {
          const part = tags.slice(t, t + 2 * ROWS_PER_INSERT);
          insertTags(part.length / 2).run(...part);
        }
      }
      return { ids, types };
    });
    this.sqlite = { db, write };
    return this.sqlite;
  }
}
