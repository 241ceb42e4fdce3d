// The listener and the per-connection modes: interactive (stdin to the client, client data to
// stdout), -www (a status page), and the connected commands. Sockets, stdin and printing live
// here; protocol decisions live in src/tls.
import * as fs from 'node:fs';
import * as net from 'node:net';

import type { ServerConfig } from '../config/serverConfig';
import { alertText, PeerAlert, TlsError } from '../tls/alert';
import { NegotiatedInfo } from '../tls/server13';
import { TlsConnection } from './connection';
import { cipherSuiteName } from '../tls/constants';
import { groupName, sigalgName } from './names';
import { wwwPage } from './www';

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Output = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** The summary openssl prints after a handshake (interactive mode). */
export function connectionSummary(info: NegotiatedInfo, config: ServerConfig): string {
  const hello = info.clientHello;
  const lines: string[] = [];
  const ours = config.tls13.cipherSuites;
  const shared = hello.cipherSuites.filter((s) => ours.includes(s));
  const names = (ids: number[]) => ids.map((id) => cipherSuiteName(id)).join(':');
  lines.push(`Shared ciphers:${names(shared)}`);
  if (hello.signatureAlgorithms) {
    lines.push(`Signature Algorithms: ${hello.signatureAlgorithms.map(sigalgName).join(':')}`);
  }
  if (hello.supportedGroups) {
    lines.push(`Supported groups: ${hello.supportedGroups.map(groupName).join(':')}`);
    const sharedGroups = hello.supportedGroups.filter((g) => config.tls13.groups.includes(g));
    lines.push(`Shared groups: ${sharedGroups.length ? sharedGroups.map(groupName).join(':') : 'NONE'}`);
  }
  lines.push(`CIPHER is ${info.suite.name}`);
  if (info.alpn !== undefined) lines.push(`ALPN is ${info.alpn}`);
  lines.push('Secure Renegotiation IS supported');
  return lines.join('\n') + '\n';
}


/** Runs the server until stdin ends (interactive), `-naccept` is reached, or a fatal error. */
export function serve(config: ServerConfig, io: Output = stdio): Promise<number> {
  return new Promise((resolve) => {
    const conns = new Set<TlsConnection>();
    let active: TlsConnection | undefined;
    let accepted = 0;
    let finished = false;
    let keyLog: fs.WriteStream | undefined;
    if (config.keyLogFile) keyLog = fs.createWriteStream(config.keyLogFile, { flags: 'a' });

    const server = net.createServer({ pauseOnConnect: true }, (socket) => {
      if (config.naccept !== undefined && accepted >= config.naccept) {
        socket.destroy();
        return;
      }
      accepted++;
      // openssl serves no more connections once -naccept is reached: close the listener at once
      // so later clients are refused instead of hanging (openssl#26229).
      if (config.naccept !== undefined && accepted >= config.naccept) server.close();
      startConnection(socket);
    });

    const queue: net.Socket[] = [];

    function startConnection(socket: net.Socket): void {
      if (config.serial && active) {
        queue.push(socket);
        return;
      }
      socket.setNoDelay(true);
      const conn = new TlsConnection(socket, config.tls13, {
        onHandshake: (c, info) => onHandshake(c, info),
        onData: (c, data) => onData(c, data),
        onCloseNotify: (c) => {
          if (config.mode === 'interactive' && !config.quiet && !config.brief) io.out('DONE\n');
          c.close();
        },
        onError: (c, err) => onConnError(c, err),
        onClosed: (c) => onClosed(c),
        onKeyLog: keyLog ? (line) => keyLog!.write(`${line}\n`) : undefined,
      });
      conns.add(conn);
      if (config.serial) active = conn;
      socket.resume();
    }

    const wwwRequests = new WeakMap<TlsConnection, Buffer>();

    function onHandshake(c: TlsConnection, info: NegotiatedInfo): void {
      if (config.mode === 'interactive') {
        if (config.brief) {
          io.err(`CONNECTION ESTABLISHED\nProtocol version: TLSv1.3\nCiphersuite: ${info.suite.name}\n`);
        } else if (!config.quiet) {
          io.out(connectionSummary(info, config));
        }
      }
    }

    function onData(c: TlsConnection, data: Buffer): void {
      switch (config.mode) {
        case 'www': {
          const prev = wwwRequests.get(c);
          const buf = prev ? Buffer.concat([prev, data]) : data;
          if (buf.length > 65536) {
            c.close();
            return;
          }
          wwwRequests.set(c, buf);
          const text = buf.toString('latin1');
          if (!/\r?\n\r?\n/.test(text) && !/^GET [^\r\n]*\r?\n/.test(text)) return;
          // openssl -www answers the first line; the page is the same for any request.
          c.write(Buffer.from(wwwPage(config, c), 'latin1'));
          c.close();
          return;
        }
        case 'rev': {
          const line = data.toString('latin1');
          c.write(Buffer.from([...line.replace(/\r?\n$/, '')].reverse().join('') + '\n', 'latin1'));
          return;
        }
        default:
          io.out(data.toString('latin1'));
      }
    }

    function onConnError(_c: TlsConnection, err: Error): void {
      if (config.quiet) return;
      if (err instanceof TlsError) io.err(`ts-s-server: connection failed: ${err.message} (sent alert: ${alertText(err.alert)})\n`);
      else if (err instanceof PeerAlert) io.err(`ts-s-server: ${err.message}\n`);
      else if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET' && (err as NodeJS.ErrnoException).code !== 'EPIPE') io.err(`ts-s-server: ${err.message}\n`);
    }

    function onClosed(c: TlsConnection): void {
      conns.delete(c);
      if (config.mode === 'interactive' && !config.quiet && !config.brief) io.out('shutting down SSL\nCONNECTION CLOSED\n');
      if (active === c) {
        active = undefined;
        const next = queue.shift();
        if (next) startConnection(next);
      }
      if (config.naccept !== undefined && accepted >= config.naccept && conns.size === 0 && queue.length === 0) finish(0);
    }

    function finish(code: number): void {
      if (finished) return;
      finished = true;
      server.close();
      for (const c of conns) c.socket.destroy();
      process.stdin.pause();
      if (keyLog) keyLog.end(() => resolve(code));
      else resolve(code);
    }

    // Standard input: connected commands at the start of a line, else data for the client.
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
        if (config.quiet || config.brief) return;
        io.out('DONE\n');
        finish(0);
      });
    }

    function onStdinLine(line: string): void {
      const c = active;
      const cmd = line.length >= 2 && /^[qQrRPSkKcB]\r?\n$/.test(line) ? line[0] : undefined;
      switch (cmd) {
        case 'q':
          if (c) c.close();
          return;
        case 'Q':
          io.out('DONE\n');
          finish(0);
          return;
        case 'k':
        case 'K':
          if (c && c.keyUpdate(cmd === 'K')) io.out('SSL_do_handshake -> 1\n');
          return;
        default:
          break;
      }
      if (!c || !c.handshakeComplete) return;
      const text = config.crlf ? line.replace(/\r?\n/g, '\r\n') : line;
      c.write(Buffer.from(text, 'latin1'));
    }

    server.on('error', (err: NodeJS.ErrnoException) => {
      io.err(`ts-s-server: cannot listen: ${err.message}\n`);
      finish(1);
    });

    const onListening = () => {
      if (!config.quiet) io.out('Using default temp DH parameters\n');
      io.out('ACCEPT\n');
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
