import { Duration } from 'cdk8s';

/**
 * Whether a client's connections stick to one pod.
 */
export class SessionAffinity {
  /**
   * No affinity: each connection may go to any pod (the Kubernetes default).
   */
  public static none(): SessionAffinity {
    return new SessionAffinity('None', undefined);
  }

  /**
   * Connections from one client IP go to the same pod until the client has been idle for `timeout`.
   *
   * @param timeout whole seconds from 1 second to 1 day (checked by the Service that uses it). Default: 3 hours (10800 seconds)
   */
  public static clientIp(timeout?: Duration): SessionAffinity {
    // checked by the Service that uses it (rule S11), so that the error names its construct path
    const seconds = timeout === undefined ? undefined : timeout.toMilliseconds() / 1000;
    return new SessionAffinity('ClientIP', seconds);
  }

  /** `None` or `ClientIP`. */
  public readonly mode: string;
  /** The ClientIP timeout in seconds, when set. */
  public readonly timeoutSeconds?: number;

  private constructor(mode: string, timeoutSeconds: number | undefined) {
    this.mode = mode;
    this.timeoutSeconds = timeoutSeconds;
  }
}
