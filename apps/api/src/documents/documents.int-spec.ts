import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { PrismaClient } from '@prisma/client';
import fc from 'fast-check';
import request from 'supertest';
import { MAX_DOCUMENT_BYTES } from '@atergang/contracts';
import { buildCase } from '../testing/case-builder';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { minimalPdf, zip } from '../testing/test-files';
import { createTestApp, type TestApp } from '../testing/test-app';

// Documents: the employer's plan för återgång i arbete and other files, shared by consent
// for their category: DOCUMENTS, or MEDICAL for medical information (a läkarintyg always),
// which only care's clinical roles and the patient may share. The real type is read from the
// bytes; a refused upload leaves neither a row nor a file.

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ---------------------------------------------------------------------------------------
// Real files, built here
// ---------------------------------------------------------------------------------------

/** The [Content_Types].xml of a Word document. */
function minimalDocxContentTypes(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    `<Override PartName="/word/document.xml" ContentType="${DOCX_TYPE}.main+xml"/></Types>`
  );
}

function minimalDocx(
  options: { contentTypesLast?: boolean; mainType?: string; padding?: number } = {},
): Buffer {
  const mainType = options.mainType ?? `${DOCX_TYPE}.main+xml`;
  const contentTypes = {
    name: '[Content_Types].xml',
    data:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/word/document.xml" ContentType="${mainType}"/></Types>`,
  };
  const rest = [
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    },
    {
      name: 'word/document.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:body><w:p><w:r><w:t>Plan för återgång i arbete</w:t></w:r></w:p>' +
        // Bulk, so the [Content_Types].xml entry written last lies beyond the first 4 KB.
        `<!-- ${'x'.repeat(options.padding ?? 0)} --></w:body></w:document>`,
    },
  ];
  return zip(options.contentTypesLast ? [...rest, contentTypes] : [contentTypes, ...rest]);
}

/** ODF requires the uncompressed `mimetype` entry first. */
function minimalOdt(): Buffer {
  return zip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
    {
      name: 'content.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content ' +
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>' +
        '<office:text><text:p>Plan för återgång</text:p></office:text></office:body>' +
        '</office:document-content>',
    },
  ]);
}

/** A valid 1×1 PNG. */
function minimalPng(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0xff, 0xff, 0xff]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a Linux executable: ELF magic, 64-bit, little-endian. */
function elfExecutable(): Buffer {
  const bytes = Buffer.alloc(8192, 0x90);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(bytes);
  return bytes;
}

/** The start of a Windows executable: the 'MZ' DOS header. */
function peExecutable(): Buffer {
  const bytes = Buffer.alloc(8192, 0);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    },
  );
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const binary = (
  response: request.Response,
  callback: (error: Error | null, body: Buffer) => void,
): void => {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
  });
  stream.on('end', () => {
    callback(null, Buffer.concat(chunks));
  });
};

// ---------------------------------------------------------------------------------------

