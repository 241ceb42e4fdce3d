// Stateless TLS 1.3 session tickets (RFC 8446 §4.6.1, RFC 5077 §4 style): the resumption state
// is sealed under a server key with AES-256-GCM, so the server keeps nothing per session.
import { Reader, Writer } from './codec';
import { createAead, hkdfExpandLabel, HashName } from './primitives';

/** What a ticket carries back to us. */
export interface TicketState {
  readonly suite: number;
  readonly psk: Buffer;
  /** Milliseconds since the epoch when the ticket was issued. */
  readonly issued: number;
  readonly ageAdd: number;
  readonly lifetime: number;
  readonly maxEarlyData: number;
  readonly alpn: string;
  readonly serverName: string;
}

const VERSION = 1;
const NONCE_LEN = 12;

/** RFC 8446 §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length). */
export function ticketPsk(alg: HashName, resumptionMasterSecret: Buffer, ticketNonce: Buffer, hashLen: number): Buffer {
  return hkdfExpandLabel(alg, resumptionMasterSecret, 'resumption', ticketNonce, hashLen);
}

export class TicketSealer {
  private readonly aead;

  constructor(
    key: Buffer,
    private readonly random: (n: number) => Buffer,
  ) {
    this.aead = createAead('aes-256-gcm', key);
  }

  seal(s: TicketState): Buffer {
    const w = new Writer();
    w.u8(VERSION).u16(s.suite).vecBytes(1, s.psk).u32(Math.floor(s.issued / 1000)).u16(s.issued % 1000).u32(s.ageAdd).u32(s.lifetime).u32(s.maxEarlyData);
    w.vecBytes(1, Buffer.from(s.alpn, 'latin1')).vecBytes(2, Buffer.from(s.serverName, 'latin1'));
    const nonce = this.random(NONCE_LEN);
    return Buffer.concat([nonce, this.aead.seal(nonce, Buffer.from('ts-s-server ticket'), w.finish())]);
  }

  /** The state inside a ticket, or undefined when it is not one of ours (or was tampered with). */
  open(ticket: Buffer): TicketState | undefined {
    if (ticket.length < NONCE_LEN + 16 + 1) return undefined;
    const plain = this.aead.open(ticket.subarray(0, NONCE_LEN), Buffer.from('ts-s-server ticket'), ticket.subarray(NONCE_LEN));
    if (!plain) return undefined;
    try {
      const r = new Reader(plain, 'ticket');
      if (r.u8() !== VERSION) return undefined;
      const suite = r.u16();
      const psk = Buffer.from(r.vec(1));
      const issued = r.u32() * 1000 + r.u16();
      const ageAdd = r.u32();
      const lifetime = r.u32();
      const maxEarlyData = r.u32();
      const alpn = Buffer.from(r.vec(1)).toString('latin1');
      const serverName = Buffer.from(r.vec(2)).toString('latin1');
      r.end();
      return { suite, psk, issued, ageAdd, lifetime, maxEarlyData, alpn, serverName };
    } catch {
      return undefined;
    }
  }
}
