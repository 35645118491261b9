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
