import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, Repository } from 'typeorm';
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

  /** Every library, in display order (oldest first). */
  allLibraries(): Promise<Library[]> {
    return this.libraries.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The libraries scanned from folders on disk. */
  librariesWithFolders(): Promise<Library[]> {
    return this.libraries.find({ where: { folders: Not('[]') }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async markScanned(id: string, at: number): Promise<void> {
    await this.libraries.update({ id }, { lastScan: at, updatedAt: at });
  }

  /** Every item of a library (the catalogue is read whole to browse, filter and scan it). */
  itemsOfLibrary(libraryId: string): Promise<LibraryItem[]> {
    return this.items.find({ where: { libraryId }, order: { addedAt: 'ASC', id: 'ASC' } });
  }

  async updateItem(item: LibraryItem): Promise<void> {
    const { id, ...fields } = item;
    await this.items.update({ id }, fields);
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
