import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';

/** The statements of the health probe. */
@Injectable()
export class HealthRepository {
  constructor(private readonly sql: Sql) {}

  /** One round trip to the database. */
  async ping(): Promise<void> {
    await this.sql.one('SELECT 1 AS ok');
  }
}
