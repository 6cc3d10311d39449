import { Controller, Get, HttpCode, HttpException, Inject, Module, type DynamicModule } from '@nestjs/common';
import { Health, type HealthReport } from '../lifecycle/health';

/**
 * `GET /health/live` and `GET /health/ready` for a service's NestJS application: 200 with the
 * report when up, 503 with it when down (orchestrators read the status; people read the body).
 */
@Controller('health')
class HealthController {
  constructor(@Inject(Health) private readonly health: Health) {}

  @Get('live')
  @HttpCode(200)
  live(): HealthReport {
    return this.health.liveness();
  }

  @Get('ready')
  @HttpCode(200)
  async ready(): Promise<HealthReport> {
    const report = await this.health.readiness();
    if (report.status !== 'up') throw new HttpException(report, 503);
    return report;
  }
}

@Module({})
export class HealthModule {
  static forRoot(health: Health): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: Health, useValue: health }],
    };
  }
}
