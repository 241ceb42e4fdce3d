// One TLS connection: owns the socket, the record layer and the handshake state machine, and
// hands application data to the serving mode. Every error ends this connection (with the alert
// RFC 8446 §6 names) and never the process.
import type { Socket } from 'node:net';

import { alertFor, PeerAlert, TlsError } from '../tls/alert';
import { AlertDescription, AlertLevel, ContentType, HandshakeType } from '../tls/constants';
import { Tls13Config } from '../tls/config13';
import { trafficKeys } from '../tls/keySchedule13';
import { plaintextRecords, Protection13, RecordFramer, TlsRecord, HandshakeReassembler, MAX_PLAINTEXT } from '../tls/record';
import { Connected, Direction, Epoch, ExpectClientHello, HandshakeSink, NegotiatedInfo, State } from '../tls/server13';
import { SuiteParams } from '../tls/primitives';

/** Largest handshake message we accept (a client certificate chain fits well within it). */
const MAX_HANDSHAKE_MESSAGE = 1 << 17;
/** RFC 8446 §4.2.10: how much rejected 0-RTT data we skip before giving up. */
const MAX_SKIPPED_EARLY_DATA = 1 << 14;

export interface ConnectionEvents {
  /** The handshake is done; the mode may start. */
  onHandshake(conn: TlsConnection, info: NegotiatedInfo): void;
  /** Application data from the client. */
  onData(conn: TlsConnection, data: Buffer): void;
  /** The client sent close_notify. */
  onCloseNotify(conn: TlsConnection): void;
  /** The connection failed (our alert sent, or the peer's received). */
  onError(conn: TlsConnection, err: Error): void;
  /** The socket is gone. */
  onClosed(conn: TlsConnection): void;
  /** What crosses the wire and the record layer, for -msg, -debug, -state and the JSON log. */
  onTrace?(conn: TlsConnection, event: TraceEvent): void;
  /** The client closed its side of the TCP connection without close_notify. */
  onUnexpectedEof?(conn: TlsConnection): void;
  /** NSS key log lines. */
  onKeyLog?(line: string): void;
  /** The verify lines for the client's certificate chain. */
  onPeerVerifyLines?(conn: TlsConnection, lines: readonly Buffer[]): void;
}

/**
 * Trace events, in the order OpenSSL's callbacks see them: for each record its 5-byte header,
 * then (protected records) the inner content type, then each handshake message, alert or
 * change_cipher_spec it carries. `wire` is what one read or write on the socket moved (-debug).
 */
export type TraceEvent =
  | { readonly kind: 'header'; readonly dir: 'in' | 'out'; readonly header: Buffer }
  | { readonly kind: 'inner'; readonly dir: 'in' | 'out'; readonly type: number }
  | { readonly kind: 'message'; readonly dir: 'in' | 'out'; readonly contentType: number; readonly data: Buffer }
  | { readonly kind: 'wire'; readonly dir: 'in' | 'out'; readonly data: Buffer };

/** A NewSessionTicket we sent: what OpenSSL keeps of the last one in its session. */
export interface SentTicket {
  readonly ageAdd: number;
  readonly nonce: Buffer;
  readonly lifetime: number;
}

export class TlsConnection implements HandshakeSink {
  private readonly framer = new RecordFramer();
  private readonly reassembler = new HandshakeReassembler(MAX_HANDSHAKE_MESSAGE);
  private state: State;
  private readKeys?: Protection13;
  private writeKeys?: Protection13;
  private pendingHandshake: Buffer[] = [];
  private skippingEarlyData = 0;
  private skipEarly = false;
  private closed = false;
  private sentCloseNotify = false;
  private receivedCloseNotify = false;
  private doneInfo?: NegotiatedInfo;
  private outQueue: Buffer[] = [];
  info?: NegotiatedInfo;
  /** Tickets sent, in order. */
  readonly tickets: SentTicket[] = [];
  /** When each step happened (milliseconds, process clock), for the JSON log. */
  readonly times: { accepted: number; clientHello?: number; serverFinished?: number; handshakeDone?: number; closed?: number } = { accepted: performance.now() };
  bytesIn = 0;
  bytesOut = 0;

