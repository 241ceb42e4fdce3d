// The TLS 1.3 key schedule (RFC 8446 §7.1) as small named steps.
import { HashName, hkdfExpandLabel, hkdfExtract, hmac, hash } from './primitives';

/** Derive-Secret(Secret, Label, Messages) with the transcript hash already computed. */
export function deriveSecret(alg: HashName, secret: Uint8Array, label: string, transcriptHash: Uint8Array): Buffer {
  return hkdfExpandLabel(alg, secret, label, transcriptHash, transcriptHash.length);
}

export interface TrafficKeys {
  readonly key: Buffer;
  readonly iv: Buffer;
}

/** RFC 8446 §7.3: [sender]_write_key and [sender]_write_iv from a traffic secret. */
export function trafficKeys(alg: HashName, secret: Uint8Array, keyLen: number, ivLen: number): TrafficKeys {
  return {
    key: hkdfExpandLabel(alg, secret, 'key', Buffer.alloc(0), keyLen),
    iv: hkdfExpandLabel(alg, secret, 'iv', Buffer.alloc(0), ivLen),
  };
}

/** RFC 8446 §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(...)). */
export function finishedVerifyData(alg: HashName, baseKey: Uint8Array, transcriptHash: Uint8Array): Buffer {
  const finishedKey = hkdfExpandLabel(alg, baseKey, 'finished', Buffer.alloc(0), transcriptHash.length);
  return hmac(alg, finishedKey, transcriptHash);
}

/** RFC 8446 §7.2: application_traffic_secret_N+1. */
export function nextTrafficSecret(alg: HashName, secret: Uint8Array, hashLen: number): Buffer {
  return hkdfExpandLabel(alg, secret, 'traffic upd', Buffer.alloc(0), hashLen);
}

/**
 * The schedule's secrets, advanced stage by stage:
 *   early (PSK or zeros) -> handshake (with (EC)DHE) -> master.
 */
export class KeySchedule13 {
  private readonly zeros: Buffer;
  private readonly emptyHash: Buffer;
  readonly earlySecret: Buffer;
  handshakeSecret?: Buffer;
  masterSecret?: Buffer;

  constructor(
    readonly alg: HashName,
    readonly hashLen: number,
    psk?: Uint8Array,
  ) {
    this.zeros = Buffer.alloc(hashLen);
    this.emptyHash = hash(alg, Buffer.alloc(0));
    this.earlySecret = hkdfExtract(alg, this.zeros, psk ?? this.zeros);
  }

  binderKey(external: boolean): Buffer {
    return deriveSecret(this.alg, this.earlySecret, external ? 'ext binder' : 'res binder', this.emptyHash);
  }

  clientEarlyTrafficSecret(helloHash: Uint8Array): Buffer {
    return deriveSecret(this.alg, this.earlySecret, 'c e traffic', helloHash);
  }

  earlyExporterMasterSecret(helloHash: Uint8Array): Buffer {
    return deriveSecret(this.alg, this.earlySecret, 'e exp master', helloHash);
  }

  /** Mixes in the (EC)DHE shared secret, or zeros for psk_ke. */
  enterHandshake(sharedSecret: Uint8Array | undefined): void {
    const salt = deriveSecret(this.alg, this.earlySecret, 'derived', this.emptyHash);
    this.handshakeSecret = hkdfExtract(this.alg, salt, sharedSecret ?? this.zeros);
  }

  handshakeTrafficSecrets(helloHash: Uint8Array): { client: Buffer; server: Buffer } {
    const hs = this.need(this.handshakeSecret, 'handshake');
    return {
      client: deriveSecret(this.alg, hs, 'c hs traffic', helloHash),
      server: deriveSecret(this.alg, hs, 's hs traffic', helloHash),
    };
  }

  enterMaster(): void {
    const hs = this.need(this.handshakeSecret, 'handshake');
    const salt = deriveSecret(this.alg, hs, 'derived', this.emptyHash);
    this.masterSecret = hkdfExtract(this.alg, salt, this.zeros);
  }

  /** Secrets bound to the transcript through the server Finished. */
  applicationSecrets(serverFinishedHash: Uint8Array): { client: Buffer; server: Buffer; exporter: Buffer } {
    const ms = this.need(this.masterSecret, 'master');
    return {
      client: deriveSecret(this.alg, ms, 'c ap traffic', serverFinishedHash),
      server: deriveSecret(this.alg, ms, 's ap traffic', serverFinishedHash),
      exporter: deriveSecret(this.alg, ms, 'exp master', serverFinishedHash),
    };
  }

  /** Bound to the transcript through the client Finished. */
  resumptionMasterSecret(clientFinishedHash: Uint8Array): Buffer {
    return deriveSecret(this.alg, this.need(this.masterSecret, 'master'), 'res master', clientFinishedHash);
  }

  private need(secret: Buffer | undefined, stage: string): Buffer {
    if (!secret) throw new Error(`key schedule: ${stage} secret used before it exists`);
    return secret;
  }
}

/** RFC 8446 §7.5: TLS-Exporter(label, context, length). */
export function exportKeyingMaterial(alg: HashName, exporterSecret: Uint8Array, label: string, context: Uint8Array, length: number): Buffer {
  const derived = deriveSecret(alg, exporterSecret, label, hash(alg, Buffer.alloc(0)));
  return hkdfExpandLabel(alg, derived, 'exporter', hash(alg, context), length);
}
