// Errors in the TLS layer carry the alert to send. This is the one place that maps an error to
// an alert: the driver sends `alertFor(err)` and closes.
import { ALERT_TEXT, AlertDescription } from './constants';

export class TlsError extends Error {
  constructor(
    readonly alert: AlertDescription,
    message: string,
  ) {
    super(message);
    this.name = 'TlsError';
  }
}

/** A peer's alert, received. */
export class PeerAlert extends Error {
  constructor(
    readonly level: number,
    readonly description: number,
  ) {
    super(`peer sent ${level === 2 ? 'fatal' : 'warning'} alert: ${ALERT_TEXT[description] ?? description}`);
    this.name = 'PeerAlert';
  }
}

/** The alert to send for an error raised while handling a connection (RFC 8446 §6.2). */
export function alertFor(err: unknown): AlertDescription {
  if (err instanceof TlsError) return err.alert;
  // Anything else is our own failure, never the client's fault.
  return AlertDescription.internal_error;
}

export function alertText(d: number): string {
  return ALERT_TEXT[d] ?? `unknown (${d})`;
}
