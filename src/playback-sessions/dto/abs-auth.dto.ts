import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MediaProgressDto } from './sessions.dto';

/** What `GET /audiobookshelf/status` answers (the apps check `isInit` and `language` before anything else). */
export class AbsStatusDto {
  @ApiProperty({ example: 'audiobookshelf' }) app: string;
  @ApiProperty({ example: '2.26.0', description: 'The Audiobookshelf API version the hub speaks' })
  serverVersion: string;
  @ApiProperty({ description: 'Always true: the hub has its admin from the first start' }) isInit: boolean;
  @ApiProperty({ example: 'en-us' }) language: string;
  @ApiProperty({ type: [String], example: ['local'] }) authMethods: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      authLoginCustomMessage: null,
      authOpenIDButtonText: 'Login with OpenId',
      authOpenIDAutoLaunch: false,
    },
  })
  authFormData: Record<string, unknown>;
}

export class AbsPingDto {
  @ApiProperty({ example: true }) success: boolean;
}

/** Server settings without secrets, the fields the web client and the apps read. */
export class AbsServerSettingsDto {
  @ApiProperty({ example: 'server-settings' }) id: string;
  @ApiProperty({ example: 'en-us' }) language: string;
  @ApiProperty({ example: '2.26.0' }) version: string;
  @ApiProperty() chromecastEnabled: boolean;
  @ApiProperty({ example: 'MM/dd/yyyy' }) dateFormat: string;
  @ApiProperty({ example: 'HH:mm' }) timeFormat: string;
  @ApiProperty({ example: 1 }) homeBookshelfView: number;
  @ApiProperty({ example: 1 }) bookshelfView: number;
  @ApiProperty() sortingIgnorePrefix: boolean;
  @ApiProperty({ type: [String], example: ['the', 'a'] }) sortingPrefixes: string[];
  @ApiProperty({ type: [String], example: ['local'] }) authActiveAuthMethods: string[];
  @ApiProperty({ description: 'True: the hub does not watch library folders' })
  scannerDisableWatcher: boolean;
  @ApiProperty({ example: 'UTC' }) timeZone: string;
}

export class AbsUserDto {
  @ApiProperty({ example: '1' }) id: string;
  @ApiProperty({ example: 'root' }) username: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ enum: ['root', 'admin', 'user'], enumName: 'AbsUserType' }) type: 'root' | 'admin' | 'user';
  @ApiProperty({
    description:
      "Upstream's legacy non-expiring token. Always empty: the hub has none, so clients use `accessToken` " +
      '(and refresh it); it never equals the access token, which apps would take for an old token.',
    example: '',
  })
  token: string;
  @ApiProperty({ description: 'Always false (there are no legacy tokens)' }) isOldToken: boolean;
  @ApiProperty({ type: [MediaProgressDto] }) mediaProgress: MediaProgressDto[];
  @ApiProperty({ type: [String] }) seriesHideFromContinueListening: string[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  bookmarks: Record<string, unknown>[];
  @ApiProperty() isActive: boolean;
  @ApiProperty() isLocked: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Epoch milliseconds' }) lastSeen:
    number | null;
  @ApiProperty({ description: 'Epoch milliseconds' }) createdAt: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'boolean' } }) permissions: Record<
    string,
    boolean
  >;
  @ApiProperty({ type: [String], description: 'Empty: every user may see every library' })
  librariesAccessible: string[];
  @ApiProperty({ type: [String] }) itemTagsSelected: string[];
  @ApiProperty() hasOpenIDLink: boolean;
  @ApiPropertyOptional({ description: 'Access JWT (1 h by default): on login and refresh only' })
  accessToken?: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Refresh JWT, on login with `x-return-tokens: true` and on refresh with `x-refresh-token`; else null ' +
      '(the web client gets it as the httpOnly `refresh_token` cookie)',
  })
  refreshToken?: string | null;
}

/** The one payload of `/login`, `/auth/refresh` and `/api/authorize`. */
export class AbsLoginResponseDto {
  @ApiProperty({ type: AbsUserDto }) user: AbsUserDto;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The first library, or null without any',
  })
  userDefaultLibraryId: string | null;
  @ApiProperty({ type: AbsServerSettingsDto }) serverSettings: AbsServerSettingsDto;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, example: [] })
  ereaderDevices: Record<string, unknown>[];
  @ApiProperty({ example: 'sessions-hub' }) Source: string;
}

export class AbsLogoutDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Always null (no OpenID provider)' })
  redirect_url: string | null;
}
