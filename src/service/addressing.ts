import { IConstruct } from 'constructs';
import { InternalTrafficPolicy, IpFamily, IpFamilyPolicy, ServiceType, TrafficDistribution } from './enums';
import { PodServiceProps } from './pod-service-props';
import { ClusterSettings } from '../core/cluster-settings';
import { fail, problem, warn } from '../core/errors';
import { nonStandardIpForm, ParsedIp, parseIp, specialIpReason } from '../core/ip';
import { minorText, SINCE } from '../core/k8s-version';

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
    checkAllocatable(scope, 'spec.clusterIP', ip);
  }
  const families: readonly IpFamily[] = props.ipFamilies ?? NONE;
  for (let i = 0; i < families.length; i++) {
    const f = families[i];
    if (f !== IpFamily.IPV4 && f !== IpFamily.IPV6) fail(scope, problem('S13', `spec.ipFamilies[${i}]`, f, 'IPv4 or IPv6'));
  }
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
    if (clusterIp === undefined && ips.length > 0) {
      // ValidateServiceClusterIPsRelatedFields: "must be empty when `clusterIP` is not specified"
      fail(scope, problem('S12', 'spec.clusterIPs', ips, `no clusterIPs unless clusterIP is set too (kube-apiserver refuses them alone): add clusterIp: ${JSON.stringify(ips[0])}`));
    }
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
      if (i > 0) checkAllocatable(scope, `spec.clusterIPs[${i}]`, ip);
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
  (props.externalIps ?? NONE).forEach((s, i) => {
    const ip = parseIp(s);
    if (!ip) fail(scope, problem('S14', `spec.externalIPs[${i}]`, s, 'a valid IPv4 or IPv6 address'));
    const special = specialIpReason(ip);
    if (special) fail(scope, problem('S14', `spec.externalIPs[${i}]`, s, `an address that is not ${special}: not unspecified, loopback or link-local`));
    warnIpForm(scope, 'S14', `spec.externalIPs[${i}]`, s);
  });
  if (clusterIp !== undefined && clusterIp !== 'None') {
    (ips ?? [clusterIp]).forEach((s, i) => warnIpForm(scope, 'S12', `spec.clusterIPs[${i}]`, s));
  }
  checkTrafficDistribution(scope, props.trafficDistribution);
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

/**
 * A3: a pinned cluster IP lies in the service CIDR of its family and is one the allocator hands
 * out: never the network address; for IPv4 never the broadcast address; for IPv6, before 1.33
 * (bitmap allocator), only the first 65535 addresses after the network address.
 */
function checkAllocatable(scope: IConstruct, field: string, ip: ParsedIp): void {
  const settings = ClusterSettings._of(scope);
  const cidrs = settings.serviceCidrs;
  if (!cidrs) return;
  const cidr = cidrs.find(c => c.family === ip.family && ip.value >= c.first && ip.value <= c.last);
  if (!cidr) fail(scope, problem('A3', field, ip.text, `an address in the service CIDR (${cidrs.map(c => c.text).join(', ')})`));
  const minor = settings.kubernetesMinor;
  let why: string | undefined;
  if (ip.value === cidr.first) {
    why = `not the network address of ${cidr.text}: the allocator never hands it out`;
  } else if (ip.family === 4 && ip.value === cidr.last) {
    why = `not the broadcast address of ${cidr.text}: the allocator never hands it out`;
  } else if (ip.family === 6 && minor < SINCE.ipAddressAllocator && ip.value > cidr.first + 65535n) {
    why = `one of the first 65535 addresses of ${cidr.text}: the cluster IP allocator of Kubernetes ${minorText(minor)} (bitmap, before 1.33) uses no more of an IPv6 service CIDR`;
  }
  if (why) fail(scope, problem('A3', field, ip.text, `an address the cluster can allocate, ${why}`));
}

/** From 1.33 kube-apiserver warns about IPs in non-standard forms (GetWarningsForIP). */
export function warnIpForm(scope: IConstruct, rule: string, field: string, text: string): void {
  if (ClusterSettings._of(scope).kubernetesMinor < SINCE.ipFormWarnings) return;
  const standard = nonStandardIpForm(text);
  if (standard !== undefined) {
    warn(scope, `${rule} ${field} ${JSON.stringify(text)} is not in the standard form ${JSON.stringify(standard)}; kube-apiserver ${minorText(ClusterSettings._of(scope).kubernetesMinor)} warns about it`);
  }
}

const TRAFFIC_DISTRIBUTIONS: Record<string, number> = {
  [TrafficDistribution.PREFER_CLOSE]: SINCE.trafficDistribution,
  [TrafficDistribution.PREFER_SAME_ZONE]: SINCE.trafficDistributionPreferSame,
  [TrafficDistribution.PREFER_SAME_NODE]: SINCE.trafficDistributionPreferSame,
};

/** S26: spec.trafficDistribution exists from 1.31; PreferSameZone and PreferSameNode from 1.34. */
function checkTrafficDistribution(scope: IConstruct, td: TrafficDistribution | undefined): void {
  if (td === undefined) return;
  const minor = ClusterSettings._of(scope).kubernetesMinor;
  const allowed = Object.keys(TRAFFIC_DISTRIBUTIONS).filter(v => TRAFFIC_DISTRIBUTIONS[v] <= minor);
  if (allowed.length === 0) {
    fail(scope, problem('S26', 'spec.trafficDistribution', td,
      `no trafficDistribution on Kubernetes ${minorText(minor)}: the field exists from 1.31 (1.30 drops it without a word); set kubernetesVersion with ClusterSettings.configure`));
  }
  if (!allowed.includes(td)) {
    const since = TRAFFIC_DISTRIBUTIONS[td];
    fail(scope, problem('S26', 'spec.trafficDistribution', td,
      `${allowed.join(', ')} on Kubernetes ${minorText(minor)}${since ? ` (${td} needs ${minorText(since)})` : ''}`));
  }
}

/** What an absent list reads as (no new array per Service). */
const NONE: readonly never[] = Object.freeze([]);
