import { Module } from '@nestjs/common';
import { FhirModule } from '../fhir/fhir.module';
import { PatientExportController } from './patient-export.controller';
import { PatientExportService } from './patient-export.service';

/** The patient's own copy of her case (issue 17, GDPR art. 15 and 20). */
@Module({
  imports: [FhirModule],
  controllers: [PatientExportController],
  providers: [PatientExportService],
})
export class PatientExportModule {}
