import { applyDecorators } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
} from '@nestjs/swagger';
import { ApiArray, ApiDrfErrors, ApiDrfPage, ApiJsonOrFormBody } from '../common/api-responses';
import {
  ApiKeyDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  UserDto,
} from './dto/auth.dto';
import {
  AccessTokenDto,
  RefreshDto,
  RegisterDeviceDto,
  RegisteredDeviceDto,
  TokenPairDto,
  VerifyTokenDto,
} from './dto/surface-auth.dto';

/*
 * The OpenAPI prose and examples of the auth module's routes, one composed decorator per route: our own
 * `/auth` and `/users`, AERPAW's `/api/token/`, Roundware's `POST /api/2/users/` and Audiobookshelf's login.
 */

/** A refused password login: the same body for an unknown user and a wrong password. */
const WRONG_PASSWORD = {
  status: 401,
  description: 'Wrong username or password (the same body for both)',
  example: { detail: 'No active account found with the given credentials' },
};

/** A password login on a DRF surface: the body, the answer, the 401 and the failure limit's 429. */
const PasswordLogin = (okType: new () => unknown, okDescription: string) =>
  applyDecorators(
    ApiJsonOrFormBody(LoginDto),
    ApiOkResponse({ type: okType, description: okDescription }),
    ApiDrfErrors(WRONG_PASSWORD, 429),
  );

// ---------------------------------------------------------------- /auth

export const LoginDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'login',
      summary: 'Log in with username and password; returns an access JWT',
      description:
        'Exchanges a username and password for a short-lived access JWT, usable with every header scheme of ' +
        'every surface. A wrong password and an unknown user answer the same 401; after LOGIN_MAX_FAILURES ' +
        'failures from one client address in LOGIN_WINDOW_SECONDS the address gets 429 (other addresses are ' +
        'not affected), and so does a login beyond the queue of password checks (LOGIN_HASH_QUEUE).',
    }),
    PasswordLogin(LoginResponseDto, 'The access JWT and the user'),
  );

export const LogoutDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'logoutEverywhere',
      summary: 'Log out everywhere: refuse every JWT of the caller issued until now',
      description:
        "Revokes all the caller's access and refresh JWTs (every session, every surface), including the one " +
        'used for this call; log in again for a new one. API keys are not affected (revoke them one by one).',
    }),
    ApiNoContentResponse({ description: 'Logged out' }),
  );

export const MeDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getMe',
      summary: 'The caller',
      description: 'Who the credential belongs to, and whether it is an access JWT or an API key.',
    }),
    ApiOkResponse({ type: MeDto, description: 'The caller' }),
  );

export const CreateApiKeyDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'createApiKey',
      summary: 'Create an API key (shown once)',
      description:
        'A long-lived, revocable credential of the caller, usable with every header scheme. The key is in this ' +
        'answer only: the server stores its hash. A user holds at most MAX_API_KEYS_PER_USER keys (409 beyond).',
    }),
    ApiJsonOrFormBody(CreateApiKeyDto),
    ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The new key' }),
    ApiDrfErrors({
      status: 409,
      description: 'The caller already holds MAX_API_KEYS_PER_USER keys',
      example: { detail: 'You already have 50 API keys, the most allowed. Revoke one first.' },
    }),
  );

export const ListApiKeysDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listApiKeys',
      summary: "The caller's API keys (without the keys themselves)",
      description: "Every API key of the caller, oldest first, with the key's first characters only.",
    }),
    ApiArray(ApiKeyDto, "The caller's API keys"),
  );

export const RevokeApiKeyDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'revokeApiKey',
      summary: 'Revoke one of your API keys (refused at once)',
      description: "Deletes one of the caller's API keys; another user's key answers 404.",
    }),
    ApiNoContentResponse({ description: 'Revoked' }),
  );

// ---------------------------------------------------------------- /users (admin)

export const CreateUserDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'createUser',
      summary: 'Create a user (admin)',
      description: 'Creates a user who can then log in. A taken username answers 400 on `username`.',
    }),
    ApiCreatedResponse({ type: UserDto, description: 'The new user' }),
  );

export const ListUsersDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listUsers',
      summary: 'List users (admin)',
      description: 'Every user, by id, 50 per page unless `page_size` says otherwise.',
    }),
    ApiDrfPage(UserDto, 'Users'),
  );

export const GetUserDocs = () =>
  applyDecorators(
    ApiOperation({ operationId: 'getUser', summary: 'One user (admin)', description: 'One user by id.' }),
    ApiOkResponse({ type: UserDto, description: 'The user' }),
  );

