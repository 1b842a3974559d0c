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
   * @param timeout whole seconds from 1 second to 1 day. Default: 3 hours (10800 seconds)
   */
  public static clientIp(timeout?: Duration): SessionAffinity {
    const seconds = timeout === undefined ? undefined : timeout.toMilliseconds() / 1000;
    if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 1 || seconds > 86400)) {
      throw new Error(`S11 sessionAffinityConfig.clientIP.timeoutSeconds: got ${seconds}; expected whole seconds from 1 to 86400`);
    }
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
