import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { TrainingResolver } from './training.resolver';
import { TrainingService } from './training.service';

/** Training records with expiry and reminders; policies and their acknowledgements. */
export const startTraining = async (
  runtime: ServiceRuntime,
  organization: OrganizationQueries,
): Promise<readonly Provider[]> => [
  { provide: TrainingService, useValue: await TrainingService.start(runtime, organization) },
];
export const TRAINING_RESOLVERS: readonly Type[] = [TrainingResolver];