export const UpdateUserDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'updateUser',
      summary: "Change a user's username, role or password (admin)",
      description:
        'Changes the given fields only. An admin cannot take the admin role away from themselves (400). ' +
        'Usernames are unique regardless of case (400 on `username`). A device user stays a plain `user` ' +
        'without a password (400 on `role` / `password`). A new password or a lower role refuses the ' +
        "user's earlier JWTs.",
    }),
    ApiOkResponse({ type: UserDto, description: 'The updated user' }),
  );

export const RevokeUserTokensDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'revokeUserTokens',
      summary: 'Refuse every JWT of a user issued until now (admin)',
      description:
        "Revokes the user's access and refresh JWTs on every surface; they log in again for new ones. " +
        'API keys are not affected.',
    }),
    ApiNoContentResponse({ description: 'Revoked' }),
  );

export const DeleteUserDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'deleteUser',
      summary: 'Delete a user and everything they own (admin)',
      description:
        'Deletes the user, their API keys and their data; their credentials stop working at once. An admin cannot delete themselves (400).',
    }),
    ApiNoContentResponse({ description: 'Deleted' }),
    ApiDrfErrors({
      status: 400,
      description: 'An admin tried to delete themselves',
      example: { detail: 'You cannot delete yourself.' },
    }),
  );

// ---------------------------------------------------------------- AERPAW /api/token/

export const ObtainTokenPairDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'obtainTokenPair',
      summary: 'Obtain an access and a refresh JWT',
      description:
        "djangorestframework-simplejwt's token pair, as AERPAW clients use it: `access` for " +
        '`Authorization: Bearer <access>`, `refresh` for `POST /api/token/refresh/`. Failed logins count ' +
        'toward the same 429 limit as `POST /auth/login`.',
    }),
    PasswordLogin(TokenPairDto, 'The token pair'),
  );

export const RefreshTokenDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'refreshToken',
      summary: 'Exchange a refresh JWT for a new access JWT',
      description: 'An expired, foreign or non-refresh token (an access JWT, an API key) answers 401.',
    }),
    ApiJsonOrFormBody(RefreshDto),
    ApiOkResponse({ type: AccessTokenDto, description: 'A new access JWT' }),
    ApiDrfErrors({
      status: 401,
      description: 'Not a valid refresh JWT',
      example: { detail: 'Token is invalid or expired' },
    }),
  );

export const VerifyTokenDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'verifyToken',
      summary: 'Check that a JWT (access or refresh) is valid',
      description:
        "djangorestframework-simplejwt's verify: `{}` for a token of ours that is unexpired and not revoked " +
        '(by a logout, a password change or an admin), else 401 with `code: token_not_valid`.',
    }),
    ApiJsonOrFormBody(VerifyTokenDto),
    ApiOkResponse({
      description: 'The token is valid',
      schema: { type: 'object', additionalProperties: false, example: {} },
    }),
    ApiResponse({
      status: 401,
      description: 'Not a valid token (expired, foreign, revoked, or not a JWT)',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['detail', 'code'],
            properties: {
              detail: { type: 'string', example: 'Token is invalid or expired' },
              code: { type: 'string', example: 'token_not_valid' },
            },
          },
          example: { detail: 'Token is invalid or expired', code: 'token_not_valid' },
        },
      },
    }),
  );

// ---------------------------------------------------------------- Roundware POST /api/2/users/

export const RegisterRoundwareDeviceDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'registerRoundwareDevice',
      summary: 'Register a device; the same device_id gets the same user back, with a fresh token',
      description:
        "Roundware's anonymous device registration. The answer's `token` is an API key for " +
        '`Authorization: token <token>`. The device keeps its earlier keys working (its newest ' +
        'DEVICE_KEYS_KEPT, 5 by default), so a second tab or a reload does not sign the first out. A device ' +
        'user is always a plain `user` without a password. At most DEVICE_REGISTRATIONS_PER_MINUTE (60) ' +
        'registrations a minute from one client address (then 429). Answers 403 when ' +
        'DEVICE_REGISTRATION_ENABLED=false.',
    }),
    ApiJsonOrFormBody(RegisterDeviceDto),
    ApiOkResponse({ type: RegisteredDeviceDto, description: 'The device user and its new token' }),
    ApiDrfErrors(
      {
        status: 403,
        description:
          'Device registration is switched off (DEVICE_REGISTRATION_ENABLED=false), or the device belongs to a ' +
          'user that is not a plain device user',
        example: { detail: 'Device registration is disabled.' },
      },
      {
        status: 429,
        description: 'Too many registrations from this address (DEVICE_REGISTRATIONS_PER_MINUTE)',
        example: { detail: 'Request was throttled. Expected available in 42 seconds.' },
      },
    ),
  );