  constructor(
    readonly socket: Socket,
    private readonly config: Tls13Config,
    private readonly events: ConnectionEvents,
  ) {
    this.state = new ExpectClientHello(config);
    socket.on('data', (d: Buffer) => this.receive(d));
    socket.on('end', () => this.onEnd());
    socket.on('error', (err) => this.fail(err, false));
    socket.on('close', () => {
      this.closed = true;
      this.times.closed = performance.now();
      this.events.onClosed(this);
    });
  }

  get handshakeComplete(): boolean {
    return this.info !== undefined;
  }

  // ---- Input ----------------------------------------------------------------------------------

  private receive(data: Buffer): void {
    if (this.closed) return;
    this.bytesIn += data.length;
    try {
      this.framer.push(data);
      for (let rec = this.framer.next(); rec; rec = this.closed ? undefined : this.framer.next()) {
        // OpenSSL reads a record as its header, then its body: -debug shows both reads.
        this.trace({ kind: 'wire', dir: 'in', data: rec.header });
        if (rec.fragment.length) this.trace({ kind: 'wire', dir: 'in', data: rec.fragment });
        this.trace({ kind: 'header', dir: 'in', header: rec.header });
        this.onRecord(rec);
        // The record that completed the handshake: tickets out and the handshake reported
        // before the next record is read, as OpenSSL's SSL_accept returns first.
        if (this.doneInfo) {
          this.flush();
          this.pump();
          this.reportDone();
        }
      }
      this.flush();
      this.pump();
      this.reportDone();
    } catch (err) {
      this.fail(err as Error, true);
    }
  }

  private trace(event: TraceEvent): void {
    this.events.onTrace?.(this, event);
  }

  /** The handshake is reported once the flight that completes it (tickets included) is out. */
  private reportDone(): void {
    const info = this.doneInfo;
    if (!info || this.closed) return;
    this.doneInfo = undefined;
    this.info = info;
    this.times.handshakeDone = performance.now();
    this.events.onHandshake(this, info);
  }

  private onRecord(rec: TlsRecord): void {
    let type = rec.type;
    let content = rec.fragment;
    if (type === ContentType.change_cipher_spec) {
      // RFC 8446 §5: a single 0x01 change_cipher_spec may arrive after the first ClientHello
      // and before the client's Finished, and is dropped; any other is unexpected.
      const beforeClientHello = this.state instanceof ExpectClientHello;
      if (beforeClientHello || this.handshakeComplete || this.doneInfo || content.length !== 1 || content[0] !== 1) {
        throw new TlsError(AlertDescription.unexpected_message, 'unexpected change_cipher_spec');
      }
      return;
    }
    if (this.readKeys) {
      if (type !== ContentType.application_data) throw new TlsError(AlertDescription.unexpected_message, `unprotected record of type ${type}`);
      try {
        ({ type, content } = this.readKeys.open(rec));
        this.skipEarly = false;
      } catch (err) {
        // RFC 8446 §4.2.10: records of rejected 0-RTT data fail to decrypt; skip them, up to a limit.
        if (this.skipEarly && err instanceof TlsError && err.alert === AlertDescription.bad_record_mac) {
          this.skippingEarlyData += rec.fragment.length;
          if (this.skippingEarlyData > MAX_SKIPPED_EARLY_DATA) throw err;
          this.readKeys.rewindSequence();
          return;
        }
        throw err;
      }
    } else if (type === ContentType.application_data) {
      throw new TlsError(AlertDescription.unexpected_message, 'application data before the handshake');
    } else if (content.length > MAX_PLAINTEXT) {
      throw new TlsError(AlertDescription.record_overflow, 'plaintext record too long');
    }
    if (this.readKeys) this.trace({ kind: 'inner', dir: 'in', type });
    switch (type) {
      case ContentType.handshake:
        return this.onHandshakeFragment(content);
      case ContentType.alert:
        return this.onAlert(content);
      case ContentType.application_data:
        if (!this.handshakeComplete && !this.doneInfo) throw new TlsError(AlertDescription.unexpected_message, 'application data during the handshake');
        this.flush();
        this.pump();
        this.reportDone();
        if (content.length) this.events.onData(this, content);
        return;
      default:
        throw new TlsError(AlertDescription.unexpected_message, `record of type ${type}`);
    }
  }

