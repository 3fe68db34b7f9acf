import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { seedDemoCase } from './demo-case.seed';

/** In demo mode (DEMO=true, refused in production) the demo case is seeded once at boot. */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(private readonly prisma: PrismaService) {}

  async onApplicationBootstrap(): Promise<void> {
    const { seeded } = await seedDemoCase(this.prisma, new Date());
    this.logger.log(seeded ? 'Demo case seeded' : 'Demo case already present');
  }
}
