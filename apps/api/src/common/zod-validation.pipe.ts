import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { ValidationError } from './api-error';
import { unsafeTextErrors } from './unsafe-text';
import { fieldErrorsFromZodIssues } from './zod-issues';

interface ZodDtoClass {
  readonly isZodDto: true;
  readonly schema: ZodType;
}

function isZodDto(metatype: unknown): metatype is ZodDtoClass {
  return typeof metatype === 'function' && 'isZodDto' in metatype && metatype.isZodDto === true;
}

/**
 * Validates every DTO made with createZodDto (the schemas are strict, so unknown keys
 * are rejected too), after refusing text that cannot be stored or displays as something
 * else (unsafe-text.ts) anywhere in it. Failures become one 400 problem naming each field.
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!isZodDto(metadata.metatype)) {
      return value;
    }
    const root = metadata.type === 'body' ? '' : metadata.type;
    const unsafe = unsafeTextErrors(value, root);
    if (unsafe.length > 0) {
      throw new ValidationError(unsafe);
    }
    const result = metadata.metatype.schema.safeParse(value);
    if (!result.success) {
      throw new ValidationError(fieldErrorsFromZodIssues(result.error.issues, root, value));
    }
    return result.data;
  }
}
