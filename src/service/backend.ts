import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ResolvedBackend, resolvePodTemplate, workloadApiObject } from './workload-object';

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
    return new ServiceBackend(() => ({ selector: {}, description: 'addresses', addresses: copy }), copy);
  }

  /**
   * The pods of a workload: a cdk8s-plus workload of any version from cdk8s-plus-28 to
   * cdk8s-plus-33 (`Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `Pod`), an L1 object with a
   * pod template (`KubeDeployment`, `KubeStatefulSet`, ...), or such an object read from YAML
   * with `Include`.
   *
   * The workload is read as it is written: the selector is its `spec.selector.matchLabels` (a
   * Pod's own labels; the pod template's labels when the object has no selector), and named
   * target ports are checked against the ports its containers declare. Containers added after
   * the Service are seen.
   *
   * @param workload the workload construct, or the ApiObject it writes
   */
  public static fromWorkload(workload: IConstruct): ServiceBackend {
    return new ServiceBackend(() => {
      const apiObject = workloadApiObject(workload);
      if (!apiObject) {
        return {
          selector: {},
          description: workload.node.path,
          error: `${workload.node.path} is not a workload: neither an ApiObject with a pod template nor a construct (such as a cdk8s-plus workload) that writes one`,
        };
      }
      const description = apiObject === workload ? `${apiObject.kind} ${apiObject.node.path}` : `workload ${workload.node.path}`;
      return resolvePodTemplate(apiObject, description);
    });
  }

  /**
   * The pods of an L1 object with a pod template: a `KubeDeployment`, `KubeStatefulSet`,
   * `KubeDaemonSet`, `KubeReplicaSet`, `KubeJob` or `KubePod`, or such an object read from YAML
   * with `Include`. The same as `fromWorkload` given the object.
   */
  public static fromApiObject(apiObject: ApiObject): ServiceBackend {
    return ServiceBackend.fromWorkload(apiObject);
  }

  /**
   * The addresses of a backend made with `fromAddresses` (known without resolving the backend).
   * @internal
   */
  public readonly _addresses?: string[];

  private constructor(private readonly resolver: () => ResolvedBackend, addresses?: string[]) {
    this._addresses = addresses;
  }

  /** @internal */
  public _resolve(): ResolvedBackend {
    return this.resolver();
  }
}
