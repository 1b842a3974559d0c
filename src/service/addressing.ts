import { IConstruct } from 'constructs';
import { InternalTrafficPolicy, IpFamily, IpFamilyPolicy, ServiceType } from './enums';
import { PodServiceProps } from './pod-service-props';
import { ClusterSettings } from '../core/cluster-settings';
import { fail, problem } from '../core/errors';
import { parseIp, specialIpReason } from '../core/ip';

/**
 * The addressing props of a Service that routes to pods: cluster IPs (S3, S12, A3), IP families
 * (S13), external IPs (S14), internal traffic policy (S21), session affinity (S11).
 * Fails on the first problem.
 */
export function checkAddressing(scope: IConstruct, serviceType: ServiceType, props: PodServiceProps): void {
  const clusterCidrs = ClusterSettings._of(scope).serviceCidrs;
  const clusterIp = props.clusterIp;
  if (serviceType !== ServiceType.CLUSTER_IP && (clusterIp === 'None' || props.clusterIps?.includes('None'))) {
    fail(scope, problem('S3', 'spec.clusterIP', 'None', `a cluster IP or nothing: a ${serviceType} Service cannot be headless`));
  }
  if (clusterIp !== undefined && clusterIp !== 'None') {
    const ip = parseIp(clusterIp);
    if (!ip) fail(scope, problem('S12', 'spec.clusterIP', clusterIp, 'a valid IPv4 or IPv6 address'));
    const cidrs = clusterCidrs;
    if (cidrs && !cidrs.some(c => c.family === ip.family && ip.value >= c.first && ip.value <= c.last)) {
      fail(scope, problem('A3', 'spec.clusterIP', clusterIp, `an address in the service CIDR (${cidrs.map(c => c.text).join(', ')})`));
    }
  }
  const families = props.ipFamilies ?? [];
  families.forEach((f, i) => {
    if (f !== IpFamily.IPV4 && f !== IpFamily.IPV6) fail(scope, problem('S13', `spec.ipFamilies[${i}]`, f, 'IPv4 or IPv6'));
  });
  if (families.length > 2) fail(scope, problem('S13', 'spec.ipFamilies', families, 'at most two families'));
  if (families.length === 2 && families[0] === families[1]) fail(scope, problem('S13', 'spec.ipFamilies', families, 'no family twice'));
  const policy = props.ipFamilyPolicy;
  if (policy !== undefined && !Object.values(IpFamilyPolicy).includes(policy)) {
    fail(scope, problem('S13', 'spec.ipFamilyPolicy', policy, 'SingleStack, PreferDualStack or RequireDualStack'));
  }
  if (families.length === 2 && (policy === undefined || policy === IpFamilyPolicy.SINGLE_STACK)) {
    fail(scope, problem('S13', 'spec.ipFamilyPolicy', policy ?? 'SingleStack (the default)', 'PreferDualStack or RequireDualStack when two ipFamilies are given'));
  }
  if (clusterCidrs) {
    // what the cluster's service CIDRs say about families (kube-apiserver refuses the rest)
    const has = (f: IpFamily) => clusterCidrs.some(c => (c.family === 4) === (f === IpFamily.IPV4));
    families.forEach((f, i) => {
      if (!has(f)) fail(scope, problem('A3', `spec.ipFamilies[${i}]`, f, `a family the cluster has a service CIDR for (${clusterCidrs.map(c => c.text).join(', ')})`));
    });
    if (policy === IpFamilyPolicy.REQUIRE_DUAL_STACK && !(has(IpFamily.IPV4) && has(IpFamily.IPV6))) {
      fail(scope, problem('A3', 'spec.ipFamilyPolicy', policy, `SingleStack or PreferDualStack: the cluster is single-stack (${clusterCidrs.map(c => c.text).join(', ')})`));
    }
  }
  const ips = props.clusterIps;
  if (ips !== undefined) {
    if (ips.length > 2) fail(scope, problem('S12', 'spec.clusterIPs', ips, 'at most two IPs, one per family'));
    if (clusterIp !== undefined && ips.length > 0 && ips[0] !== clusterIp) {
      fail(scope, problem('S12', 'spec.clusterIPs[0]', ips[0], `the same value as clusterIP (${clusterIp})`));
    }
    if (ips.length === 0 && clusterIp !== undefined) {
      fail(scope, problem('S12', 'spec.clusterIPs', ips, `[${JSON.stringify(clusterIp)}] (clusterIPs[0] must equal clusterIP) or leave clusterIPs unset`));
    }
    const parsed = ips.map((s, i) => {
      if (s === 'None') {
        if (i !== 0 || ips.length > 1) fail(scope, problem('S12', `spec.clusterIPs[${i}]`, s, '"None" only as the first and only value'));
        return undefined;
      }
      const ip = parseIp(s);
      if (!ip) fail(scope, problem('S12', `spec.clusterIPs[${i}]`, s, 'a valid IPv4 or IPv6 address'));
      return ip;
    });
    if (parsed.length === 2 && parsed[0] && parsed[1] && parsed[0].family === parsed[1].family) {
      fail(scope, problem('S12', 'spec.clusterIPs', ips, 'at most one IP per family'));
    }
    if (parsed.length === 2 && (policy === undefined || policy === IpFamilyPolicy.SINGLE_STACK)) {
      fail(scope, problem('S13', 'spec.ipFamilyPolicy', policy ?? 'SingleStack (the default)', 'PreferDualStack or RequireDualStack when two clusterIPs are given'));
    }
    parsed.forEach((ip, i) => {
      const fam = families[i];
      if (ip && fam !== undefined && (fam === IpFamily.IPV4) !== (ip.family === 4)) {
        fail(scope, problem('S12', `spec.clusterIPs[${i}]`, ips[i], `an ${fam} address, as ipFamilies[${i}] says`));
      }
    });
  } else if (clusterIp !== undefined && clusterIp !== 'None' && families.length > 0) {
    const ip = parseIp(clusterIp)!;
    if ((families[0] === IpFamily.IPV4) !== (ip.family === 4)) {
      fail(scope, problem('S12', 'spec.clusterIP', clusterIp, `an ${families[0]} address, as ipFamilies[0] says`));
    }
  }
  (props.externalIps ?? []).forEach((s, i) => {
    const ip = parseIp(s);
    if (!ip) fail(scope, problem('S14', `spec.externalIPs[${i}]`, s, 'a valid IPv4 or IPv6 address'));
    const special = specialIpReason(ip);
    if (special) fail(scope, problem('S14', `spec.externalIPs[${i}]`, s, `an address that is not ${special}: not unspecified, loopback or link-local`));
  });
  const itp = props.internalTrafficPolicy;
  if (itp !== undefined && !Object.values(InternalTrafficPolicy).includes(itp)) {
    fail(scope, problem('S21', 'spec.internalTrafficPolicy', itp, 'Cluster or Local'));
  }
  const aff = props.sessionAffinity;
  if (aff !== undefined && aff.mode !== 'None' && aff.mode !== 'ClientIP') {
    fail(scope, problem('S11', 'spec.sessionAffinity', aff.mode, 'None or ClientIP'));
  }
  // SessionAffinity.clientIp() leaves the check of its timeout to the Service, which knows its path
  const timeout = aff?.timeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 86400)) {
    fail(scope, problem('S11', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, 'whole seconds from 1 to 86400'));
  }
}
