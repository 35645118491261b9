import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UnknownQueryGuard } from '../common/unknown-query.guard';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { AdminBootstrap } from './admin-bootstrap.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ApiKey } from './entities/api-key.entity';
import { RefreshSession } from './entities/refresh-session.entity';
import { RefreshSessionsRepository } from './refresh-sessions.repository';
import { User } from './entities/user.entity';
import { LoginLimiter, PasswordHashGate, RegistrationLimiter } from './login-limiter.service';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { JwtStrategy } from './strategies/jwt.strategy';
import { AerpawTokenController } from './aerpaw-token.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { RoundwareUsersController } from './roundware-users.controller';
import { UsersRepository } from './users.repository';
import { SurfaceAuthService } from './surface-auth.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, ApiKey, RefreshSession]),
    PassportModule,
    RateLimitModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController, RoundwareUsersController, AerpawTokenController],
  providers: [
    AuthService,
    UsersService,
    SurfaceAuthService,
    LoginLimiter,
    PasswordHashGate,
    RegistrationLimiter,
    UsersRepository,
    ApiKeysRepository,
    RefreshSessionsRepository,
    AdminBootstrap,
    JwtStrategy,
    ApiKeyStrategy,
    // the global guards, in this order: credentials and roles first, then unknown query parameters
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: UnknownQueryGuard },
  ],
  exports: [UsersService, AuthService],
})
export class AuthModule {}
