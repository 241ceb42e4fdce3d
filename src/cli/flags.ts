/**
 * The one table of every `openssl s_server` flag.
 *
 * Rows come from `openssl s_server -help` of OpenSSL 3.0.19 (same order, same sections,
 * same help text, same argument names), which is what `ts-s-server -help` prints byte for
 * byte. A few rows are not printed (`inHelp: false`): flags of the manual page that 3.0
 * lacks, flags of OpenSSL builds with features this build of 3.0 lacks, and the `-h` alias
 * every openssl command accepts. Everything else in the CLI (parsing, help, validation)
 * is driven from this table.
 */

/**
 * How a flag takes its argument, spelled as `openssl … -help` shows it. The parser checks
 * each like openssl's option reader does, before any option has an effect.
 */
export type ArgType =
  | 'none' //     no argument; `-flag=x` is an error
  | 'val' //      any string
  | '+int' //     C int, > 0
  | 'int' //      C int
  | 'intmax' //   intmax_t (64-bit)
  | 'infile' //   file name, not checked while parsing (openssl opens it later)
  | 'outfile' //  file name, not checked while parsing
  | 'dir' //      must name an existing directory at parse time
  | 'uri' //      any string
  | 'PEM|DER' //  format name, PEM or DER only
  | 'format'; //  any format name openssl knows

/**
 * OpenSSL features a build can lack. A flag marked with one is accepted by the parser, as
 * a full OpenSSL build would, and then refused by the layer that builds the configuration,
 * the way an OpenSSL built without that feature refuses it ("not supported in ts-s-server").
 */
export type OptionalFeature =
  | 'engine' //     ENGINE API (-engine; also -keyform engine)
  | 'async' //      async jobs with an async-capable engine
  | 'ssl_config' // SSL_CTX settings from openssl.cnf sections
  | 'provider' //   OpenSSL 3 providers
  | 'trace' //      enable-ssl-trace
  | 'comp' //       zlib record compression (-no_comp asks for the default, so it is not marked)
  | 'ktls' //       kernel TLS and sendfile over it
  | 'sctp' //       DTLS over SCTP
  | 'srp' //        SRP (deprecated in 3.0)
  | 'ssl2' //       SSLv2, removed in OpenSSL 1.1.0
  | 'ssl3'; //      SSLv3, off in default 3.0 builds

/** One flag. `name` is without the leading dash and case-sensitive (-verify vs -Verify). */
export interface FlagSpec {
  readonly name: string;
  readonly arg: ArgType;
  /** The "Xxx options" heading the flag is listed under in -help. */
  readonly section: string;
  readonly help: string;
  /** Further help lines, printed under the help column. */
  readonly helpMore?: readonly string[];
  /** false for flags that 3.0.19's -help does not list. */
  readonly inHelp?: false;
  readonly feature?: OptionalFeature;
  /**
   * 'accumulate': every occurrence counts (openssl adds each one to a list or set).
   * Otherwise the last occurrence wins; all occurrences stay visible in argv order.
   */
  readonly repeat?: 'accumulate';
  /** This flag is another spelling of the named flag. */
  readonly aliasOf?: string;
  /** ts-s-server's own flag, which openssl lacks (never in -help). */
  readonly own?: true;
}

