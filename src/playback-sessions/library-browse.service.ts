import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { microsToMillis } from '../common/time';
import {
  libraryStats,
  parseMedia,
  toLibraryDto,
  toLibraryItemDto,
  toMediaProgressDto,
  toMinifiedItem,
} from './audiobookshelf.mapper';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import type {
  ItemQueryDto,
  LibrariesDto,
  LibrariesQueryDto,
  LibraryDto,
  LibraryItemExpandedDto,
  LibraryItemsPageDto,
  LibraryItemsQueryDto,
  LibraryWithFilterDataDto,
  PersonalizedQueryDto,
  ShelfDto,
} from './dto/catalogue.dto';
import type { Library } from './entities/library.entity';
import type { MediaProgress } from './entities/media-progress.entity';
import { Entry, filterData, flag, includes, matches, parseFilter, sortEntries } from './library-browse.rules';
import { PlaybackSessionsRepository } from './playback-sessions.repository';

/**
 * Browsing Audiobookshelf libraries as the clients do before they play: the library list, one library
 * with its filter data, its items (paged, sorted, filtered), its personalised shelves, and one item with
 * the caller's progress. Every user sees every library; progress is always the caller's own.
 */
@Injectable()
export class LibraryBrowseService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly items: CatalogueService,
    private readonly sessions: PlaybackSessionsRepository,
  ) {}

  async libraries(_auth: AuthUser, query: LibrariesQueryDto): Promise<LibrariesDto> {
    const all = await this.catalogue.allLibraries();
    const stats = includes(query.include, 'stats');
    const libraries: LibraryDto[] = [];
    for (const [i, library] of all.entries()) {
      const dto = toLibraryDto(library, i + 1);
      if (stats) dto.stats = libraryStats(await this.entries(library.id));
      libraries.push(dto);
    }
    return { libraries };
  }

  /** One library; with `include=filterdata`, upstream's wrapper with its filter data and issues. */
  async library(
    _auth: AuthUser,
    id: string,
    query: LibrariesQueryDto,
  ): Promise<LibraryDto | LibraryWithFilterDataDto> {
    const library = await this.libraryOr404(id);
    const dto = toLibraryDto(library, await this.displayOrder(library));
    if (!includes(query.include, 'filterdata')) return dto;
    const filterdata = filterData(await this.entries(library.id));
    return { library: dto, filterdata, issues: filterdata.numIssues, numUserPlaylists: 0 };
  }

  async page(auth: AuthUser, id: string, query: LibraryItemsQueryDto): Promise<LibraryItemsPageDto> {
    const library = await this.libraryOr404(id);
    let entries = await this.entries(library.id);
    const filter = parseFilter(query.filter);
    if (filter !== undefined) {
      const progress = filter?.group === 'progress' ? await this.progressByItem(auth) : new Map();
      entries = filter ? entries.filter((e) => matches(e, filter, progress)) : [];
    }
    const desc = flag(query.desc);
    entries = sortEntries(entries, query.sort, desc);
    const limit = query.limit ?? 0;
    const page = query.page ?? 0;
    const offset = limit ? page * limit : 0;
    const slice = limit ? entries.slice(offset, offset + limit) : entries;
    const minified = flag(query.minified);
    return {
      results: slice.map(({ item, media }) =>
        minified
          ? toMinifiedItem(item, media)
          : (toLibraryItemDto(item, media) as unknown as Record<string, unknown>),
      ),
      total: entries.length,
      limit,
      page,
      sortBy: query.sort ?? null,
      sortDesc: desc,
      filterBy: query.filter ?? null,
      mediaType: library.mediaType,
      minified,
      collapseseries: flag(query.collapseseries),
      include: query.include ?? '',
      offset,
    };
  }

  /**
   * Upstream's home shelves, those with entries: continue listening (the caller's unfinished progress not
   * hidden from it, newest first), recently added, and listen again (finished); a podcast library's continue-listening
   * and newest-episodes shelves are of type `episode`, each entity carrying its `recentEpisode`.
   */
  async personalized(auth: AuthUser, id: string, query: PersonalizedQueryDto): Promise<ShelfDto[]> {
    const library = await this.libraryOr404(id);
    const limit = query.limit ?? 10;
    const entries = await this.entries(library.id);
    const byId = new Map(entries.map((e) => [e.item.id, e]));
    const progress = (await this.sessions.progressOf(auth.id)).filter((p) => byId.has(p.libraryItemId));
    const podcast = library.mediaType === 'podcast';
    const type = podcast ? 'podcast' : 'book';
    const withProgress = (p: MediaProgress) => {
      const entry = byId.get(p.libraryItemId)!;
      const out: Record<string, unknown> = {
        ...toMinifiedItem(entry.item, entry.media),
        progressLastUpdate: microsToMillis(p.lastUpdate),
      };
      if (podcast) out.recentEpisode = entry.media.episodes.find((e) => e.id === p.episodeId) ?? null;
      return out;
    };
    const shelves: ShelfDto[] = [];
    const shelf = (
      key: string,
      label: string,
      labelKey: string,
      kind: string,
      all: Record<string, unknown>[],
    ) => {
      if (all.length)
        shelves.push({
          id: key,
          label,
          labelStringKey: labelKey,
          type: kind,
          entities: all.slice(0, limit),
          total: all.length,
        });
    };
    const unfinished = progress.filter(
      (p) => !p.isFinished && !p.hideFromContinueListening && (p.currentPosition > 0 || p.progress > 0),
    );
    shelf(
      'continue-listening',
      'Continue Listening',
      'LabelContinueListening',
      podcast ? 'episode' : type,
      unfinished.map(withProgress),
    );
    if (podcast) {
      const episodes = entries
        .flatMap((e) => e.media.episodes.map((ep) => ({ e, ep })))
        .sort((a, b) => (b.ep.publishedAt ?? b.ep.addedAt) - (a.ep.publishedAt ?? a.ep.addedAt));
      shelf(
        'newest-episodes',
        'Newest Episodes',
        'LabelNewestEpisodes',
        'episode',
        episodes.map(({ e, ep }) => ({ ...toMinifiedItem(e.item, e.media), recentEpisode: ep })),
      );
    }
    const newest = [...entries].sort(
      (a, b) => b.item.addedAt - a.item.addedAt || (a.item.id < b.item.id ? -1 : 1),
    );
    shelf(
      'recently-added',
      'Recently Added',
      'LabelRecentlyAdded',
      type,
      newest.map((e) => toMinifiedItem(e.item, e.media)),
    );
    const finished = progress.filter((p) => p.isFinished && !p.episodeId);
    shelf('listen-again', 'Listen Again', 'LabelListenAgain', type, finished.map(withProgress));
    return shelves;
  }

  /**
   * One item, always expanded. `include=progress` adds `userMediaProgress` (the caller's, of `episode`
   * for a podcast) when there is one; `rssfeed`, `share` and `downloads` add upstream's empty values.
   */
  async item(auth: AuthUser, id: string, query: ItemQueryDto): Promise<LibraryItemExpandedDto> {
    const item = await this.items.findItem(id);
    if (!item) throw new NotFoundException('Library item not found');
    const out: LibraryItemExpandedDto = toLibraryItemDto(item, parseMedia(item));
    if (includes(query.include, 'progress')) {
      const progress = await this.sessions.findProgress(auth.id, item.id, query.episode ?? '');
      if (progress) out.userMediaProgress = { ...toMediaProgressDto(progress) };
    }
    if (includes(query.include, 'rssfeed')) out.rssFeed = null;
    if (includes(query.include, 'share')) out.mediaItemShare = null;
    if (includes(query.include, 'downloads') && item.mediaType === 'podcast') {
      out.episodeDownloadsQueued = [];
      out.episodesDownloading = [];
    }
    return out;
  }

  private async libraryOr404(id: string): Promise<Library> {
    const library = await this.items.findLibrary(id);
    if (!library) throw new NotFoundException('Library not found');
    return library;
  }

  private async displayOrder(library: Library): Promise<number> {
    return (await this.catalogue.allLibraries()).findIndex((l) => l.id === library.id) + 1;
  }

  private async entries(libraryId: string): Promise<Entry[]> {
    return (await this.catalogue.itemsOfLibrary(libraryId)).map((item) => ({
      item,
      media: parseMedia(item),
    }));
  }

  /** The caller's book progress by item id (filters by progress state). */
  private async progressByItem(auth: AuthUser): Promise<Map<string, MediaProgress>> {
    const rows = await this.sessions.progressOf(auth.id);
    return new Map(rows.filter((p) => !p.episodeId).map((p) => [p.libraryItemId, p]));
  }
}
