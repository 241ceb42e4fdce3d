// The -www status page: what openssl's s_server sends (HTTP/1.0, lower-case "ok", an HTML <pre>).
import type { ServerConfig } from '../config/serverConfig';
import type { TlsConnection } from './connection';
import { cipherSuiteName } from '../tls/constants';
import { groupName, sigalgName } from './names';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function wwwPage(config: ServerConfig, c: TlsConnection): string {
  const info = c.info!;
  const lines: string[] = [];
  lines.push('HTTP/1.0 200 ok', 'Content-type: text/html', '', '<HTML><BODY BGCOLOR="#ffffff">', '<pre>');
  lines.push(escapeHtml(['s_server', ...config.argv].join(' ')));
  lines.push('Secure Renegotiation IS supported');
  lines.push('Ciphers supported in s_server binary');
  const suites = config.tls13.cipherSuites.map((id) => `TLSv1.3    :${cipherSuiteName(id).padEnd(25)}`);
  for (let i = 0; i < suites.length; i += 2) lines.push(suites.slice(i, i + 2).join(' '));
  lines.push('---');
  const hello = info.clientHello;
  lines.push('Ciphers common between both SSL end points:');
  const common = hello.cipherSuites.filter((s) => config.tls13.cipherSuites.includes(s)).map((id) => cipherSuiteName(id).padEnd(23));
  for (let i = 0; i < common.length; i += 3) lines.push(common.slice(i, i + 3).join(' '));
  if (hello.signatureAlgorithms) lines.push(`Signature Algorithms: ${hello.signatureAlgorithms.map(sigalgName).join(':')}`);
  if (hello.supportedGroups) {
    lines.push(`Supported groups: ${hello.supportedGroups.map(groupName).join(':')}`);
    lines.push(`Shared groups: ${hello.supportedGroups.filter((g) => config.tls13.groups.includes(g)).map(groupName).join(':')}`);
  }
  lines.push('---');
  lines.push(`New, TLSv1.3, Cipher is ${info.suite.name}`);
  lines.push('SSL-Session:');
  lines.push('    Protocol  : TLSv1.3');
  lines.push(`    Cipher    : ${info.suite.name}`);
  lines.push('---');
  lines.push('no client certificate available');
  lines.push('</pre></BODY></HTML>');
  return lines.join('\r\n') + '\r\n';
}

