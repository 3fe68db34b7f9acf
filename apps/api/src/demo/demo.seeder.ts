import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DemoCaseBuilder } from './demo-case.builder';

/** In demo mode (DEMO=true, refused in production) the demo case is seeded once at boot. */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(private readonly builder: DemoCaseBuilder) {}

  async onApplicationBootstrap(): Promise<void> {
    const { seeded } = await this.builder.seed(new Date());
    this.logger.log(seeded ? 'Demo case seeded' : 'Demo case already present');
  }
}