export const FLAGS = [
  // General options
  { name: "help", arg: "none", section: "General options", help: "Display this summary" },
  { name: "h", arg: "none", section: "General options", help: "Display this summary", inHelp: false, aliasOf: "help" },
  { name: "ssl_config", arg: "val", section: "General options", help: "Configure SSL_CTX using the given configuration value", feature: "ssl_config" },
  { name: "trace", arg: "none", section: "General options", help: "trace protocol messages", feature: "trace" },
  { name: "engine", arg: "val", section: "General options", help: "Use engine, possibly a hardware device", feature: "engine" },
  // Network options
  { name: "port", arg: "+int", section: "Network options", help: "TCP/IP port to listen on for connections (default is 4433)" },
  { name: "accept", arg: "val", section: "Network options", help: "TCP/IP optional host and port to listen on for connections (default is *:4433)" },
  { name: "unix", arg: "val", section: "Network options", help: "Unix domain socket to accept on" },
  { name: "unlink", arg: "none", section: "Network options", help: "For -unix, unlink existing socket first" },
  { name: "4", arg: "none", section: "Network options", help: "Use IPv4 only" },
  { name: "6", arg: "none", section: "Network options", help: "Use IPv6 only" },
  // Identity options
  { name: "context", arg: "val", section: "Identity options", help: "Set session ID context" },
  { name: "CAfile", arg: "infile", section: "Identity options", help: "PEM format file of CA's" },
  { name: "CApath", arg: "dir", section: "Identity options", help: "PEM format directory of CA's" },
  { name: "CAstore", arg: "uri", section: "Identity options", help: "URI to store of CA's" },
  { name: "no-CAfile", arg: "none", section: "Identity options", help: "Do not load the default certificates file" },
  { name: "no-CApath", arg: "none", section: "Identity options", help: "Do not load certificates from the default certificates directory" },
  { name: "no-CAstore", arg: "none", section: "Identity options", help: "Do not load certificates from the default certificates store URI" },
  { name: "nocert", arg: "none", section: "Identity options", help: "Don't use any certificates (Anon-DH)" },
  { name: "verify", arg: "int", section: "Identity options", help: "Turn on peer certificate verification" },
  { name: "Verify", arg: "int", section: "Identity options", help: "Turn on peer certificate verification, must have a cert" },
  { name: "nameopt", arg: "val", section: "Identity options", help: "Certificate subject/issuer name printing options", repeat: "accumulate" },
  { name: "cert", arg: "infile", section: "Identity options", help: "Server certificate file to use; default server.pem" },
  { name: "cert2", arg: "infile", section: "Identity options", help: "Certificate file to use for servername; default server2.pem" },
  { name: "certform", arg: "PEM|DER", section: "Identity options", help: "Server certificate file format (PEM/DER/P12); has no effect" },
  { name: "cert_chain", arg: "infile", section: "Identity options", help: "Server certificate chain file in PEM format" },
  { name: "build_chain", arg: "none", section: "Identity options", help: "Build server certificate chain" },
  { name: "serverinfo", arg: "val", section: "Identity options", help: "PEM serverinfo file for certificate" },
  { name: "key", arg: "val", section: "Identity options", help: "Private key file to use; default is -cert file or elseserver.pem" },
  { name: "key2", arg: "infile", section: "Identity options", help: "-Private Key file to use for servername if not in -cert2" },
  { name: "keyform", arg: "format", section: "Identity options", help: "Key format (ENGINE, other values ignored)" },
  { name: "pass", arg: "val", section: "Identity options", help: "Private key and cert file pass phrase source" },
  { name: "dcert", arg: "infile", section: "Identity options", help: "Second server certificate file to use (usually for DSA)" },
  { name: "dcertform", arg: "PEM|DER", section: "Identity options", help: "Second server certificate file format (PEM/DER/P12); has no effect" },
  { name: "dcert_chain", arg: "infile", section: "Identity options", help: "second server certificate chain file in PEM format" },
  { name: "dkey", arg: "infile", section: "Identity options", help: "Second private key file to use (usually for DSA)" },
  { name: "dkeyform", arg: "format", section: "Identity options", help: "Second key file format (ENGINE, other values ignored)" },
  { name: "dpass", arg: "val", section: "Identity options", help: "Second private key and cert file pass phrase source" },
  { name: "dhparam", arg: "infile", section: "Identity options", help: "DH parameters file to use" },
  { name: "servername", arg: "val", section: "Identity options", help: "Servername for HostName TLS extension" },
  { name: "servername_fatal", arg: "none", section: "Identity options", help: "On servername mismatch send fatal alert (default warning alert)" },
  { name: "nbio_test", arg: "none", section: "Identity options", help: "Test with the non-blocking test bio" },
  { name: "crlf", arg: "none", section: "Identity options", help: "Convert LF from terminal into CRLF" },
  { name: "quiet", arg: "none", section: "Identity options", help: "No server output" },
  { name: "no_resume_ephemeral", arg: "none", section: "Identity options", help: "Disable caching and tickets if ephemeral (EC)DH is used" },
  { name: "www", arg: "none", section: "Identity options", help: "Respond to a 'GET /' with a status page" },
  { name: "WWW", arg: "none", section: "Identity options", help: "Respond to a 'GET with the file ./path" },
  { name: "ignore_unexpected_eof", arg: "none", section: "Identity options", help: "Do not treat lack of close_notify from a peer as an error" },
  { name: "tlsextdebug", arg: "none", section: "Identity options", help: "Hex dump of all TLS extensions received" },
  { name: "HTTP", arg: "none", section: "Identity options", help: "Like -WWW but ./path includes HTTP headers" },
  { name: "id_prefix", arg: "val", section: "Identity options", help: "Generate SSL/TLS session IDs prefixed by arg" },
  { name: "keymatexport", arg: "val", section: "Identity options", help: "Export keying material using label" },
  { name: "keymatexportlen", arg: "+int", section: "Identity options", help: "Export len bytes of keying material; default 20" },
  { name: "CRL", arg: "infile", section: "Identity options", help: "CRL file to use" },
  { name: "CRLform", arg: "PEM|DER", section: "Identity options", help: "CRL file format (PEM or DER); default PEM" },
  { name: "crl_download", arg: "none", section: "Identity options", help: "Download CRLs from distribution points in certificate CDP entries" },
  { name: "chainCAfile", arg: "infile", section: "Identity options", help: "CA file for certificate chain (PEM format)" },
  { name: "chainCApath", arg: "dir", section: "Identity options", help: "use dir as certificate store path to build CA certificate chain" },
  { name: "chainCAstore", arg: "uri", section: "Identity options", help: "use URI as certificate store to build CA certificate chain" },
  { name: "verifyCAfile", arg: "infile", section: "Identity options", help: "CA file for certificate verification (PEM format)" },
  { name: "verifyCApath", arg: "dir", section: "Identity options", help: "use dir as certificate store path to verify CA certificate" },
  { name: "verifyCAstore", arg: "uri", section: "Identity options", help: "use URI as certificate store to verify CA certificate" },
  { name: "no_cache", arg: "none", section: "Identity options", help: "Disable session cache" },
  { name: "ext_cache", arg: "none", section: "Identity options", help: "Disable internal cache, set up and use external cache" },
  { name: "verify_return_error", arg: "none", section: "Identity options", help: "Close connection on verification error" },
  { name: "verify_quiet", arg: "none", section: "Identity options", help: "No verify output except verify errors" },
  { name: "ign_eof", arg: "none", section: "Identity options", help: "Ignore input EOF (default when -quiet)" },
  { name: "no_ign_eof", arg: "none", section: "Identity options", help: "Do not ignore input EOF" },
  // OCSP options
  { name: "status", arg: "none", section: "OCSP options", help: "Request certificate status from server" },
  { name: "status_verbose", arg: "none", section: "OCSP options", help: "Print more output in certificate status callback" },
  { name: "status_timeout", arg: "int", section: "OCSP options", help: "Status request responder timeout" },
  { name: "status_url", arg: "val", section: "OCSP options", help: "Status request fallback URL" },
  { name: "proxy", arg: "val", section: "OCSP options", help: "[http[s]://]host[:port][/path] of HTTP(S) proxy to use; path is ignored" },
  { name: "no_proxy", arg: "val", section: "OCSP options", help: "List of addresses of servers not to use HTTP(S) proxy for", helpMore: ["Default from environment variable 'no_proxy', else 'NO_PROXY', else none"] },
  { name: "status_file", arg: "infile", section: "OCSP options", help: "File containing DER encoded OCSP Response" },
  // Debug options
  { name: "security_debug", arg: "none", section: "Debug options", help: "Print output from SSL/TLS security framework" },
  { name: "security_debug_verbose", arg: "none", section: "Debug options", help: "Print more output from SSL/TLS security framework" },
  { name: "brief", arg: "none", section: "Debug options", help: "Restrict output to brief summary of connection parameters" },
  { name: "rev", arg: "none", section: "Debug options", help: "act as an echo server that sends back received text reversed" },
  { name: "debug", arg: "none", section: "Debug options", help: "Print more output" },
  { name: "msg", arg: "none", section: "Debug options", help: "Show protocol messages" },
  { name: "msgfile", arg: "outfile", section: "Debug options", help: "File to send output of -msg or -trace, instead of stdout" },
  { name: "state", arg: "none", section: "Debug options", help: "Print the SSL states" },
  { name: "async", arg: "none", section: "Debug options", help: "Operate in asynchronous mode", feature: "async" },
  { name: "max_pipelines", arg: "+int", section: "Debug options", help: "Maximum number of encrypt/decrypt pipelines to be used" },
  { name: "naccept", arg: "+int", section: "Debug options", help: "Terminate after #num connections" },
  { name: "keylogfile", arg: "outfile", section: "Debug options", help: "Write TLS secrets to file" },
  // ts-s-server's own flags (not in openssl's -help, whose text -help reproduces)
  { name: "serial", arg: "none", section: "Debug options", help: "Serve one connection at a time in -www/-WWW/-HTTP/-rev modes, as openssl does", inHelp: false, own: true },
  { name: "jsonlog", arg: "outfile", section: "Debug options", help: "Write one JSON line per connection to file ('-' for stderr)", inHelp: false, own: true },
  // Network options
  { name: "nbio", arg: "none", section: "Network options", help: "Use non-blocking IO" },
  { name: "timeout", arg: "none", section: "Network options", help: "Enable timeouts" },
  { name: "mtu", arg: "+int", section: "Network options", help: "Set link-layer MTU" },
  { name: "read_buf", arg: "+int", section: "Network options", help: "Default read buffer size to be used for connections" },
  { name: "split_send_frag", arg: "+int", section: "Network options", help: "Size used to split data for encrypt pipelines" },
  { name: "max_send_frag", arg: "+int", section: "Network options", help: "Maximum Size of send frames " },
  // Server identity options
  { name: "psk_identity", arg: "val", section: "Server identity options", help: "PSK identity to expect" },
  { name: "psk_hint", arg: "val", section: "Server identity options", help: "PSK identity hint to use" },
  { name: "psk", arg: "val", section: "Server identity options", help: "PSK in hex (without 0x)" },
  { name: "psk_session", arg: "infile", section: "Server identity options", help: "File to read PSK SSL session from" },
  { name: "srpvfile", arg: "infile", section: "Server identity options", help: "(deprecated) The verifier file for SRP", feature: "srp" },
  { name: "srpuserseed", arg: "val", section: "Server identity options", help: "(deprecated) A seed string for a default user salt", feature: "srp" },
  // Protocol and version options
  { name: "max_early_data", arg: "int", section: "Protocol and version options", help: "The maximum number of bytes of early data as advertised in tickets" },
  { name: "recv_max_early_data", arg: "int", section: "Protocol and version options", help: "The maximum number of bytes of early data (hard limit)" },
  { name: "early_data", arg: "none", section: "Protocol and version options", help: "Attempt to read early data" },
  { name: "num_tickets", arg: "int", section: "Protocol and version options", help: "The number of TLSv1.3 session tickets that a server will automatically issue" },
  { name: "anti_replay", arg: "none", section: "Protocol and version options", help: "Switch on anti-replay protection (default)" },
  { name: "no_anti_replay", arg: "none", section: "Protocol and version options", help: "Switch off anti-replay protection" },
  { name: "http_server_binmode", arg: "none", section: "Protocol and version options", help: "opening files in binary mode when acting as http server (-WWW and -HTTP)" },
  { name: "no_ca_names", arg: "none", section: "Protocol and version options", help: "Disable TLS Extension CA Names" },
  { name: "stateless", arg: "none", section: "Protocol and version options", help: "Require TLSv1.3 cookies" },
  { name: "ssl2", arg: "none", section: "Protocol and version options", help: "Just talk SSLv2", inHelp: false, feature: "ssl2" },
  { name: "ssl3", arg: "none", section: "Protocol and version options", help: "Just talk SSLv3", inHelp: false, feature: "ssl3" },
  { name: "tls1", arg: "none", section: "Protocol and version options", help: "Just talk TLSv1" },
  { name: "tls1_1", arg: "none", section: "Protocol and version options", help: "Just talk TLSv1.1" },
  { name: "tls1_2", arg: "none", section: "Protocol and version options", help: "just talk TLSv1.2" },
  { name: "tls1_3", arg: "none", section: "Protocol and version options", help: "just talk TLSv1.3" },
  { name: "dtls", arg: "none", section: "Protocol and version options", help: "Use any DTLS version" },
  { name: "listen", arg: "none", section: "Protocol and version options", help: "Listen for a DTLS ClientHello with a cookie and then connect" },
  { name: "dtls1", arg: "none", section: "Protocol and version options", help: "Just talk DTLSv1" },
  { name: "dtls1_2", arg: "none", section: "Protocol and version options", help: "Just talk DTLSv1.2" },
  { name: "use_srtp", arg: "val", section: "Protocol and version options", help: "Offer SRTP key management with a colon-separated profile list" },
  { name: "no_dhe", arg: "none", section: "Protocol and version options", help: "Disable ephemeral DH" },
  { name: "nextprotoneg", arg: "val", section: "Protocol and version options", help: "Set the advertised protocols for the NPN extension (comma-separated list)" },
  { name: "alpn", arg: "val", section: "Protocol and version options", help: "Set the advertised protocols for the ALPN extension (comma-separated list)" },
  { name: "sendfile", arg: "none", section: "Protocol and version options", help: "Use sendfile to response file with -WWW", feature: "ktls" },
  { name: "ktls", arg: "none", section: "Protocol and version options", help: "Enable Kernel TLS for sending and receiving", inHelp: false, feature: "ktls" },
  { name: "sctp", arg: "none", section: "Protocol and version options", help: "Use SCTP", inHelp: false, feature: "sctp" },
  { name: "sctp_label_bug", arg: "none", section: "Protocol and version options", help: "Enable SCTP label length bug", inHelp: false, feature: "sctp" },
  // Random state options
  { name: "rand", arg: "val", section: "Random state options", help: "Load the given file(s) into the random number generator", repeat: "accumulate" },
  { name: "writerand", arg: "outfile", section: "Random state options", help: "Write random data to the specified file" },
  // TLS/SSL options
  { name: "no_ssl2", arg: "none", section: "TLS/SSL options", help: "Just disable SSLv2", inHelp: false, feature: "ssl2" },
  { name: "no_ssl3", arg: "none", section: "TLS/SSL options", help: "Just disable SSLv3" },
  { name: "no_tls1", arg: "none", section: "TLS/SSL options", help: "Just disable TLSv1" },
  { name: "no_tls1_1", arg: "none", section: "TLS/SSL options", help: "Just disable TLSv1.1" },
  { name: "no_tls1_2", arg: "none", section: "TLS/SSL options", help: "Just disable TLSv1.2" },
  { name: "no_tls1_3", arg: "none", section: "TLS/SSL options", help: "Just disable TLSv1.3" },
  { name: "bugs", arg: "none", section: "TLS/SSL options", help: "Turn on SSL bug compatibility" },
  { name: "no_comp", arg: "none", section: "TLS/SSL options", help: "Disable SSL/TLS compression (default)" },
  { name: "comp", arg: "none", section: "TLS/SSL options", help: "Use SSL/TLS-level compression", feature: "comp" },
  { name: "no_ticket", arg: "none", section: "TLS/SSL options", help: "Disable use of TLS session tickets" },
  { name: "serverpref", arg: "none", section: "TLS/SSL options", help: "Use server's cipher preferences" },
  { name: "legacy_renegotiation", arg: "none", section: "TLS/SSL options", help: "Enable use of legacy renegotiation (dangerous)" },
  { name: "client_renegotiation", arg: "none", section: "TLS/SSL options", help: "Allow client-initiated renegotiation" },
  { name: "no_renegotiation", arg: "none", section: "TLS/SSL options", help: "Disable all renegotiation." },
  { name: "legacy_server_connect", arg: "none", section: "TLS/SSL options", help: "Allow initial connection to servers that don't support RI" },
  { name: "no_resumption_on_reneg", arg: "none", section: "TLS/SSL options", help: "Disallow session resumption on renegotiation" },
  { name: "no_legacy_server_connect", arg: "none", section: "TLS/SSL options", help: "Disallow initial connection to servers that don't support RI" },
  { name: "allow_no_dhe_kex", arg: "none", section: "TLS/SSL options", help: "In TLSv1.3 allow non-(ec)dhe based key exchange on resumption" },
  { name: "prioritize_chacha", arg: "none", section: "TLS/SSL options", help: "Prioritize ChaCha ciphers when preferred by clients" },
  { name: "strict", arg: "none", section: "TLS/SSL options", help: "Enforce strict certificate checks as per TLS standard" },
  { name: "sigalgs", arg: "val", section: "TLS/SSL options", help: "Signature algorithms to support (colon-separated list)" },
  { name: "client_sigalgs", arg: "val", section: "TLS/SSL options", help: "Signature algorithms to support for client certificate authentication (colon-separated list)" },
  { name: "groups", arg: "val", section: "TLS/SSL options", help: "Groups to advertise (colon-separated list)" },
  { name: "curves", arg: "val", section: "TLS/SSL options", help: "Groups to advertise (colon-separated list)" },
  { name: "named_curve", arg: "val", section: "TLS/SSL options", help: "Elliptic curve used for ECDHE (server-side only)" },
  { name: "cipher", arg: "val", section: "TLS/SSL options", help: "Specify TLSv1.2 and below cipher list to be used" },
  { name: "ciphersuites", arg: "val", section: "TLS/SSL options", help: "Specify TLSv1.3 ciphersuites to be used" },
  { name: "min_protocol", arg: "val", section: "TLS/SSL options", help: "Specify the minimum protocol version to be used" },
  { name: "max_protocol", arg: "val", section: "TLS/SSL options", help: "Specify the maximum protocol version to be used" },
  { name: "record_padding", arg: "val", section: "TLS/SSL options", help: "Block size to pad TLS 1.3 records to." },
  { name: "debug_broken_protocol", arg: "none", section: "TLS/SSL options", help: "Perform all sorts of protocol violations for testing purposes" },
  { name: "no_middlebox", arg: "none", section: "TLS/SSL options", help: "Disable TLSv1.3 middlebox compat mode" },
  { name: "no_etm", arg: "none", section: "TLS/SSL options", help: "Disable Encrypt-then-Mac extension" },
  // Validation options
  { name: "policy", arg: "val", section: "Validation options", help: "adds policy to the acceptable policy set", repeat: "accumulate" },
  { name: "purpose", arg: "val", section: "Validation options", help: "certificate chain purpose" },
  { name: "verify_name", arg: "val", section: "Validation options", help: "verification policy name" },
  { name: "verify_depth", arg: "int", section: "Validation options", help: "chain depth limit" },
  { name: "auth_level", arg: "int", section: "Validation options", help: "chain authentication security level" },
  { name: "attime", arg: "intmax", section: "Validation options", help: "verification epoch time" },
  { name: "verify_hostname", arg: "val", section: "Validation options", help: "expected peer hostname" },
  { name: "verify_email", arg: "val", section: "Validation options", help: "expected peer email" },
  { name: "verify_ip", arg: "val", section: "Validation options", help: "expected peer IP address" },
  { name: "ignore_critical", arg: "none", section: "Validation options", help: "permit unhandled critical extensions" },
  { name: "issuer_checks", arg: "none", section: "Validation options", help: "(deprecated)" },
  { name: "crl_check", arg: "none", section: "Validation options", help: "check leaf certificate revocation" },
  { name: "crl_check_all", arg: "none", section: "Validation options", help: "check full chain revocation" },
  { name: "policy_check", arg: "none", section: "Validation options", help: "perform rfc5280 policy checks" },
  { name: "explicit_policy", arg: "none", section: "Validation options", help: "set policy variable require-explicit-policy" },
  { name: "inhibit_any", arg: "none", section: "Validation options", help: "set policy variable inhibit-any-policy" },
  { name: "inhibit_map", arg: "none", section: "Validation options", help: "set policy variable inhibit-policy-mapping" },
  { name: "x509_strict", arg: "none", section: "Validation options", help: "disable certificate compatibility work-arounds" },
  { name: "extended_crl", arg: "none", section: "Validation options", help: "enable extended CRL features" },
  { name: "use_deltas", arg: "none", section: "Validation options", help: "use delta CRLs" },
  { name: "policy_print", arg: "none", section: "Validation options", help: "print policy processing diagnostics" },
  { name: "check_ss_sig", arg: "none", section: "Validation options", help: "check root CA self-signatures" },
  { name: "trusted_first", arg: "none", section: "Validation options", help: "search trust store first (default)" },
  { name: "suiteB_128_only", arg: "none", section: "Validation options", help: "Suite B 128-bit-only mode" },
  { name: "suiteB_128", arg: "none", section: "Validation options", help: "Suite B 128-bit mode allowing 192-bit algorithms" },
  { name: "suiteB_192", arg: "none", section: "Validation options", help: "Suite B 192-bit-only mode" },
  { name: "partial_chain", arg: "none", section: "Validation options", help: "accept chains anchored by intermediate trust-store CAs" },
  { name: "no_alt_chains", arg: "none", section: "Validation options", help: "(deprecated)" },
  { name: "no_check_time", arg: "none", section: "Validation options", help: "ignore certificate validity time" },
  { name: "allow_proxy_certs", arg: "none", section: "Validation options", help: "allow the use of proxy certificates" },
  // Extended certificate options
  { name: "xkey", arg: "infile", section: "Extended certificate options", help: "key for Extended certificates" },
  { name: "xcert", arg: "infile", section: "Extended certificate options", help: "cert for Extended certificates" },
  { name: "xchain", arg: "infile", section: "Extended certificate options", help: "chain for Extended certificates" },
  { name: "xchain_build", arg: "none", section: "Extended certificate options", help: "build certificate chain for the extended certificates" },
  { name: "xcertform", arg: "PEM|DER", section: "Extended certificate options", help: "format of Extended certificate (PEM/DER/P12); has no effect" },
  { name: "xkeyform", arg: "PEM|DER", section: "Extended certificate options", help: "format of Extended certificate's key (DER/PEM/P12); has no effect" },
  // Provider options
  { name: "provider-path", arg: "val", section: "Provider options", help: "Provider load path (must be before 'provider' argument if required)", feature: "provider" },
  { name: "provider", arg: "val", section: "Provider options", help: "Provider to load (can be specified multiple times)", feature: "provider", repeat: "accumulate" },
  { name: "propquery", arg: "val", section: "Provider options", help: "Property query used when fetching algorithms", feature: "provider" },
] as const satisfies readonly FlagSpec[];

export type Flag = (typeof FLAGS)[number];
export type FlagName = Flag['name'];

const BY_NAME: ReadonlyMap<string, FlagSpec> = new Map(FLAGS.map((f) => [f.name, f]));

/** The flag spelled exactly `name` (no dash), or undefined: openssl has no abbreviations. */
export function findFlag(name: string): FlagSpec | undefined {
  return BY_NAME.get(name);
}
