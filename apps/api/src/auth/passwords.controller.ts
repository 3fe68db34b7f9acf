import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  changePasswordRequestSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
} from '@atergang/contracts';
import { Public } from '../common/public.decorator';
import { Origin, type RequestOrigin } from '../common/request-origin.decorator';
import { RateLimit } from '../limits/rate-limits';
import type { SessionUser } from './auth.types';
import { CurrentSession } from './current-user.decorator';
import { PasswordsService } from './passwords.service';

class ChangePasswordDto extends createZodDto(changePasswordRequestSchema) {}
class PasswordResetRequestDto extends createZodDto(passwordResetRequestSchema) {}
class PasswordResetConfirmDto extends createZodDto(passwordResetConfirmSchema) {}

@ApiTags('auth')
@Controller('auth')
export class PasswordsController {
  constructor(private readonly passwords: PasswordsService) {}

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({
    description:
      'Password changed; every other session of the account ends, this one goes on. A wrong ' +
      'current password is 422 WRONG_CURRENT_PASSWORD (and counts as a failed sign-in); a ' +
      'new one the policy refuses is 422 PASSWORD_NOT_ACCEPTABLE naming newPassword.',
  })
  change(
    @CurrentSession() user: SessionUser,
    @Origin() origin: RequestOrigin,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    return this.passwords.change(user, body, origin);
  }

  @Public()
  @RateLimit('passwordReset')
  @Post('password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({
    description:
      'The same answer whether or not an account has the address; if one has, its owner is ' +
      'e-mailed a link that works once, for an hour.',
  })
  requestReset(
    @Origin() origin: RequestOrigin,
    @Body() body: PasswordResetRequestDto,
  ): Promise<void> {
    return this.passwords.requestReset(body, origin);
  }

  @Public()
  @RateLimit('linkAnswer')
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'New password set from an e-mailed link; every session of the account ends. An unknown, ' +
      'used or expired link is 422 INVALID_RESET_TOKEN naming token.',
  })
  confirmReset(
    @Origin() origin: RequestOrigin,
    @Body() body: PasswordResetConfirmDto,
  ): Promise<void> {
    return this.passwords.confirmReset(body, origin);
  }
}
