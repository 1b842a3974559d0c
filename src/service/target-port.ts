/**
 * The port of the pods that a Service port forwards to: a number, or the name of a container port.
 *
 * The value is checked by the Service that uses it (rule S8), so that the error names the
 * Service's construct path and the field (`spec.ports[i].targetPort`).
 */
export class TargetPort {
  /**
   * A port number on the pods (1-65535).
   */
  public static fromNumber(port: number): TargetPort {
    return new TargetPort(port, undefined);
  }

  /**
   * The name of a container port (an IANA service name such as `http`). When the Service's backend is
   * a known workload, one of its containers must declare a port with this name.
   */
  public static fromName(name: string): TargetPort {
    return new TargetPort(undefined, name);
  }

  /** The port number, when the target is a number. */
  public readonly portNumber?: number;
  /** The container port name, when the target is a name. */
  public readonly portName?: string;

  private constructor(portNumber: number | undefined, portName: string | undefined) {
    this.portNumber = portNumber;
    this.portName = portName;
  }

  /** The target port as Kubernetes writes it. */
  public toString(): string {
    return this.portName ?? String(this.portNumber);
  }
}
