import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { ApiDrfErrors } from '../common/api-responses';
import { Public } from '../common/decorators/auth.decorator';
import { DatabaseHealthIndicator } from './database.health';

/** `GET /health` takes no query parameters; like every route, it refuses unknown ones (400). */
export class HealthQueryDto {}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: DatabaseHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Liveness and database check',
    description:
      'Answers 200 `{"status": "ok", …}` when the database answers within 2 s, else 503 `{"status": "error", …}`. ' +
      'For load balancers and probes.',
  })
  @ApiDrfErrors(400)
  check(@Query() _query: HealthQueryDto) {
    return this.health.check([() => this.db.ping('database', 2000)]);
  }
}
