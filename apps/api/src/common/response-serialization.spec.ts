import { Controller, Get, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createZodDto, ZodResponse, ZodSerializerInterceptor } from 'nestjs-zod';
import { z } from 'zod';
import { ProblemDetailsFilter } from './problem-details.filter';

// The response half of the contracts: what app.module wires (ZodSerializerInterceptor and
// the one ProblemDetailsFilter), on a test-only controller whose bodies are wrong on purpose.

const SECRET = 'Diagnos F32.1 hos patienten';

const noteSchema = z.object({ id: z.uuid(), title: z.string(), version: z.number().int() });
class NoteDto extends createZodDto(noteSchema) {}

@Controller('probe')
class ProbeController {
  @Get('right')
  @ZodResponse({ status: 200, type: NoteDto })
  right(): z.input<typeof noteSchema> {
    const note = { id: '2f1d6a4e-9c1b-4e0a-8f00-3c1f4f3d9a10', title: 'Avstämning', version: 1 };
    // A field the contract does not name (as a stray spread of a database row would add).
    return Object.assign(note, { internalNote: SECRET });
  }

  @Get('wrong')
  @ZodResponse({ status: 200, type: NoteDto })
  wrong(): z.input<typeof noteSchema> {
    // The shape drifted: the id holds text, `title` became a number, `version` went missing,
    // and a field the contract does not name came along.
    const drifted: unknown = { id: SECRET, title: 42, diagnosis: SECRET };
    return drifted as z.input<typeof noteSchema>;
  }
}

@Module({
  controllers: [ProbeController],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
  ],
})
class ProbeModule {}

describe('responses parsed by their contract schema', () => {
  let app: NestFastifyApplication;
  const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    logged.mockRestore();
  });

  beforeEach(() => {
    logged.mockClear();
  });

  it('sends only the fields the contract names', async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/right' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: '2f1d6a4e-9c1b-4e0a-8f00-3c1f4f3d9a10',
      title: 'Avstämning',
      version: 1,
    });
    expect(response.body).not.toContain(SECRET);
  });

  it('answers a body that breaks its contract with a 500 problem, never the body', async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/wrong' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 500,
      code: 'INTERNAL_ERROR',
      detail: 'Something went wrong on our side.',
    });
    expect(response.body).not.toContain(SECRET);
  });

  it('logs where the body broke its contract, without what it held', async () => {
    await app.inject({ method: 'GET', url: '/probe/wrong' });
    expect(logged).toHaveBeenCalledTimes(1);
    const [context, message] = logged.mock.calls[0] ?? [];
    expect(message).toBe('Response does not match its contract');
    expect(context).toMatchObject({
      issues: expect.arrayContaining([
        { path: 'id', code: 'invalid_format' },
        { path: 'title', code: 'invalid_type' },
        { path: 'version', code: 'invalid_type' },
      ]) as unknown,
    });
    expect(JSON.stringify(logged.mock.calls)).not.toContain(SECRET);
  });
});
