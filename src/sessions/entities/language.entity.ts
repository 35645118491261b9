import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** ISO 639-1 languages with stable ids (`en` = 1), seeded by a migration. */
@Entity('languages')
export class Language {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Index('IDX_languages_code', { unique: true })
  @Column({ type: 'varchar', length: 8 })
  code: string;
}
