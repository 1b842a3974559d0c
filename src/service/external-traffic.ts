import { Construct } from 'constructs';
import { ExternalTrafficPolicy } from './enums';
import { fail, problem } from '../core/errors';

/** Rule S19: the policy is Cluster or Local. */
export function checkExternalTrafficPolicy(scope: Construct, etp: ExternalTrafficPolicy | undefined): ExternalTrafficPolicy | undefined {
  if (etp !== undefined && etp !== ExternalTrafficPolicy.CLUSTER && etp !== ExternalTrafficPolicy.LOCAL) {
    fail(scope, problem('S19', 'spec.externalTrafficPolicy', etp, 'Cluster or Local'));
  }
  return etp;
}
