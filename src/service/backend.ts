import { ApiObject } from 'cdk8s';
import type * as plus from 'cdk8s-plus-28';

/** @internal */
export interface BackendContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

/** @internal */
export interface ResolvedBackend {
  /** the labels a Service selects the backend's pods by */
  readonly selector: Record<string, string>;
  /** every container port of the pods, when the pod template is known */
  readonly containerPorts?: BackendContainerPort[];
  /** what the backend is, for messages */
  readonly description: string;
  /** why no selector can be derived, when it cannot */
  readonly error?: string;
  /** the IP addresses of a backend outside the cluster's pods (no selector; EndpointSlices by hand) */
  readonly addresses?: string[];
}

/**
 * The pods a Service sends traffic to.
 */
export class ServiceBackend {
  /**
   * Pods with all these labels.
   */
  public static fromLabels(labels: { [key: string]: string }): ServiceBackend {
    const copy = { ...labels };
    return new ServiceBackend(() => ({ selector: copy, description: 'labels' }));
  }

  /**
   * Servers that are not pods of the cluster, by IP address (a database outside the cluster, the
   * companion of an ExternalName Service for a name). The Service gets no selector; the library
   * writes its EndpointSlices (`discovery.k8s.io/v1`, one per address family, at most 1,000
   * endpoints each) with the Service's ports, their target ports as the port numbers. Each
   * address is an IPv4 or IPv6 address, not unspecified, loopback or link-local (rule E1).
   */
  public static fromAddresses(addresses: string[]): ServiceBackend {
    if (!Array.isArray(addresses) || addresses.length === 0) {
      throw new Error(`E1 addresses: got ${JSON.stringify(addresses)}; expected at least one IP address`);
    }
    const copy = [...addresses];
    return new ServiceBackend(() => ({ selector: {}, description: 'addresses', addresses: copy }));
  }

  /**
   * The pods of a cdk8s-plus-28 workload (`Deployment`, `StatefulSet`, `DaemonSet`, `Job` or `Pod`).
   * The selector is the workload's own pod selector, and named target ports are checked against
   * its containers.
   */
  public static fromWorkload(workload: plus.AbstractPod): ServiceBackend {
    return new ServiceBackend(() => {
      const description = `workload ${workload.node.path}`;
      const matchLabels = (workload as Partial<plus.Workload>).matchLabels;
      const selector = matchLabels ?? workload.podMetadata.toJson().labels ?? {};
      const containerPorts: BackendContainerPort[] = [];
      for (const c of workload.containers) {
        for (const p of c.ports) {
          containerPorts.push({ name: p.name, port: p.number, protocol: p.protocol ?? 'TCP' });
        }
        if (c.portNumber !== undefined && !c.ports.some(p => p.number === c.portNumber)) {
          containerPorts.push({ port: c.portNumber, protocol: 'TCP' });
        }
      }
      const error = Object.keys(selector).length === 0
        ? `${description} selects its pods by no label (a Service selector cannot express match expressions)`
        : undefined;
      return { selector, containerPorts, description, error };
    });
  }

  /**
   * The pods of an L1 object with a pod template: a `KubeDeployment`, `KubeStatefulSet`,
   * `KubeDaemonSet`, `KubeReplicaSet`, `KubeJob` or `KubePod`, or such an object read from YAML
   * with `Include`. The selector is the object's `spec.selector.matchLabels`, or the labels of its
   * pod template when it has no selector.
   */
  public static fromApiObject(apiObject: ApiObject): ServiceBackend {
    return new ServiceBackend(() => {
      const description = `${apiObject.kind} ${apiObject.node.path}`;
      const json = apiObject.toJson();
      const template = apiObject.kind === 'Pod' ? json : json?.spec?.template;
      if (!template) {
        return { selector: {}, description, error: `${description} has no pod template (spec.template)` };
      }
      const matchLabels: Record<string, string> | undefined = json?.spec?.selector?.matchLabels;
      const selector: Record<string, string> = matchLabels && Object.keys(matchLabels).length > 0
        ? matchLabels
        : (template.metadata?.labels ?? {});
      const containerPorts: BackendContainerPort[] = [];
      for (const c of [...(template.spec?.containers ?? []), ...(template.spec?.initContainers ?? [])]) {
        for (const p of c.ports ?? []) {
          containerPorts.push({ name: p.name, port: p.containerPort, protocol: p.protocol ?? 'TCP' });
        }
      }
      const error = Object.keys(selector).length === 0
        ? `${description} has neither spec.selector.matchLabels nor pod template labels to select its pods by`
        : undefined;
      return { selector, containerPorts, description, error };
    });
  }

  private constructor(private readonly resolver: () => ResolvedBackend) {}

  /** @internal */
  public _resolve(): ResolvedBackend {
    return this.resolver();
  }
}