  private onHandshakeFragment(fragment: Buffer): void {
    // RFC 8446 §5.1: handshake messages may not be empty records (zero-length fragments).
    if (fragment.length === 0) throw new TlsError(AlertDescription.unexpected_message, 'empty handshake record');
    this.reassembler.push(fragment);
    for (let m = this.reassembler.next(); m; m = this.closed ? undefined : this.reassembler.next()) {
      const before = this.readKeys;
      this.trace({ kind: 'message', dir: 'in', contentType: ContentType.handshake, data: m.raw });
      if (m.type === HandshakeType.client_hello && this.times.clientHello === undefined) this.times.clientHello = performance.now();
      this.state = this.state.handle(m, this);
      // RFC 8446 §5.1: a key change must fall on a record boundary.
      if (this.readKeys !== before && this.reassembler.partial) {
        throw new TlsError(AlertDescription.unexpected_message, 'handshake message spans a key change');
      }
    }
  }

  private onAlert(content: Buffer): void {
    if (content.length !== 2) throw new TlsError(AlertDescription.decode_error, 'malformed alert');
    this.trace({ kind: 'message', dir: 'in', contentType: ContentType.alert, data: content });
    const [level, description] = content;
    if (description === AlertDescription.close_notify) {
      this.receivedCloseNotify = true;
      this.events.onCloseNotify(this);
      return;
    }
    // RFC 8446 §6.2: every alert but close_notify and user_canceled ends the connection.
    if (description === AlertDescription.user_canceled) return;
    const err = new PeerAlert(level, description);
    this.closed = true;
    this.events.onError(this, err);
    this.socket.destroy();
  }

  private onEnd(): void {
    if (this.closed) return;
    if (!this.receivedCloseNotify && !this.sentCloseNotify) this.events.onUnexpectedEof?.(this);
    if (this.closed) return;
    this.socket.end();
  }

  // ---- HandshakeSink --------------------------------------------------------------------------

  sendHandshake(message: Buffer): void {
    this.pendingHandshake.push(message);
  }

  sendChangeCipherSpec(): void {
    this.flush();
    const ccs = Buffer.from([1]);
    const rec = plaintextRecords(ContentType.change_cipher_spec, ccs)[0];
    this.trace({ kind: 'header', dir: 'out', header: rec.subarray(0, 5) });
    this.trace({ kind: 'message', dir: 'out', contentType: ContentType.change_cipher_spec, data: ccs });
    this.writeRaw(rec);
  }

  installKeys(direction: Direction, _epoch: Epoch, suite: SuiteParams, secret: Buffer): void {
    const k = trafficKeys(suite.hash, secret, suite.keyLen, suite.ivLen);
    const p = new Protection13(suite.aead, k.key, k.iv, suite.tagLen);
    if (direction === 'write') {
      this.flush();
      this.writeKeys = p;
    } else {
      this.readKeys = p;
    }
  }

  peerVerifyLines(lines: readonly Buffer[]): void {
    this.events.onPeerVerifyLines?.(this, lines);
  }

  keyLog(label: string, clientRandom: Buffer, secret: Buffer): void {
    this.events.onKeyLog?.(`${label} ${clientRandom.toString('hex')} ${secret.toString('hex')}`);
  }

  handshakeDone(info: NegotiatedInfo): void {
    // Reported after the tickets that follow (see reportDone), as OpenSSL's SSL_accept returns.
    this.doneInfo = info;
  }

  skipEarlyData(): void {
    this.skipEarly = true;
  }

  // ---- Output ---------------------------------------------------------------------------------

  /**
   * Sends buffered handshake messages, one message per record as OpenSSL does (so -msg shows
   * the same records). A flight goes out in one socket write; each NewSessionTicket in its own.
   */
  private flush(): void {
    if (!this.pendingHandshake.length) return;
    const messages = this.pendingHandshake;
    this.pendingHandshake = [];
    for (const m of messages) {
      this.writeContent(ContentType.handshake, m);
      if (m[0] === HandshakeType.finished && this.times.serverFinished === undefined) this.times.serverFinished = performance.now();
      if (m[0] === HandshakeType.new_session_ticket) {
        this.noteTicket(m);
        this.pump();
      }
    }
  }

