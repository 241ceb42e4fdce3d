// The listener and the serving modes: interactive (stdin to the client, client data to stdout,
// connected commands), -www (a status page), -WWW and -HTTP (files), -rev (lines reversed).
// Sockets, stdin and everything printed live here, with openssl's texts; protocol decisions
// live in src/tls. Interactive mode serves one connection at a time as openssl does; the other
// modes serve many at once unless -serial is given.
import * as fs from 'node:fs';
import * as net from 'node:net';

import * as core from '../../binding';
import type { ServerConfig } from '../config/serverConfig';
import { alertText, PeerAlert, TlsError } from '../tls/alert';
import { ContentType, HandshakeType } from '../tls/constants';
import { parseClientHello } from '../tls/clientHello';
import { exportKeyingMaterial } from '../tls/keySchedule13';
import { NegotiatedInfo } from '../tls/server13';
import { ticketPsk } from '../tls/tickets13';
import { DEFAULT_NAMEOPT, parseCertificate, printNameLine } from '../x509';
import { encodePem } from '../x509';
import { TlsConnection, TraceEvent } from './connection';
import { bioDump, msgLine, RT_HEADER, RT_INNER_CONTENT_TYPE, SessionFields, stateAfterMessage, tlsextLine } from './format';
import { answerFileRequest } from './http';
import { groupName } from './names';
import { briefSummary, CacheStats, connectionSummary, statsText, wwwPage } from './summary';

export interface Output {
  out(text: string | Buffer): void;
  err(text: string): void;
}

const stdio: Output = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** A stand-in for the thread id OpenSSL's error lines start with. */
const TID = `40${(process.pid & 0xffffffff).toString(16).toUpperCase().padStart(8, '0')}7F0000`;

/** One line of OpenSSL's error queue as ERR_print_errors prints it. */
function errLine(code: string, func: string, reason: string, where: string): string {
  return `${TID}:error:${code}:SSL routines:${func}:${reason}:${where}:\n`;
}

/** Per-connection state of the serving layer. */
interface Served {
  readonly conn: TlsConnection;
  readonly id: number;
  readonly startedAt: number;
  /** Pseudo addresses for -debug lines (OpenSSL prints its BIO and buffer pointers). */
  readonly addr: { bio: string; rbuf: string; wbuf: string };
  session?: SessionFields;
  lineBuf: Buffer;
  served: boolean;
  closedPrinted: boolean;
  errorText?: string;
  alerts: { sent?: string; received?: string };
}

