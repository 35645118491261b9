import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class RegisterDeviceDto {
  @ApiProperty({ example: '12891038109281', description: 'A stable identifier of the client device' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  device_id: string;

  @ApiPropertyOptional({ example: 'iPhone' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  client_type?: string;
}

export class RegisteredDeviceDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'device-5f2c9a01b3d4' }) username: string;
  @ApiProperty({
    description:
      'API key for `Authorization: token <token>`; a new one replaces the previous key of this device',
  })
  token: string;
  @ApiProperty() device_id: string;
  @ApiPropertyOptional({ type: String, nullable: true }) client_type: string | null;
}

export class TokenPairDto {
  @ApiProperty({ description: 'Access JWT' }) access: string;
  @ApiProperty({ description: 'Refresh JWT' }) refresh: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  refresh: string;
}

export class VerifyTokenDto {
  @ApiProperty({ description: 'An access or refresh JWT' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  token: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'Access JWT' }) access: string;
}

export class AbsUserDto {
  @ApiProperty({ example: '1' }) id: string;
  @ApiProperty({ example: 'root' }) username: string;
  @ApiProperty({ enum: ['root', 'admin', 'user'], enumName: 'AbsUserType' }) type: 'root' | 'admin' | 'user';
  @ApiProperty({ description: 'Access JWT (legacy field name)' }) token: string;
  @ApiProperty({ description: 'Access JWT' }) accessToken: string;
  @ApiProperty() isActive: boolean;
  @ApiProperty() isLocked: boolean;
  @ApiProperty({ description: 'Epoch milliseconds' }) createdAt: number;
  @ApiProperty({ type: [String] }) librariesAccessible: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'boolean' } }) permissions: Record<
    string,
    boolean
  >;
}

export class AbsLoginResponseDto {
  @ApiProperty({ type: AbsUserDto }) user: AbsUserDto;
  @ApiPropertyOptional({ type: String, nullable: true }) userDefaultLibraryId: string | null;
}