  private noteTicket(m: Buffer): void {
    // RFC 8446 §4.6.1: lifetime (4), age_add (4), nonce <0..255>, ticket, extensions.
    if (m.length < 13) return;
    const lifetime = m.readUInt32BE(4);
    const ageAdd = m.readUInt32BE(8);
    const nonce = Buffer.from(m.subarray(13, 13 + m[12]));
    this.tickets.push({ ageAdd, nonce, lifetime });
  }

  private writeContent(type: number, data: Buffer): void {
    const max = this.config.maxSendFragment;
    for (let off = 0; off < data.length || (off === 0 && data.length === 0); off += max) {
      const part = data.subarray(off, Math.min(data.length, off + max));
      let rec: Buffer;
      if (this.writeKeys) {
        const pad = this.config.recordPadding > 0 ? (this.config.recordPadding - ((part.length + 1) % this.config.recordPadding)) % this.config.recordPadding : 0;
        rec = this.writeKeys.seal(type, part, Math.min(pad, MAX_PLAINTEXT - part.length));
      } else {
        rec = plaintextRecords(type, part)[0];
      }
      this.trace({ kind: 'header', dir: 'out', header: rec.subarray(0, 5) });
      if (this.writeKeys) this.trace({ kind: 'inner', dir: 'out', type });
      if (off === 0 && type !== ContentType.application_data) this.trace({ kind: 'message', dir: 'out', contentType: type, data });
      this.writeRaw(rec);
      if (data.length === 0) break;
    }
  }

  private writeRaw(rec: Buffer): void {
    if (this.closed || this.socket.destroyed) return;
    this.outQueue.push(rec);
  }

  /** Writes what is queued in one socket write. */
  private pump(): void {
    if (!this.outQueue.length) return;
    const data = this.outQueue.length === 1 ? this.outQueue[0] : Buffer.concat(this.outQueue);
    this.outQueue = [];
    if (this.closed || this.socket.destroyed) return;
    this.bytesOut += data.length;
    this.trace({ kind: 'wire', dir: 'out', data });
    this.socket.write(data);
  }

  /** Application data to the client. */
  write(data: Buffer): void {
    if (!this.handshakeComplete || this.sentCloseNotify) return;
    this.writeContent(ContentType.application_data, data);
    this.pump();
  }

  /** Bytes straight onto the socket, outside any record (the `P` command). */
  writePlain(data: Buffer): void {
    this.outQueue.push(data);
    this.pump();
  }

  /** KeyUpdate from us (the `k` and `K` commands). */
  keyUpdate(requestPeer: boolean): boolean {
    if (!(this.state instanceof Connected)) return false;
    this.state.updateOwnKeys(this, requestPeer);
    this.flush();
    this.pump();
    return true;
  }

  /** Sends close_notify and closes our side. */
  close(): void {
    if (this.closed) return;
    if (!this.sentCloseNotify) {
      this.sentCloseNotify = true;
      this.sendAlert(AlertLevel.warning, AlertDescription.close_notify);
      this.pump();
    }
    this.socket.end();
  }

  /** Closes the socket without close_notify (the `q` command, openssl's BIO_closesocket). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
  }

  private sendAlert(level: number, description: number): void {
    this.flush();
    this.writeContent(ContentType.alert, Buffer.from([level, description]));
  }

  private fail(err: Error, sendAlert: boolean): void {
    if (this.closed) return;
    if (sendAlert) {
      try {
        this.pendingHandshake = [];
        this.sendAlert(AlertLevel.fatal, alertFor(err));
        this.pump();
      } catch {
        // The alert is best effort; the connection ends either way.
      }
    }
    this.closed = true;
    this.events.onError(this, err);
    if (sendAlert) this.socket.end();
    else this.socket.destroy();
  }
}

export { HandshakeType };
