import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Role, ROLES } from '../../common/auth-user';

/** Django's username rule, shared by the API and the admin CLI. */
export const USERNAME_PATTERN = /^[\w.@+-]+$/;
export const USERNAME_MESSAGE = 'Enter a valid username: letters, digits and @/./+/-/_ only.';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  username: string;

  @ApiProperty({ example: 'change-me-please', format: 'password' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

export class UserSummaryDto {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'admin' }) username: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: Role.Admin }) role: Role;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Short-lived access JWT (HS256)' }) access_token: string;
  @ApiProperty({ example: 'Bearer' }) token_type: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires', example: 3600 }) expires_in: number;
  @ApiProperty({ type: UserSummaryDto }) user: UserSummaryDto;
}

export class MeDto extends UserSummaryDto {
  @ApiProperty({ enum: ['jwt', 'api_key'], enumName: 'AuthMethod' }) auth_method: 'jwt' | 'api_key';
  @ApiPropertyOptional({ type: String, nullable: true }) device_id: string | null;
  @ApiProperty({ example: '2026-11-22T16:00:00.000000+00:00' }) created_at: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'guidebook integration' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

export class ApiKeyDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'First characters of the key', example: 'shk_AbCdEfGh' }) prefix: string;
  @ApiProperty({ example: '2026-11-22T16:00:00.000000+00:00' }) created_at: string;
}

export class CreatedApiKeyDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The key itself. Shown once; only its hash is stored.' }) key: string;
  @ApiProperty({ example: '2026-11-22T16:00:00.000000+00:00' }) created_at: string;
}

export class CreateUserDto {
  @ApiProperty({
    example: 'alice',
    description: 'Unique regardless of case (`Alice` and `alice` cannot coexist)',
  })
  @IsDefined()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  @MaxLength(150)
  username: string;

  @ApiProperty({ minLength: 8, format: 'password' })
  @IsDefined()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsDefined()
  @IsIn(ROLES)
  role: Role;
}

/** Both fields optional, but not nullable: `null` is refused (it would reach a NOT NULL column). */
const unlessAbsent = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'alice', description: 'Unique regardless of case' })
  @unlessAbsent()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  @MaxLength(150)
  username?: string;

  @ApiPropertyOptional({ minLength: 8, format: 'password' })
  @unlessAbsent()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @unlessAbsent()
  @IsIn(ROLES)
  role?: Role;
}

export class UserDto extends UserSummaryDto {
  @ApiPropertyOptional({ type: String, nullable: true }) device_id: string | null;
  @ApiProperty({ example: '2026-11-22T16:00:00.000000+00:00' }) created_at: string;
}