describe('documents', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let storageDir: string;
  const tokens = new Map<string, string>();
  const http = () => request(testApp.app.getHttpServer());

  async function tokenOf(role: Parameters<typeof loginAs>[1]): Promise<string> {
    const cached = tokens.get(role);
    if (cached) return cached;
    const token = await loginAs(testApp, role);
    tokens.set(role, token);
    return token;
  }

  interface UploadOptions {
    readonly fileName: string;
    readonly contentType?: string;
    readonly fields?: Record<string, string>;
    /** Send the text fields after the file instead of before it. */
    readonly fieldsLast?: boolean;
  }

  /** Uploads as the holder of `token` into `workspace` (a case of the test's own). */
  function uploadAs(
    token: string,
    workspace: string,
    bytes: Buffer,
    options: UploadOptions,
  ): request.Test {
    let call = http()
      .post(`/api/workspaces/${workspace}/documents`)
      .set('authorization', `Bearer ${token}`);
    const addFields = (): void => {
      for (const [name, value] of Object.entries(options.fields ?? {})) {
        call = call.field(name, value);
      }
    };
    if (!options.fieldsLast) addFields();
    call = call.attach('file', bytes, {
      filename: options.fileName,
      ...(options.contentType ? { contentType: options.contentType } : {}),
    });
    if (options.fieldsLast) addFields();
    return call;
  }

  async function upload(
    role: Parameters<typeof loginAs>[1],
    bytes: Buffer,
    options: UploadOptions,
  ): Promise<request.Response> {
    return uploadAs(await tokenOf(role), workspaceId, bytes, options);
  }

  async function download(
    role: Parameters<typeof loginAs>[1],
    documentId: string,
    query = '',
  ): Promise<request.Response> {
    return http()
      .get(`/api/workspaces/${workspaceId}/documents/${documentId}/content${query}`)
      .set('authorization', `Bearer ${await tokenOf(role)}`)
      .buffer(true)
      .parse(binary);
  }

  async function listFor(role: Parameters<typeof loginAs>[1]) {
    const response = await http()
      .get(`/api/workspaces/${workspaceId}/documents`)
      .set('authorization', `Bearer ${await tokenOf(role)}`)
      .expect(200);
    return response.body as {
      documents: { id: string; versionCount: number; current: { version: number } }[];
      withheld: string[];
    };
  }

  async function expectNothingStored(): Promise<void> {
    expect(await prisma.document.count()).toBe(0);
    expect(await prisma.documentVersion.count()).toBe(0);
    expect(await filesUnder(storageDir)).toEqual([]);
  }

  beforeEach(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'atergang-documents-'));
    testApp = await createTestApp({ STORAGE_DIR: storageDir });
    ({ workspaceId, prisma } = await seedDemo(testApp));
    tokens.clear();
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('lets the employer upload its return-to-work plan as a PDF that the patient and FK download byte for byte', async () => {
    const pdf = minimalPdf('Plan for atergang i arbete');
    const created = await upload('employer', pdf, {
      fileName: 'Plan för återgång.pdf',
      fields: { title: 'Plan för återgång i arbete', kind: 'RETURN_TO_WORK_PLAN' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Plan för återgång i arbete',
      kind: 'RETURN_TO_WORK_PLAN',
      category: 'DOCUMENTS',
      uploaderParty: 'EMPLOYER',
      currentVersion: 1,
      versionCount: 1,
      current: {
        version: 1,
        fileName: 'Plan för återgång.pdf',
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: sha256(pdf),
        uploaderParty: 'EMPLOYER',
      },
    });
    const documentId = created.body.id as string;

    // The bytes are on disk under a key of the server's making, and nowhere else.
    const version = await prisma.documentVersion.findFirstOrThrow({ where: { documentId } });
    expect(version.storageKey).toMatch(new RegExp(`^documents/${workspaceId}/[0-9a-f-]{36}$`));
    expect(await filesUnder(storageDir)).toEqual([join(storageDir, version.storageKey)]);

    for (const role of ['patient', 'fk'] as const) {
      const response = await download(role, documentId);
      expect(response.status).toBe(200);
      expect(Buffer.compare(response.body as Buffer, pdf)).toBe(0);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-length']).toBe(String(pdf.length));
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="Plan for atergang.pdf"; ` +
          `filename*=UTF-8''Plan%20f%C3%B6r%20%C3%A5terg%C3%A5ng.pdf`,
      );
      const list = await listFor(role);
      expect(list.documents.map((document) => document.id)).toEqual([documentId]);
      expect(list.withheld).toEqual([]);
    }

    const event = await prisma.workspaceEvent.findFirstOrThrow({
      where: { workspaceId, type: 'document.uploaded' },
    });
    expect(event).toMatchObject({
      category: 'DOCUMENTS',
      actorParty: 'EMPLOYER',
      authorParty: 'EMPLOYER',
      subjectId: documentId,
      payload: { id: documentId, version: 1 },
    });
    const audit = await prisma.auditLog.findMany({
      where: { workspaceId, resourceId: documentId },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((row) => [row.action, row.actorParty, row.outcome])).toEqual([
      ['document.uploaded', 'EMPLOYER', 'ALLOWED'],
      ['document.downloaded', 'PATIENT', 'ALLOWED'],
      ['document.downloaded', 'FK', 'ALLOWED'],
    ]);
    // Lists are audited too (without a single resource).
    expect(
      await prisma.auditLog.count({
        where: { workspaceId, action: 'document.read', resourceId: null, outcome: 'ALLOWED' },
      }),
    ).toBe(2);
  });

  it('shows AF, which has no consent, an empty list and refuses it the document with 403 consent-required', async () => {
    const created = await upload('employer', minimalPdf('Plan'), { fileName: 'plan.pdf' });
    expect(created.status).toBe(201);
    const documentId = created.body.id as string;

    const list = await listFor('af');
    expect(list).toMatchObject({ documents: [], withheld: ['DOCUMENTS', 'MEDICAL'] });

    const content = await download('af', documentId);
    expect(content.status).toBe(403);
    const problem = JSON.parse((content.body as Buffer).toString('utf8')) as { type: string };
    expect(problem.type).toMatch(/consent-required$/);

    const metadata = await http()
      .get(`/api/workspaces/${workspaceId}/documents/${documentId}`)
      .set('authorization', `Bearer ${await tokenOf('af')}`);
    expect(metadata.status).toBe(403);
    expect(metadata.body.type).toMatch(/consent-required$/);

    expect(
      await prisma.auditLog.findFirst({
        where: { resourceId: documentId, action: 'document.downloaded', actorParty: 'AF' },
      }),
    ).toMatchObject({ outcome: 'DENIED', reason: 'CONSENT_REQUIRED' });
  });

  it('shares a läkarintyg as MEDICAL: the employer without MEDICAL neither lists, reads nor downloads it; FK with MEDICAL does', async () => {
    // Before, every upload was stored as DOCUMENTS, which the employer has.
    const certificate = minimalPdf('Lakarintyg FK 7804: diagnos F43.8, utmattningssyndrom');
    const created = await upload('doctor', certificate, {
      fileName: 'läkarintyg.pdf',
      fields: { title: 'Läkarintyg', kind: 'MEDICAL_CERTIFICATE' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'MEDICAL_CERTIFICATE',
      category: 'MEDICAL',
      uploaderParty: 'CARE',
    });
    const certificateId = created.body.id as string;
    // An ordinary document beside it, which the employer does see.
    const ordinary = await upload('doctor', minimalPdf('Kallelse'), { fileName: 'kallelse.pdf' });
    expect(ordinary.body).toMatchObject({ category: 'DOCUMENTS' });
    const ordinaryId = ordinary.body.id as string;

    const employerList = await listFor('employer');
    expect(employerList.documents.map((document) => document.id)).toEqual([ordinaryId]);
    expect(employerList.withheld).toEqual(['MEDICAL']);
    const metadata = await http()
      .get(`/api/workspaces/${workspaceId}/documents/${certificateId}`)
      .set('authorization', `Bearer ${await tokenOf('employer')}`);
    expect(metadata.status).toBe(403);
    expect(metadata.body.type).toMatch(/consent-required$/);
    expect(JSON.stringify(metadata.body)).not.toContain('Läkarintyg');
    const content = await download('employer', certificateId);
    expect(content.status).toBe(403);
    const problem = (content.body as Buffer).toString('utf8');
    expect((JSON.parse(problem) as { type: string }).type).toMatch(/consent-required$/);
    expect(problem).not.toContain('F43');
    expect(
      await prisma.auditLog.findFirst({
        where: { resourceId: certificateId, action: 'document.downloaded', actorParty: 'EMPLOYER' },
      }),
    ).toMatchObject({ outcome: 'DENIED', reason: 'CONSENT_REQUIRED' });
    // Not even its upload event reaches the employer.
    const employerEvents = await http()
      .get(`/api/workspaces/${workspaceId}/events?after=0`)
      .set('authorization', `Bearer ${await tokenOf('employer')}`)
      .expect(200);
    const uploadedFor = (body: { events: { type: string; data: { id?: unknown } }[] }) =>
      body.events.filter((e) => e.type === 'document.uploaded').map((e) => e.data.id);
    expect(uploadedFor(employerEvents.body)).toEqual([ordinaryId]);

    // FK (MEDICAL granted) and the patient see it, byte for byte.
    for (const role of ['fk', 'patient'] as const) {
      const list = await listFor(role);
      expect(list.documents.map((document) => document.id).sort()).toEqual(
        [certificateId, ordinaryId].sort(),
      );
      expect(list.withheld).toEqual([]);
      const read = await http()
        .get(`/api/workspaces/${workspaceId}/documents/${certificateId}`)
        .set('authorization', `Bearer ${await tokenOf(role)}`);
      expect(read.status).toBe(200);
      expect(read.body.category).toBe('MEDICAL');
      const bytes = await download(role, certificateId);
      expect(bytes.status).toBe(200);
      expect(Buffer.compare(bytes.body as Buffer, certificate)).toBe(0);
    }
    const fkEvents = await http()
      .get(`/api/workspaces/${workspaceId}/events?after=0`)
      .set('authorization', `Bearer ${await tokenOf('fk')}`)
      .expect(200);
    expect(uploadedFor(fkEvents.body)).toEqual([certificateId, ordinaryId]);
  });

  it('refuses the employer a MEDICAL document, and a certificate shared as DOCUMENTS, naming `category`', async () => {
    for (const fieldsLast of [false, true]) {
      const medicalFields: Record<string, string>[] = [
        { category: 'MEDICAL' },
        { kind: 'MEDICAL_CERTIFICATE' },
        { kind: 'MEDICAL_CERTIFICATE', category: 'MEDICAL' },
      ];
      for (const fields of medicalFields) {
        const refused = await upload('employer', minimalPdf('Intyg'), {
          fileName: 'intyg.pdf',
          fields,
          fieldsLast,
        });
        expect({ fields, fieldsLast, status: refused.status, body: refused.body }).toMatchObject({
          fields,
          fieldsLast,
          status: 403,
          body: { code: 'MEDICAL_NOT_ALLOWED', errors: [{ path: 'category' }] },
        });
      }
      // A läkarintyg is medical information whoever shares it, and whatever they choose.
      const contradicted = await upload('doctor', minimalPdf('Lakarintyg'), {
        fileName: 'lakarintyg.pdf',
        fields: { kind: 'MEDICAL_CERTIFICATE', category: 'DOCUMENTS' },
        fieldsLast,
      });
      expect(contradicted.status).toBe(422);
      expect(contradicted.body).toMatchObject({
        code: 'DOCUMENT_CATEGORY_CONTRADICTS_KIND',
        errors: [{ path: 'category' }],
      });
    }
    await expectNothingStored();
    expect(
      await prisma.auditLog.count({
        where: { action: 'document.uploaded', outcome: 'DENIED', reason: 'MEDICAL_NOT_ALLOWED' },
      }),
    ).toBe(6);

    // The coordinator (a clinical role) may mark any document MEDICAL.
    const marked = await upload('coordinator', minimalPdf('Rehabplan'), {
      fileName: 'rehabplan.pdf',
      fields: { kind: 'OTHER', category: 'MEDICAL' },
    });
    expect(marked.status).toBe(201);
    expect(marked.body).toMatchObject({ kind: 'OTHER', category: 'MEDICAL' });
    expect((await listFor('employer')).documents).toEqual([]);
  });

  it('refuses MEDICAL to a care member without a clinical role, who still shares ordinary documents', async () => {
    const built = await buildCase(testApp, prisma, {
      opener: { key: 'doctor', party: 'CARE', role: 'DOCTOR' },
      members: { assistant: { party: 'CARE', role: null } },
    });
    const { assistant, doctor } = built.members;
    const medicalFields: Record<string, string>[] = [
      { category: 'MEDICAL' },
      { kind: 'MEDICAL_CERTIFICATE' },
    ];
    for (const fields of medicalFields) {
      const refused = await uploadAs(assistant.token, built.workspaceId, minimalPdf('Intyg'), {
        fileName: 'intyg.pdf',
        fields,
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'MEDICAL_NOT_ALLOWED',
        errors: [{ path: 'category' }],
      });
    }
    await expectNothingStored();

    const ordinary = await uploadAs(assistant.token, built.workspaceId, minimalPdf('Kallelse'), {
      fileName: 'kallelse.pdf',
    });
    expect(ordinary.status).toBe(201);
    expect(ordinary.body.category).toBe('DOCUMENTS');
    const medical = await uploadAs(doctor.token, built.workspaceId, minimalPdf('Intyg'), {
      fileName: 'intyg.pdf',
      fields: { kind: 'MEDICAL_CERTIFICATE' },
    });
    expect(medical.status).toBe(201);
    expect(medical.body.category).toBe('MEDICAL');
  });

  it('keeps a document’s category for its new versions, refusing a version asked for as another', async () => {
    // Before, the category of a new version was silently ignored: a version the doctor sent
    // as MEDICAL went out as DOCUMENTS, to the employer.
    const created = await upload('doctor', minimalPdf('Kallelse'), { fileName: 'kallelse.pdf' });
    const documentId = created.body.id as string;
    const before = await filesUnder(storageDir);
    const cases: [Record<string, string>, number, string][] = [
      [{ category: 'MEDICAL' }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'MEDICAL_CERTIFICATE' }, 422, 'DOCUMENT_CATEGORY_CONTRADICTS_KIND'],
    ];
    for (const [fields, status, code] of cases) {
      const refused = await upload('doctor', minimalPdf('Diagnos F43.8'), {
        fileName: 'v2.pdf',
        fields: { documentId, ...fields },
      });
      expect({ fields, status: refused.status, body: refused.body }).toMatchObject({
        fields,
        status,
        body: { code, errors: [{ path: 'category' }] },
      });
    }
    expect(await filesUnder(storageDir)).toEqual(before);
    expect(await prisma.documentVersion.count()).toBe(1);

    // A certificate stays MEDICAL in every version, whatever kind a version names.
    const certificate = await upload('doctor', minimalPdf('Intyg'), {
      fileName: 'intyg.pdf',
      fields: { kind: 'MEDICAL_CERTIFICATE' },
    });
    const certificateId = certificate.body.id as string;
    const asDocuments = await upload('doctor', minimalPdf('Intyg 2'), {
      fileName: 'intyg-2.pdf',
      fields: { documentId: certificateId, category: 'DOCUMENTS' },
    });
    expect([asDocuments.status, asDocuments.body.errors?.[0]?.path]).toEqual([400, 'category']);
    const revised = await upload('doctor', minimalPdf('Intyg 2'), {
      fileName: 'intyg-2.pdf',
      fields: { documentId: certificateId, category: 'MEDICAL' },
    });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ category: 'MEDICAL', currentVersion: 2 });
    expect((await listFor('employer')).documents.map((document) => document.id)).toEqual([
      documentId,
    ]);
  });

  it('refuses an executable renamed to .pdf with 415 and stores nothing', async () => {
    for (const executable of [elfExecutable(), peExecutable()]) {
      const response = await upload('employer', executable, {
        fileName: 'plan.pdf',
        contentType: 'application/pdf',
      });
      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(response.body.errors[0].path).toBe('file');
    }
    await expectNothingStored();
    expect(
      await prisma.auditLog.count({
        where: {
          action: 'document.uploaded',
          outcome: 'DENIED',
          reason: 'UNSUPPORTED_MEDIA_TYPE',
        },
      }),
    ).toBe(2);
  });

  it('refuses a file whose bytes disagree with its name or its declared type', async () => {
    const cases: [Buffer, string, string | undefined][] = [
      // A PNG named .pdf, and a PDF named .png, by a client that claims no type.
      [minimalPng(), 'plan.pdf', 'application/octet-stream'],
      [minimalPdf('Plan'), 'plan.png', 'application/octet-stream'],
      [minimalPng(), 'plan.pdf', undefined], // the same, declared application/pdf by its name
      [minimalPdf('Plan'), 'plan.pdf', 'image/png'], // a PDF declared as a PNG
      [minimalPdf('Plan'), 'plan', 'application/pdf'], // no extension at all
      [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'plan.pdf', 'application/pdf'], // unrecognisable
      [Buffer.alloc(0), 'plan.pdf', 'application/pdf'], // empty
      [minimalPdf('Plan'), 'plan.exe', 'application/pdf'], // a name never accepted
    ];
    for (const [bytes, fileName, contentType] of cases) {
      const response = await upload('employer', bytes, {
        fileName,
        ...(contentType ? { contentType } : {}),
      });
      expect({ fileName, contentType, status: response.status, code: response.body.code }).toEqual({
        fileName,
        contentType,
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
    await expectNothingStored();
  });

  it('accepts PNG, JPEG-named and office files by their real type, and a client that claims no type', async () => {
    const png = await upload('patient', minimalPng(), { fileName: 'skärmbild.PNG' });
    expect(png.status).toBe(201);
    expect(png.body.current.mediaType).toBe('image/png');

    const odt = await upload('employer', minimalOdt(), {
      fileName: 'plan.odt',
      contentType: 'application/octet-stream',
    });
    expect(odt.status).toBe(201);
    expect(odt.body.current.mediaType).toBe('application/vnd.oasis.opendocument.text');
    expect(odt.body.title).toBe('plan');
  });

  it('recognises a DOCX by its content, also when [Content_Types].xml comes last, and refuses a macro document named .docx', async () => {
    const word = await upload('employer', minimalDocx(), { fileName: 'plan.docx' });
    expect(word.status).toBe(201);
    expect(word.body.current.mediaType).toBe(DOCX_TYPE);

    // LibreOffice-style: the entry that tells the type is the last one, beyond 4 KB.
    const libreOffice = minimalDocx({ contentTypesLast: true, padding: 10_000 });
    expect(libreOffice.indexOf('[Content_Types].xml')).toBeGreaterThan(4100);
    const late = await upload('employer', libreOffice, { fileName: 'plan.docx' });
    expect(late.status).toBe(201);
    expect(late.body.current.mediaType).toBe(DOCX_TYPE);

    const macro = await upload(
      'employer',
      minimalDocx({ mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' }),
      { fileName: 'plan.docx' },
    );
    expect(macro.status).toBe(415);
    const plainZip = await upload('employer', zip([{ name: 'a.txt', data: 'hej' }]), {
      fileName: 'plan.docx',
    });
    expect(plainZip.status).toBe(415);
    expect(await prisma.documentVersion.count()).toBe(2);
    expect(await filesUnder(storageDir)).toHaveLength(2);
  });

  it('refuses a 64 KB DOCX that inflates to 64 MB, and accepts one deflated as Word writes it', async () => {
    const bomb = zip([
      {
        name: '[Content_Types].xml',
        data: Buffer.alloc(64 * 1024 * 1024),
        deflate: true,
        claimedSize: 1000,
      },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const refused = await upload('employer', bomb, { fileName: 'plan.docx' });
    expect(refused.status).toBe(415);
    expect(refused.body.errors).toEqual([
      { path: 'file', message: expect.stringContaining('inflates') },
    ]);
    await expectNothingStored();
    const deflated = zip(
      [
        { name: '[Content_Types].xml', data: minimalDocxContentTypes() },
        { name: 'word/document.xml', data: '<w:document/>' },
      ].map((entry) => ({ ...entry, deflate: true })),
    );
    const accepted = await upload('employer', deflated, { fileName: 'plan.docx' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.current.mediaType).toBe(DOCX_TYPE);
  });

  it('refuses a file over 20 MB with 413 and stores nothing, and accepts one of exactly 20 MB', async () => {
    const tooLarge = Buffer.alloc(21 * 1024 * 1024, 0x20);
    minimalPdf('Plan').copy(tooLarge);
    const refused = await upload('employer', tooLarge, { fileName: 'plan.pdf' });
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('FILE_TOO_LARGE');
    await expectNothingStored();

    const atLimit = Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20);
    minimalPdf('Plan').copy(atLimit);
    const accepted = await upload('employer', atLimit, { fileName: 'plan.pdf' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.current).toMatchObject({
      sizeBytes: MAX_DOCUMENT_BYTES,
      sha256: sha256(atLimit),
    });
    const back = await download('employer', accepted.body.id as string);
    expect(Buffer.compare(back.body as Buffer, atLimit)).toBe(0);
  });

  it('keeps the earlier version downloadable when the uploader adds a new one', async () => {
    const first = minimalPdf('Version 1');
    const second = minimalPdf('Version 2, reviderad');
    const created = await upload('employer', first, {
      fileName: 'plan-v1.pdf',
      fields: { kind: 'RETURN_TO_WORK_PLAN' },
    });
    const documentId = created.body.id as string;

    // The documentId may come after the file in the form.
    const revised = await upload('employer', second, {
      fileName: 'plan-v2.pdf',
      fields: { documentId, title: 'Plan, reviderad' },
      fieldsLast: true,
    });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({
      id: documentId,
      title: 'Plan, reviderad',
      kind: 'RETURN_TO_WORK_PLAN',
      currentVersion: 2,
      versionCount: 2,
    });
    expect(revised.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    expect(Buffer.compare((await download('fk', documentId)).body as Buffer, second)).toBe(0);
    const old = await download('fk', documentId, '?version=1');
    expect(Buffer.compare(old.body as Buffer, first)).toBe(0);
    expect(old.headers['content-disposition']).toContain('plan-v1.pdf');
    expect((await download('fk', documentId, '?version=3')).status).toBe(404);
    expect((await download('fk', documentId, '?version=0')).status).toBe(400);

    const list = await listFor('patient');
    expect(list.documents).toEqual([
      expect.objectContaining({
        id: documentId,
        versionCount: 2,
        current: expect.objectContaining({ version: 2 }),
      }),
    ]);

    // Another party may read it (FK has DOCUMENTS) but not add versions; nothing is stored.
    const before = await filesUnder(storageDir);
    const foreign = await upload('fk', minimalPdf('FK'), {
      fileName: 'fk.pdf',
      fields: { documentId },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('FORBIDDEN');
    expect(await filesUnder(storageDir)).toEqual(before);
    expect(await prisma.documentVersion.count()).toBe(2);

    const events = await prisma.workspaceEvent.findMany({
      where: { workspaceId, type: 'document.uploaded' },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((event) => event.payload)).toEqual([
      { id: documentId, version: 1 },
      { id: documentId, version: 2 },
    ]);
  });

  it('lets only the uploader’s party delete a document, softly', async () => {
    const created = await upload('employer', minimalPdf('Plan'), { fileName: 'plan.pdf' });
    const documentId = created.body.id as string;
    const remove = async (role: Parameters<typeof loginAs>[1]) =>
      http()
        .delete(`/api/workspaces/${workspaceId}/documents/${documentId}`)
        .set('authorization', `Bearer ${await tokenOf(role)}`);

    for (const role of ['fk', 'patient'] as const) {
      const refused = await remove(role);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    const af = await remove('af');
    expect(af.status).toBe(403);
    expect(af.body.type).toMatch(/consent-required$/);
    expect((await listFor('patient')).documents).toHaveLength(1);

    const deleted = await remove('employer');
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');

    expect((await listFor('patient')).documents).toEqual([]);
    expect((await listFor('employer')).documents).toEqual([]);
    expect((await download('patient', documentId)).status).toBe(404);
    expect((await remove('employer')).status).toBe(404);

    // Soft: the row and the bytes are kept for the record.
    const row = await prisma.document.findUniqueOrThrow({ where: { id: documentId } });
    const employer = await prisma.user.findUniqueOrThrow({
      where: { email: 'chef@atergang.test' },
    });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.deletedById).toBe(employer.id);
    expect(await filesUnder(storageDir)).toHaveLength(1);
    expect(
      await prisma.workspaceEvent.findFirst({ where: { workspaceId, type: 'document.deleted' } }),
    ).toMatchObject({
      category: 'DOCUMENTS',
      authorParty: 'EMPLOYER',
      payload: { id: documentId, version: 1 },
    });
  });

  it('says per document what the caller may do, asked of the policy: only the uploader’s party adds versions and deletes', async () => {
    const created = await upload('employer', minimalPdf('Plan'), {
      fileName: 'plan.pdf',
      fields: { kind: 'RETURN_TO_WORK_PLAN' },
    });
    expect(created.body.may).toEqual({ addVersion: true, delete: true });
    const documentId = created.body.id as string;
    const mayOf = async (role: Parameters<typeof loginAs>[1]) => {
      const list = (await listFor(role)) as unknown as {
        documents: { id: string; may: unknown }[];
      };
      const one = await http()
        .get(`/api/workspaces/${workspaceId}/documents/${documentId}`)
        .set('authorization', `Bearer ${await tokenOf(role)}`)
        .expect(200);
      expect(one.body.may).toEqual(list.documents.find((d) => d.id === documentId)?.may);
      return one.body.may as unknown;
    };
    expect(await mayOf('employer')).toEqual({ addVersion: true, delete: true });
    for (const role of ['patient', 'fk', 'doctor'] as const) {
      expect(await mayOf(role)).toEqual({ addVersion: false, delete: false });
    }
    // What the flags say is what the routes do.
    const refused = await http()
      .delete(`/api/workspaces/${workspaceId}/documents/${documentId}`)
      .set('authorization', `Bearer ${await tokenOf('fk')}`);
    expect(refused.status).toBe(403);
  });

  it('names, per category, the other parties an upload would reach with the consents in force now', async () => {
    const reachOf = async (role: Parameters<typeof loginAs>[1]) => {
      const response = await http()
        .get(`/api/workspaces/${workspaceId}/documents`)
        .set('authorization', `Bearer ${await tokenOf(role)}`)
        .expect(200);
      const reach = response.body.uploadReach as { DOCUMENTS: string[]; MEDICAL: string[] } | null;
      return (
        reach && { DOCUMENTS: [...reach.DOCUMENTS].sort(), MEDICAL: [...reach.MEDICAL].sort() }
      );
    };
    // Demo consents: employer DOCUMENTS; care everything; FK DOCUMENTS and MEDICAL; AF none.
    expect(await reachOf('employer')).toEqual({
      DOCUMENTS: ['CARE', 'FK', 'PATIENT'],
      MEDICAL: [],
    });
    expect(await reachOf('doctor')).toEqual({
      DOCUMENTS: ['EMPLOYER', 'FK', 'PATIENT'],
      MEDICAL: ['FK', 'PATIENT'],
    });
    expect(await reachOf('af')).toEqual({
      DOCUMENTS: ['CARE', 'EMPLOYER', 'FK', 'PATIENT'],
      MEDICAL: [],
    });
    // Revoking the employer's DOCUMENTS takes it out of the doctor's reach at once.
    const patient = await tokenOf('patient');
    const consents = await http()
      .get(`/api/workspaces/${workspaceId}/consents`)
      .set('authorization', `Bearer ${patient}`)
      .expect(200);
    const employerConsent = (consents.body as { id: string; party: string }[]).find(
      (consent) => consent.party === 'EMPLOYER',
    );
    expect(employerConsent).toBeDefined();
    await http()
      .delete(`/api/workspaces/${workspaceId}/consents/${employerConsent?.id ?? ''}`)
      .set('authorization', `Bearer ${patient}`)
      .expect(200);
    expect((await reachOf('doctor'))?.DOCUMENTS).toEqual(['FK', 'PATIENT']);
  });

  it('names the field for bad upload input and stores nothing', async () => {
    const token = await tokenOf('employer');
    const pdf = minimalPdf('Plan');
    const path = `/api/workspaces/${workspaceId}/documents`;

    const json = await http()
      .post(path)
      .set('authorization', `Bearer ${token}`)
      .send({ file: 'plan.pdf' });
    expect([json.status, json.body.code, json.body.errors[0].path]).toEqual([
      415,
      'MULTIPART_REQUIRED',
      'file',
    ]);

    const noFile = await http()
      .post(path)
      .set('authorization', `Bearer ${token}`)
      .field('title', 'Plan');
    expect([noFile.status, noFile.body.errors[0].path]).toEqual([400, 'file']);

    const cases: [Record<string, string>, string, number][] = [
      [{ kind: 'EVERYTHING' }, 'kind', 400],
      [{ title: '' }, 'title', 400],
      [{ title: 'x'.repeat(201) }, 'title', 400],
      [{ title: 'a\u0000b' }, 'title', 400],
      [{ documentId: 'not-a-uuid' }, 'documentId', 400],
      [{ sneaky: 'yes' }, 'sneaky', 400],
      [{ documentId: '00000000-0000-4000-8000-000000000000' }, 'documentId', 404],
    ];
    for (const fieldsLast of [false, true]) {
      for (const [fields, field, status] of cases) {
        const response = await upload('employer', pdf, {
          fileName: 'plan.pdf',
          fields,
          fieldsLast,
        });
        expect({
          fields,
          fieldsLast,
          status: response.status,
          paths: (response.body.errors ?? []).map((e: { path: string }) => e.path),
        }).toEqual({ fields, fieldsLast, status, paths: [field] });
      }
    }

    const wrongField = await http()
      .post(path)
      .set('authorization', `Bearer ${token}`)
      .attach('upload', pdf, 'plan.pdf');
    expect([wrongField.status, wrongField.body.errors[0].path]).toEqual([400, 'upload']);

    const twoFiles = await http()
      .post(path)
      .set('authorization', `Bearer ${token}`)
      .attach('file', pdf, 'a.pdf')
      .attach('file', pdf, 'b.pdf');
    expect(twoFiles.status).toBe(400);

    const notAUuid = await http()
      .get(`${path}/not-a-uuid/content`)
      .set('authorization', `Bearer ${token}`);
    expect(notAUuid.status).toBe(400);

    await expectNothingStored();
  });

  it('answers 400 for a multipart body that stops in the middle of the file, and stores nothing', async () => {
    const token = await tokenOf('employer');
    const boundary = 'atergang-truncated';
    const head = Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="plan.pdf"\r\n` +
        'content-type: application/pdf\r\n\r\n',
    );
    // The file part starts but the closing boundary never comes.
    const body = Buffer.concat([head, minimalPdf('Plan').subarray(0, 200)]);
    const response = await http()
      .post(`/api/workspaces/${workspaceId}/documents`)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(response.body.errors[0].message).toMatch(/malformed or incomplete/);
    await expectNothingStored();
  });

  it('answers generated bad uploads with a 4xx problem and stores nothing', async () => {
    // Junk bytes under any name and type claim, with junk fields: never a 5xx, never a row
    // or a file left behind. (Real files are accepted: the tests above cover those.)
    const junkFile = fc.record({
      bytes: fc.uint8Array({ minLength: 0, maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
      fileName: fc.constantFrom('plan.pdf', 'plan.docx', 'bild.png', 'x.jpg', 'noext', '.pdf'),
      contentType: fc.constantFrom(undefined, 'application/pdf', 'image/png', 'text/plain'),
    });
    const junkFields = fc.dictionary(
      fc.constantFrom('title', 'kind', 'documentId', 'other'),
      fc.oneof(
        fc.string({ maxLength: 250 }),
        fc.constantFrom('', 'RETURN_TO_WORK_PLAN', 'x'.repeat(300)),
      ),
      { maxKeys: 3 },
    );
    await fc.assert(
      fc.asyncProperty(junkFile, junkFields, fc.boolean(), async (file, fields, fieldsLast) => {
        // A leading %PDF- would make some junk a plausible PDF; keep these clearly not files.
        fc.pre(!file.bytes.subarray(0, 5).equals(Buffer.from('%PDF-')));
        const response = await upload('employer', file.bytes, {
          fileName: file.fileName,
          ...(file.contentType ? { contentType: file.contentType } : {}),
          fields,
          fieldsLast,
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.errors?.[0]?.path).toEqual(expect.any(String));
        await expectNothingStored();
      }),
      { numRuns: 40 },
    );
  });

  it('answers 404 for a document of another workspace', async () => {
    const created = await upload('employer', minimalPdf('Plan'), { fileName: 'plan.pdf' });
    const other = await prisma.workspace.create({
      data: {
        patientUserId: (
          await prisma.user.findUniqueOrThrow({ where: { email: 'anna@atergang.test' } })
        ).id,
        sickPeriodStart: new Date('2026-01-01'),
        createdById: (
          await prisma.user.findUniqueOrThrow({ where: { email: 'anna@atergang.test' } })
        ).id,
        participants: {
          create: {
            userId: (
              await prisma.user.findUniqueOrThrow({ where: { email: 'anna@atergang.test' } })
            ).id,
            party: 'PATIENT',
          },
        },
      },
    });
    const response = await http()
      .get(`/api/workspaces/${other.id}/documents/${created.body.id as string}/content`)
      .set('authorization', `Bearer ${await tokenOf('patient')}`);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('DOCUMENT_NOT_FOUND');
  });
});
