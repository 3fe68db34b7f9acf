import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  DOCUMENT_MEDIA_TYPES,
  documentContentQuerySchema,
  type DocumentList,
  documentListSchema,
  documentParamsSchema,
  type DocumentView,
  documentViewSchema,
  MAX_DOCUMENT_BYTES,
  DOCUMENT_CATEGORIES,
  UPLOAD_DOCUMENT_KINDS,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { attachmentDisposition } from './documents.mapper';
import { DocumentsService } from './documents.service';
import { multipartUpload } from './multipart-upload';
import { RateLimit } from '../limits/rate-limits';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class DocumentParamsDto extends createZodDto(documentParamsSchema) {}
class DocumentContentQueryDto extends createZodDto(documentContentQuerySchema) {}
class DocumentListDto extends createZodDto(documentListSchema) {}
class DocumentViewDto extends createZodDto(documentViewSchema) {}

@ApiTags('documents')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @RateLimit('upload')
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: `PDF, DOCX, ODT, PNG or JPEG, at most ${MAX_DOCUMENT_BYTES} bytes, named for its type.`,
        },
        title: { type: 'string', maxLength: 200, example: 'Plan för återgång i arbete' },
        kind: { type: 'string', enum: [...UPLOAD_DOCUMENT_KINDS], default: 'OTHER' },
        category: {
          type: 'string',
          enum: [...DOCUMENT_CATEGORIES],
          description:
            'DOCUMENTS (default) or MEDICAL (care’s clinical staff and the patient only). A ' +
            'MEDICAL_CERTIFICATE is always MEDICAL; a new version keeps its document’s category.',
        },
        documentId: {
          type: 'string',
          format: 'uuid',
          description: 'Makes the file the next version of this document (same uploader party).',
        },
      },
    },
  })
  @ZodResponse({
    status: 201,
    type: DocumentViewDto,
    description:
      'The document with its versions, newest first. The type is read from the bytes: ' +
      Object.keys(DOCUMENT_MEDIA_TYPES).join(', ') +
      '. Example: `curl -F kind=RETURN_TO_WORK_PLAN -F file=@plan.pdf ...`',
  })
  @ApiUnsupportedMediaTypeResponse({
    description:
      'UNSUPPORTED_MEDIA_TYPE: the bytes are no accepted type, or disagree with the file name or ' +
      'the declared type (MULTIPART_REQUIRED when the body is not multipart). Nothing is stored.',
  })
  @ApiPayloadTooLargeResponse({ description: 'FILE_TOO_LARGE. Nothing is stored.' })
  upload(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Req() request: FastifyRequest,
  ): Promise<DocumentView> {
    return this.documents.upload(access, multipartUpload(request));
  }

  @Get()
  @ZodResponse({
    status: 200,
    type: DocumentListDto,
    description:
      'The documents the caller may see, each with its current version and version count; ' +
      '`withheld` names the categories left out.',
  })
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<DocumentList> {
    return this.documents.list(access);
  }

  @Get(':docId')
  @ZodResponse({
    status: 200,
    type: DocumentViewDto,
    description: 'One document with every version; 403 consent-required when it is not shared.',
  })
  get(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: DocumentParamsDto,
  ): Promise<DocumentView> {
    return this.documents.get(access, params.docId);
  }

  @Get(':docId/content')
  @ApiProduces(...Object.keys(DOCUMENT_MEDIA_TYPES))
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description:
      'The file (the current version, or `?version=n`), streamed as an attachment with its ' +
      'detected type; 403 consent-required when it is not shared.',
  })
  async content(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: DocumentParamsDto,
    @Query() query: DocumentContentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const content = await this.documents.content(access, params.docId, query.version);
    void reply.headers({
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    return new StreamableFile(content.stream, {
      type: content.mediaType,
      length: content.sizeBytes,
      disposition: attachmentDisposition(content.fileName),
    });
  }

  @Delete(':docId')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Deleted (softly: kept for the record). Only the party that uploaded it.',
  })
  remove(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: DocumentParamsDto,
  ): Promise<void> {
    return this.documents.remove(access, params.docId);
  }
}
