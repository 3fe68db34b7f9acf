import request from 'supertest';
import { createTestApp, type TestApp } from '../testing/test-app';

interface MediaType {
  readonly schema?: Record<string, unknown>;
}
interface ResponseObject {
  readonly description?: string;
  readonly content?: Record<string, MediaType>;
}
interface Operation {
  readonly responses?: Record<string, ResponseObject>;
}
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/**
 * Every 2xx answer of a route, by `METHOD /path code`. A 204 carries no body by definition;
 * any other 2xx must name what it carries: its media type with a schema.
 */
function successResponses(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      Object.entries(item[method]?.responses ?? {})
        .filter(([code]) => /^2\d\d$/.test(code))
        .map(([code, response]) => ({
          route: `${method.toUpperCase()} ${path} ${code}`,
          code,
          response,
        })),
    ),
  );
}

type Schema = Record<string, unknown>;

/**
 * Whether a schema says what a body holds: an object's properties (through `$ref`s, which
 * must resolve, list items, and each member of a union), not an empty `{}` placeholder.
 */
function describesFields(schema: Schema, components: Record<string, unknown>): boolean {
  if (typeof schema.$ref === 'string') {
    const target = components[schema.$ref.replace('#/components/schemas/', '')];
    return target !== undefined && describesFields(target as Schema, components);
  }
  if (schema.type === 'array') {
    return describesFields((schema.items ?? {}) as Schema, components);
  }
  const members = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (members) {
    return members.length > 0 && members.every((member) => describesFields(member, components));
  }
  return typeof schema.properties === 'object' && schema.properties !== null;
}

/** Routes that answer 2xx without a body although their status is not 204 (202 Accepted). */
const BODILESS = new Set(['POST /api/auth/password-reset 202']);

/** JSON bodies, FHIR's (application/fhir+json) included. */
const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json$/;

describe('response contracts', () => {
  let testApp: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    testApp = await createTestApp();
    const response = await request(testApp.app.getHttpServer()).get('/api/docs-json').expect(200);
    document = response.body as OpenApiDocument;
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('declares a schema for the body of every 2xx answer in the OpenAPI document', () => {
    const responses = successResponses(document);
    expect(responses.length).toBeGreaterThan(50);
    const undeclared = responses
      .filter(({ code, route }) => code !== '204' && !BODILESS.has(route))
      .filter(({ response }) => {
        const media = Object.entries(response.content ?? {});
        return media.length === 0 || media.some(([, type]) => !type.schema);
      })
      .map(({ route }) => route);
    expect(undeclared).toEqual([]);
  });

  it('gives every JSON body a schema of its contract, not an empty placeholder', () => {
    const components = document.components?.schemas ?? {};
    const placeholders = successResponses(document)
      .flatMap(({ route, response }) =>
        Object.entries(response.content ?? {})
          .filter(([type]) => JSON_MEDIA.test(type))
          .map(([, type]) => ({ route, schema: type.schema ?? {} })),
      )
      .filter(({ schema }) => !describesFields(schema, components))
      .map(({ route }) => route);
    expect(placeholders).toEqual([]);
  });
});
