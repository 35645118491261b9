import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Library } from './entities/library.entity';
import { LibraryItem } from './entities/library-item.entity';

/** Every statement on the media catalogue (libraries and their items). */
@Injectable()
export class CatalogueRepository {
  constructor(
    @InjectRepository(Library) private readonly libraries: Repository<Library>,
    @InjectRepository(LibraryItem) private readonly items: Repository<LibraryItem>,
  ) {}

  async insertLibrary(library: Library): Promise<Library> {
    return this.libraries.save(this.libraries.create(library));
  }

  findLibrary(id: string): Promise<Library | null> {
    return this.libraries.findOneBy({ id });
  }

  /** The first library (oldest), Audiobookshelf's default library of a user who may see all. */
  async firstLibraryId(): Promise<string | null> {
    const [first] = await this.libraries.find({
      select: { id: true },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 1,
    });
    return first?.id ?? null;
  }

  async insertItem(item: LibraryItem): Promise<LibraryItem> {
    return this.items.save(this.items.create(item));
  }

  findItem(id: string): Promise<LibraryItem | null> {
    return this.items.findOneBy({ id });
  }

  findItems(ids: string[]): Promise<LibraryItem[]> {
    return this.items.findBy({ id: In(ids) });
  }
}
