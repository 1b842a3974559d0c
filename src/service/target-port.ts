import { ianaServiceName, portNumber as portNumberProblem } from '../core/syntax';

/**
 * The port of the pods that a Service port forwards to: a number, or the name of a container port.
 */
export class TargetPort {
  /**
   * A port number on the pods (1-65535).
   */
  public static fromNumber(port: number): TargetPort {
    const bad = portNumberProblem(port);
    if (bad) throw new Error(`S8 targetPort: got ${port}; expected ${bad}`);
    return new TargetPort(port, undefined);
  }

  /**
   * The name of a container port (an IANA service name such as `http`). When the Service's backend is
   * a known workload, one of its containers must declare a port with this name.
   */
  public static fromName(name: string): TargetPort {
    const bad = ianaServiceName(name);
    if (bad) throw new Error(`S8 targetPort: got ${JSON.stringify(name)}; expected ${bad}`);
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