/** Runs the server until stdin ends or Q (interactive), -naccept is reached, or a fatal error. */
export function serve(config: ServerConfig, io: Output = stdio): Promise<number> {
  return new Promise((resolve) => {
    // bio_s_out: stdout, or nowhere with -quiet/-brief (unless -debug). Client data always goes to stdout.
    const silent = (config.quiet || config.brief) && !config.debug;
    const out = (t: string | Buffer) => {
      if (!silent) io.out(t);
    };
    const err = (t: string) => io.err(t);
    let msgStream: fs.WriteStream | undefined;
    if (config.msg && config.msgFile) msgStream = fs.createWriteStream(config.msgFile, { flags: 'w' });
    const msgOut = (t: string) => {
      if (msgStream) msgStream.write(t);
      else if (config.quiet || config.brief) io.out(t);
      else out(t);
    };
    let keyLog: fs.WriteStream | undefined;
    if (config.keyLogFile) keyLog = fs.createWriteStream(config.keyLogFile, { flags: 'a' });
    let jsonLog: fs.WriteStream | undefined;
    if (config.jsonLog && config.jsonLog !== '-') jsonLog = fs.createWriteStream(config.jsonLog, { flags: 'a' });
    const writeJson = (line: string) => {
      if (config.jsonLog === '-') err(line);
      else jsonLog?.write(line);
    };
    for (const f of config.randFiles) {
      // openssl seeds its RNG from these files; ours is the OS CSPRNG, so they are only read.
      try {
        fs.readFileSync(f);
      } catch {
        err(`Can't load ${f} into RNG\n`);
      }
    }

    const stats: CacheStats = { items: 0, accepts: 0, acceptsGood: 0, hits: 0, misses: 0, timeouts: 0, cbHits: 0, cacheFull: 0, cacheSize: config.noInternalCache ? 20480 : 128 };
    const conns = new Map<TlsConnection, Served>();
    const queue: net.Socket[] = [];
    let active: Served | undefined;
    let accepted = 0;
    let nextId = 0;
    let finished = false;
    let listenerClosed = false;
    let stdinEnded = false;
    let quitRequested = false;
    const pendingLines: string[] = [];

    const server = net.createServer({ pauseOnConnect: true }, (socket) => {
      if (config.naccept !== undefined && accepted >= config.naccept) {
        socket.destroy();
        return;
      }
      accepted++;
      // No more connections once -naccept is reached: close the listener at once, so later
      // clients are refused instead of hanging (openssl#26229).
      if (config.naccept !== undefined && accepted >= config.naccept) closeListener();
      if (config.serial && active) queue.push(socket);
      else startConnection(socket);
    });

    function closeListener(): void {
      if (listenerClosed) return;
      listenerClosed = true;
      server.close();
    }

    function startConnection(socket: net.Socket): void {
      socket.setNoDelay(true);
      const id = nextId++;
      const base = 0x55d0c0de0000 + id * 0x10000;
      const hex = (n: number) => `0x${n.toString(16)}`;
      const conn = new TlsConnection(socket, config.tls13, {
        onHandshake: (c, info) => onHandshake(served, info),
        onData: (c, data) => onData(served, data),
        onCloseNotify: () => onCloseNotify(served),
        onUnexpectedEof: () => onUnexpectedEof(served),
        onError: (c, e) => onConnError(served, e),
        onClosed: () => onClosed(served),
        onTrace: (c, ev) => onTrace(served, ev),
        onKeyLog: keyLog ? (line) => keyLog!.write(`${line}\n`) : undefined,
        onPeerVerifyLines: (_c, lines) => {
          for (const line of lines) process.stderr.write(Buffer.concat([line, Buffer.from('\n')]));
        },
      });
      const served: Served = {
        conn,
        id,
        startedAt: Date.now(),
        addr: { bio: hex(base + 0x8c0), rbuf: hex(base + 0x2e13), wbuf: hex(base + 0x4230) },
        lineBuf: Buffer.alloc(0),
        served: false,
        closedPrinted: false,
        alerts: {},
      };
      conns.set(conn, served);
      if (config.serial) active = served;
      if (config.nbio && !config.quiet) err('Turned on non blocking io\n');
      if (config.state) err('SSL_accept:before SSL initialization\nSSL_accept:before SSL initialization\n');
      socket.resume();
      // openssl reads stdin only while it serves a connection: an end of input (or a Q) seen
      // while idle acts now.
      if (config.mode === 'interactive' && !config.quiet && !config.brief && (stdinEnded || quitRequested)) {
        out('DONE\n');
        quit(served);
      }
    }

    // ---- Tracing: -msg, -debug, -state, -tlsextdebug ------------------------------------------

    function onTrace(s: Served, ev: TraceEvent): void {
      switch (ev.kind) {
        case 'wire':
          if (config.debug) {
            const n = ev.data.length;
            const verb = ev.dir === 'in' ? 'read from' : 'write to';
            const buf = ev.dir === 'in' ? (ev.data.length === 5 ? s.addr.rbuf : `0x${(parseInt(s.addr.rbuf, 16) + 5).toString(16)}`) : s.addr.wbuf;
            out(`${verb} ${s.addr.bio} [${buf}] (${n} bytes => ${n} (0x${n.toString(16).toUpperCase()}))\n${bioDump(ev.data)}`);
          }
          return;
        case 'header':
          if (config.msg) msgOut(msgLine(ev.dir === 'out', (ev.header[1] << 8) | ev.header[2], RT_HEADER, ev.header));
          return;
        case 'inner':
          if (config.msg) msgOut(msgLine(ev.dir === 'out', ev.dir === 'out' ? 0x0303 : 0x0304, RT_INNER_CONTENT_TYPE, Buffer.from([ev.type])));
          return;
        case 'message':
          onMessage(s, ev.dir, ev.contentType, ev.data);
          return;
      }
    }

    function onMessage(s: Served, dir: 'in' | 'out', contentType: number, data: Buffer): void {
      if (config.msg) msgOut(msgLine(dir === 'out', 0x0304, contentType, data));
      if (contentType === ContentType.alert && data.length === 2) {
        const text = `${data[0] === 2 ? 'fatal' : 'warning'}:${alertText(data[1])}`;
        if (dir === 'in') s.alerts.received = text;
        else s.alerts.sent = text;
        if (config.state) err(`SSL3 alert ${dir === 'in' ? 'read' : 'write'}:${text}\n`);
        return;
      }
      if (contentType === ContentType.change_cipher_spec) {
        if (config.state) err('SSL_accept:SSLv3/TLS write change cipher spec\n');
        return;
      }
      if (contentType !== ContentType.handshake || data.length === 0) return;
      const type = data[0];
      if (dir === 'in' && type === HandshakeType.client_hello) onClientHello(s, data);
      if (config.state) {
        if (type === HandshakeType.key_update && dir === 'out') err('SSL_accept:SSL negotiation finished successfully\n');
        const st = stateAfterMessage(dir, type);
        if (st) err(`SSL_accept:${st}\n`);
        if (dir === 'out' && type === HandshakeType.finished) err('SSL_accept:TLSv1.3 early data\nSSL_accept:TLSv1.3 early data\n');
      }
    }

    function onClientHello(s: Served, raw: Buffer): void {
      if (!s.conn.times.clientHello || s.session === undefined) {
        // The first ClientHello starts SSL_accept (a second one answers a HelloRetryRequest).
      }
      let hello;
      try {
        hello = parseClientHello(raw);
      } catch {
        return;
      }
      if (!(s as { counted?: boolean }).counted) {
        (s as { counted?: boolean }).counted = true;
        stats.accepts++;
      }
      if (config.tlsextDebug) {
        let t = '';
        for (const type of hello.extensionOrder) t += tlsextLine(type, hello.extensions.get(type) ?? Buffer.alloc(0));
        out(t);
      }
      const sni = config.tls13.sni;
      if (sni && hello.serverName !== undefined) {
        out(`Hostname in TLS extension: "${[...Buffer.from(hello.serverName, 'latin1')].map((c) => (c < 0x80 && c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`)).join('')}"\n`);
        if (hello.serverName.toLowerCase() === sni.name.toLowerCase()) out('Switching server context.\n');
      }
    }

    // ---- Handshake done ---------------------------------------------------------------------

    function sessionOf(s: Served, info: NegotiatedInfo): SessionFields {
      const id = core.randomBytes(32);
      if (config.idPrefix) Buffer.from(config.idPrefix, 'latin1').copy(id, 0, 0, Math.min(32, config.idPrefix.length));
      const last = s.conn.tickets[s.conn.tickets.length - 1];
      const suite = info.suite;
      const masterKey = last ? ticketPsk(suite.hash, info.resumptionMasterSecret, last.nonce, suite.hashLen) : info.resumptionMasterSecret;
      const sni = config.tls13.sni;
      return {
        version: 0x0304,
        cipher: suite.id,
        sessionId: id,
        masterKey,
        time: Math.floor(s.startedAt / 1000),
        timeout: config.tls13.ticketLifetime,
        peer: info.peerChain?.[0],
        sessionIdContext: config.sessionIdContext,
        verifyResult: 0,
        hostname: sni && info.serverName !== undefined && info.serverName.toLowerCase() === sni.name.toLowerCase() ? info.serverName : undefined,
        ticketAgeAdd: last?.ageAdd,
        maxEarlyData: 0,
        alpn: info.alpn,
        kexGroup: info.group,
      };
    }

    function peerCertificate(info: NegotiatedInfo): { pem: string; subject: string; issuer: string; subjectLine: string; text: string } | undefined {
      const der = info.peerChain?.[0];
      if (!der) return undefined;
      try {
        const cert = parseCertificate(der);
        const subject = printNameLine('', cert.subject, DEFAULT_NAMEOPT).toString('latin1').replace(/\n$/, '');
        const issuer = printNameLine('', cert.issuer, DEFAULT_NAMEOPT).toString('latin1').replace(/\n$/, '');
        return { pem: encodePem('CERTIFICATE', der), subject, issuer, subjectLine: subject, text: `subject=${subject}\nissuer=${issuer}\n` };
      } catch {
        return { pem: encodePem('CERTIFICATE', der), subject: '', issuer: '', subjectLine: '', text: '' };
      }
    }

    function onHandshake(s: Served, info: NegotiatedInfo): void {
      stats.acceptsGood++;
      if (info.resumed) stats.hits++;
      else if (info.clientHello.psk) stats.misses++;
      s.session = sessionOf(s, info);
      const peer = peerCertificate(info);
      if (config.mode === 'interactive') {
        if (config.brief) err(briefSummary(config, info, peer?.subjectLine));
        let keyingMaterial;
        if (config.keyMaterial) {
          const { label, length } = config.keyMaterial;
          let value: Buffer | undefined;
          try {
            value = exportKeyingMaterial(info.suite.hash, info.exporterSecret, label, Buffer.alloc(0), length);
          } catch {
            value = undefined;
          }
          keyingMaterial = { label, length, value };
        }
        out(connectionSummary(config, info, { session: s.session, peerCertificate: peer, keyingMaterial }));
        // Lines typed while no connection was up are read now.
        for (const line of pendingLines.splice(0)) onStdinLine(line);
      } else if (config.mode === 'rev') {
        err('CONNECTION ESTABLISHED\n');
        err(briefSummary(config, info, peer?.subjectLine));
      }
    }

    // ---- Data from the client ---------------------------------------------------------------

    /** BIO_gets: whole lines (at most 16384 bytes each); a partial line waits for more. */
    function takeLines(s: Served, data: Buffer): Buffer[] {
      s.lineBuf = s.lineBuf.length ? Buffer.concat([s.lineBuf, data]) : data;
      const lines: Buffer[] = [];
      for (;;) {
        const nl = s.lineBuf.indexOf(0x0a);
        if (nl < 0) {
          if (s.lineBuf.length >= 16384) {
            lines.push(s.lineBuf.subarray(0, 16384));
            s.lineBuf = s.lineBuf.subarray(16384);
            continue;
          }
          return lines;
        }
        lines.push(s.lineBuf.subarray(0, nl + 1));
        s.lineBuf = s.lineBuf.subarray(nl + 1);
      }
    }

    function onData(s: Served, data: Buffer): void {
      switch (config.mode) {
        case 'interactive':
          io.out(data);
          return;
        case 'rev':
          for (const raw of takeLines(s, data)) {
            let line = raw.toString('latin1');
            line = line.replace(/[\r\n]+$/, '');
            if (!config.ignEof && line === 'CLOSE') {
              revClosed(s);
              return;
            }
            s.conn.write(Buffer.from([...line].reverse().join('') + '\n', 'latin1'));
          }
          return;
        default:
          if (s.served) return;
          for (const raw of takeLines(s, data)) {
            const line = raw.toString('latin1');
            let reply: Buffer | undefined;
            if (config.mode === 'www') {
              if (line.startsWith('GET ')) reply = Buffer.from(statusPage(s), 'latin1');
            } else {
              const a = answerFileRequest(line, config.mode, process.cwd(), config.httpBinmode, TID);
              if (a.kind === 'stats') reply = Buffer.from(statusPage(s), 'latin1');
              else if (a.kind === 'reply') {
                if (a.logged !== undefined && !config.quiet) err(`FILE:${a.logged}\n`);
                reply = a.data;
              }
            }
            if (reply) {
              s.served = true;
              for (let off = 0; off < reply.length; off += 16384) s.conn.write(reply.subarray(off, off + 16384));
              s.conn.close();
              return;
            }
          }
      }
    }

    function statusPage(s: Served): string {
      const info = s.conn.info!;
      const peer = peerCertificate(info);
      return wwwPage(config, info, s.session!, stats, peer ? { text: peer.text, pem: peer.pem } : undefined);
    }

    // ---- Ends of a connection ---------------------------------------------------------------

    function closedLines(s: Served, shutdown: () => void): void {
      if (s.closedPrinted) return;
      s.closedPrinted = true;
      out('shutting down SSL\n');
      shutdown();
      out('CONNECTION CLOSED\n');
    }

    function onCloseNotify(s: Served): void {
      if (config.mode === 'interactive') {
        out('DONE\n');
        closedLines(s, () => s.conn.close());
      } else if (config.mode === 'rev') {
        revClosed(s);
      } else {
        s.conn.close();
      }
    }

    /** -rev's end of a connection: the client's CLOSE line or close_notify. */
    function revClosed(s: Served): void {
      if (!s.closedPrinted) err('CONNECTION CLOSED\n');
      s.closedPrinted = true;
      s.conn.close();
    }

    function onUnexpectedEof(s: Served): void {
      const line = errLine('0A000126', 'ssl3_read_n', 'unexpected eof while reading', '../ssl/record/rec_layer_s3.c:318');
      if (config.mode === 'interactive') {
        if (!s.conn.handshakeComplete) {
          err(`ERROR\n${line}`);
          closedLines(s, () => s.conn.close());
        } else if (config.ignoreUnexpectedEof) {
          out('DONE\n');
          closedLines(s, () => s.conn.close());
        } else {
          out('ERROR\n');
          err(line);
          closedLines(s, () => s.conn.close());
        }
      } else if (config.mode === 'rev' && s.conn.handshakeComplete && config.ignoreUnexpectedEof) {
        revClosed(s);
      } else {
        if (!config.quiet && !config.ignoreUnexpectedEof) err(config.mode === 'rev' && !s.conn.handshakeComplete ? `CONNECTION FAILURE\n${line}` : line);
        s.conn.close();
      }
    }

    function onConnError(s: Served, e: Error): void {
      if ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE') {
        s.errorText = (e as NodeJS.ErrnoException).code;
        if (config.mode === 'interactive') closedLines(s, () => undefined);
        return;
      }
      let line: string;
      if (e instanceof TlsError) line = errLine('0A000000', 'ts-s-server', `${e.message} (alert ${alertText(e.alert)})`, 'src/tls');
      else if (e instanceof PeerAlert) line = errLine('0A000000', 'ssl3_read_bytes', `tlsv1 alert ${alertText(e.description)}`, '../ssl/record/rec_layer_s3.c:1601') .replace(/:\n$/, `:SSL alert number ${e.description}\n`);
      else line = `${TID}:error:80000000:system library::${e.message}\n`;
      s.errorText = e.message;
      if (config.mode === 'interactive') {
        if (s.conn.handshakeComplete) out('ERROR\n');
        else err('ERROR\n');
        err(line);
        closedLines(s, () => undefined);
      } else if (config.mode === 'rev' && !s.conn.handshakeComplete) {
        err(`CONNECTION FAILURE\n${line}`);
      } else if (!config.quiet) {
        err(line);
      }
    }

    function onClosed(s: Served): void {
      conns.delete(s.conn);
      if (config.mode === 'interactive') closedLines(s, () => undefined);
      logConnection(s);
      if (active === s) {
        active = undefined;
        if (quitRequested) {
          finish(0);
          return;
        }
        const next = queue.shift();
        if (next) startConnection(next);
      }
      if (config.naccept !== undefined && accepted >= config.naccept && conns.size === 0 && queue.length === 0) finish(0);
    }

    function logConnection(s: Served): void {
      if (!config.jsonLog) return;
      const c = s.conn;
      const t = c.times;
      const ms = (v?: number) => (v === undefined ? null : Math.round((v - t.accepted) * 1000) / 1000);
      const info = c.info;
      const record = {
        id: s.id,
        start: new Date(s.startedAt).toISOString(),
        peer: c.socket.remoteAddress ? `${c.socket.remoteAddress}:${c.socket.remotePort}` : null,
        timings_ms: { client_hello: ms(t.clientHello), server_finished: ms(t.serverFinished), handshake_done: ms(t.handshakeDone), closed: ms(t.closed) },
        version: info ? 'TLSv1.3' : null,
        cipher: info?.suite.name ?? null,
        group: info?.group !== undefined ? groupName(info.group) : null,
        signature_scheme: info?.signatureScheme !== undefined ? `0x${info.signatureScheme.toString(16).padStart(4, '0')}` : null,
        hello_retry: info?.helloRetry ?? null,
        resumed: info?.resumed ?? null,
        early_data: info ? false : null,
        alpn: info?.alpn ?? null,
        sni: info?.clientHello.serverName ?? null,
        client_certificate: !info ? null : info.peerChain ? 'verified' : config.tls13.verifyPeer === 'none' ? 'not requested' : 'none',
        tickets_sent: c.tickets.length,
        bytes_in: c.bytesIn,
        bytes_out: c.bytesOut,
        alert_sent: s.alerts.sent ?? null,
        alert_received: s.alerts.received ?? null,
        error: s.errorText ?? null,
      };
      writeJson(`${JSON.stringify(record)}\n`);
    }

    // ---- Standard input: connected commands ---------------------------------------------------

    function quit(s: Served | undefined): void {
      quitRequested = true;
      closeListener();
      err('shutdown accept socket\n');
      if (s) {
        closedLines(s, () => s.conn.abort());
      } else {
        finish(0);
      }
    }

    function onStdinLine(line: string): void {
      const s = active;
      if (!s || !s.conn.handshakeComplete) {
        pendingLines.push(line);
        return;
      }
      if (!config.quiet && !config.brief) {
        const c0 = line[0];
        const endsAfter = line[1] === '\n' || line[1] === '\r';
        if (c0 === 'Q') {
          out('DONE\n');
          quit(s);
          return;
        }
        if (c0 === 'q') {
          out('DONE\n');
          if (config.msg) {
            const tag = s.conn.info!.suite.tagLen;
            msgOut(msgLine(true, 0x0303, RT_HEADER, Buffer.from([0x17, 3, 3, 0, 3 + tag])) + msgLine(true, 0x0303, RT_INNER_CONTENT_TYPE, Buffer.from([0x15])));
          }
          closedLines(s, () => s.conn.abort());
          return;
        }
        if ((c0 === 'r' || c0 === 'R') && endsAfter) {
          // TLS 1.3 has no renegotiation: SSL_renegotiate fails and the handshake call has nothing to do.
          out('SSL_do_handshake -> 1\n');
          return;
        }
        if ((c0 === 'k' || c0 === 'K') && endsAfter) {
          if (s.conn.keyUpdate(c0 === 'K')) out('SSL_do_handshake -> 1\n');
          return;
        }
        if (c0 === 'c' && endsAfter) {
          // Post-handshake authentication needs the client's post_handshake_auth extension
          // (RFC 8446 §4.6.2) and support in the TLS layer, which does not have it yet.
          out('Failed to initiate request\n');
          err(errLine('0A000117', 'SSL_verify_client_post_handshake', s.conn.info!.clientHello.postHandshakeAuth ? 'post-handshake authentication is not supported by ts-s-server yet' : 'extension not received', '../ssl/ssl_lib.c:5853'));
          return;
        }
        if (c0 === 'P') s.conn.writePlain(Buffer.from('Lets print some clear text\n', 'latin1'));
        if (c0 === 'S') out(statsText(stats));
      }
      const text = config.crlf ? line.replace(/\n/g, '\r\n') : line;
      s.conn.write(Buffer.from(text, 'latin1'));
    }

    if (config.mode === 'interactive') {
      let pending = '';
      process.stdin.on('data', (d: Buffer) => {
        pending += d.toString('latin1');
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl + 1);
          pending = pending.slice(nl + 1);
          onStdinLine(line);
        }
      });
      process.stdin.on('end', () => {
        if (pending) onStdinLine(pending);
        pending = '';
        // With -quiet or -brief openssl never acts on the end of input.
        if (config.quiet || config.brief) return;
        stdinEnded = true;
        if (active) {
          out('DONE\n');
          quit(active);
        }
      });
      process.stdin.on('error', () => undefined);
    }

    // ---- Start and end ------------------------------------------------------------------------

    function finish(code: number): void {
      if (finished) return;
      finished = true;
      closeListener();
      for (const c of conns.keys()) c.socket.destroy();
      process.stdin.pause();
      process.stdin.unref?.();
      out(statsText(stats));
      if (config.writeRand) {
        try {
          fs.writeFileSync(config.writeRand, core.randomBytes(1024));
        } catch {
          err(`Cannot write random bytes:\n`);
        }
      }
      const streams = [keyLog, jsonLog, msgStream].filter((x): x is fs.WriteStream => x !== undefined);
      let left = streams.length;
      if (!left) resolve(code);
      for (const st of streams) st.end(() => --left === 0 && resolve(code));
    }

    server.on('error', (e: NodeJS.ErrnoException) => {
      err(`ts-s-server: cannot listen: ${e.message}\n`);
      finished = true;
      resolve(1);
    });

    const onListening = () => {
      if (config.tls13.sni) out('Setting secondary ctx parameters\n');
      out('Using default temp DH parameters\n');
      out('ACCEPT\n');
    };
    if (config.listen.unixPath) {
      if (config.listen.unlink) fs.rmSync(config.listen.unixPath, { force: true });
      server.listen(config.listen.unixPath, onListening);
    } else {
      const host = config.listen.host ?? (config.listen.family === 4 ? '0.0.0.0' : '::');
      server.listen({ host, port: config.listen.port, ipv6Only: config.listen.family === 6 }, onListening);
    }
  });
}
