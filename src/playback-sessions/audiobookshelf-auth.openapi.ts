import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiAbsErrors, ApiJsonOrFormBody } from '../common/api-responses';
import { LoginDto } from '../auth/dto/auth.dto';
import { AbsLoginResponseDto, AbsLogoutDto, AbsPingDto, AbsStatusDto, AbsUserDto } from './dto/abs-auth.dto';

/* The OpenAPI prose of Audiobookshelf's connect flow (AudiobookshelfAuthController), one decorator per route. */

const PAYLOAD =
  'The login payload every client reads: `user` (with `mediaProgress`), `userDefaultLibraryId`, ' +
  '`serverSettings` (`language`, `version`), `ereaderDevices`, `Source`.';

const REFRESH_COOKIE =
  'Without `x-return-tokens: true` the refresh JWT is set as the httpOnly `refresh_token` cookie ' +
  '(path `/audiobookshelf`, SameSite=Strict) instead, as upstream does for its web client.';

export const AbsStatusDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsStatus',
      summary: 'Server status (the first call of every client)',
      description:
        "What the apps check before they offer a login: `isInit` and `language` present, `isInit` true. The hub's " +
        'admin exists from the first start, so it is always initialised; the only auth method is `local`.',
    }),
    ApiOkResponse({ type: AbsStatusDto, description: 'The status' }),
  );

export const AbsPingDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'pingAbs',
      summary: 'Liveness check of a saved server',
      description: '`{success: true}`.',
    }),
    ApiOkResponse({ type: AbsPingDto, description: 'Alive' }),
  );

export const AbsLoginDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'audiobookshelfLogin',
      summary: 'Audiobookshelf-style login',
      description:
        "Audiobookshelf's `POST /login`. `user.accessToken` (an access JWT, JWT_EXPIRES_IN, 1 h by default) goes " +
        'in `Authorization: Bearer <token>`; with the header `x-return-tokens: true` (the apps) ' +
        '`user.refreshToken` is a refresh JWT for `POST /audiobookshelf/auth/refresh`. ' +
        `${REFRESH_COOKIE} ${PAYLOAD} Errors are plain text; failed logins share the 429 limit of the other logins.`,
    }),
    ApiHeader({
      name: 'x-return-tokens',
      required: false,
      description: '`true`: the refresh JWT in the answer',
    }),
    ApiJsonOrFormBody(LoginDto),
    ApiOkResponse({ type: AbsLoginResponseDto, description: 'The login payload with its tokens' }),
    ApiAbsErrors(
      {
        status: 401,
        description: 'Wrong username or password (the same body for both)',
        example: 'No active account found with the given credentials',
      },
      429,
    ),
  );

export const AbsRefreshDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'refreshAbsToken',
      summary: 'A new access JWT (and refresh JWT) for a refresh JWT',
      description:
        'The refresh JWT comes in the header `x-refresh-token` (the apps; the new one is then in ' +
        '`user.refreshToken`) or in the `refresh_token` cookie (then the new one replaces the cookie). A ' +
        'refresh JWT works once: the answer carries its successor. Expired, used, logged-out or revoked ' +
        `refresh JWTs answer 401, and so does a call without one. No body is read. ${PAYLOAD}`,
    }),
    ApiHeader({ name: 'x-refresh-token', required: false, description: 'The refresh JWT' }),
    ApiOkResponse({ type: AbsLoginResponseDto, description: 'The login payload with new tokens' }),
    ApiAbsErrors({
      status: 401,
      description: 'No refresh JWT, or not a live one',
      example: 'No refresh token provided',
    }),
  );

export const AbsLogoutDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'logoutAbs',
      summary: 'Log out this device',
      description:
        'Ends the refresh session named by the `refresh_token` cookie or the `x-refresh-token` header (its ' +
        'refresh JWT stops working) and clears the cookie. Access JWTs already issued stay valid until they ' +
        'expire (use `POST /auth/logout` to refuse them all). Answers `{redirect_url: null}` even without a token.',
    }),
    ApiHeader({ name: 'x-refresh-token', required: false, description: 'The refresh JWT to end' }),
    ApiOkResponse({ type: AbsLogoutDto, description: 'Logged out' }),
  );

export const AbsAuthorizeDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'authorizeAbs',
      summary: 'The login payload for the credential in use',
      description: `How a client with a saved token checks it and reloads its user. ${PAYLOAD} No tokens in it.`,
    }),
    ApiOkResponse({ type: AbsLoginResponseDto, description: 'The login payload' }),
  );

export const AbsMeDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsMe',
      summary: 'The caller as an Audiobookshelf user',
      description: 'The user with its `mediaProgress` (most recently updated first).',
    }),
    ApiOkResponse({ type: AbsUserDto, description: 'The caller' }),
  );
