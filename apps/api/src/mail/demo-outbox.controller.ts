import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type OutboxMessageView, outboxMessageSchema } from '@atergang/contracts';
import { DemoOutboxService } from './demo-outbox.service';

class OutboxMessageDto extends createZodDto(outboxMessageSchema) {}

@ApiTags('demo')
@ApiBearerAuth()
@Controller('demo/outbox')
export class DemoOutboxController {
  constructor(private readonly outbox: DemoOutboxService) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: [OutboxMessageDto],
    description:
      'Demo mode only (the Utkorg): the newest 50 messages of the mail outbox, newest first, ' +
      'for any signed-in user. Without SMTP_URL they stay PENDING; a sent one has empty bodies.',
  })
  @ApiNotFoundResponse({ description: 'Not in demo mode.' })
  list(): Promise<OutboxMessageView[]> {
    return this.outbox.newest();
  }
}
