// RFC 8448 §3 "Simple 1-RTT Handshake", two ways:
//  1. through the building blocks the server uses (key schedule, Finished, CertificateVerify
//     input, record protection), on the RFC's own transcript: every published secret, key, IV,
//     verify_data and protected record, byte for byte;
//  2. through the state machine (ExpectClientHello ... Connected), fed the RFC's ClientHello with
//     the RFC's server random, server X25519 key, certificate and RSA key injected.
//
// Where our server answers the RFC's ClientHello differently (both are valid TLS 1.3), the
// difference is asserted exactly, so a change in either direction is noticed:
//  - ServerHello: we put supported_versions before key_share (OpenSSL's order); the RFC's server
//    (NSS) puts key_share first. Same extensions, same bytes in each.
//  - EncryptedExtensions: we acknowledge server_name only. The RFC's server also sends
//    supported_groups (its preference list, as NSS does) and record_size_limit (RFC 8449, which
//    OpenSSL 3.0 and we do not implement).
// From the ServerHello on the transcripts differ, so secrets bound to the transcript are checked
// in (2) against an independent RFC 8446 §7.1 derivation (node:crypto as the oracle) from the
// RFC's own handshake and master secrets, which do not depend on the transcript.
import test from 'ava';
import * as nodeCrypto from 'node:crypto';

import * as core from '../../binding';
import { signingKey } from '../../src/config/credentials';
import { TlsError } from '../../src/tls/alert';
import { Tls13Config } from '../../src/tls/config13';
import { AlertDescription, ContentType } from '../../src/tls/constants';
import { finishedVerifyData, KeySchedule13, trafficKeys } from '../../src/tls/keySchedule13';
import { suiteById } from '../../src/tls/primitives';
import { HandshakeReassembler, Protection13, RecordFramer } from '../../src/tls/record';
import { Direction, Epoch, ExpectClientHello, HandshakeSink, NegotiatedInfo, State } from '../../src/tls/server13';
import * as msg from '../../src/tls/serverMessages13';
import { TicketSealer, ticketPsk } from '../../src/tls/tickets13';
import { Reader } from '../../src/tls/codec';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// ---- RFC 8448 §2: the server's RSA key ------------------------------------------------------
const RSA = {
  n: h(`b4 bb 49 8f 82 79 30 3d 98 08 36 39 9b 36 c6 98 8c 0c 68 de 55 e1 bd b8 26 d3
        90 1a 24 61 ea fd 2d e4 9a 91 d0 15 ab bc 9a 95 13 7a ce 6c 1a f1 9e aa 6a f9
        8c 7c ed 43 12 09 98 e1 87 a8 0e e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a
        6d 38 e2 2a 5f da 43 08 46 74 80 30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1
        d0 3e 2b d1 93 ef f0 ab 9a 80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f`),
  e: h('01 00 01'),
  d: h(`04 de a7 05 d4 3a 6e a7 20 9d d8 07 21 11 a8 3c 81 e3 22 a5 92 78 b3 34 80 64
        1e af 7c 0a 69 85 b8 e3 1c 44 f6 de 62 e1 b4 c2 30 9f 61 26 e7 7b 7c 41 e9 23
        31 4b bf a3 88 13 05 dc 12 17 f1 6c 81 9c e5 38 e9 22 f3 69 82 8d 0e 57 19 5d
        8c 84 88 46 02 07 b2 fa a7 26 bc f7 08 bb d7 db 7f 67 9f 89 34 92 fc 2a 62 2e
        08 97 0a ac 44 1c e4 e0 c3 08 8d f2 5a e6 79 23 3d f8 a3 bd a2 ff 99 41`),
  p: h(`e4 35 fb 7c c8 37 37 75 6d ac ea 96 ab 7f 59 a2 cc 10 69 db 7d eb 19 0e 17 e3
        3a 53 2b 27 3f 30 a3 27 aa 0a aa bc 58 cd 67 46 6a f9 84 5f ad c6 75 fe 09 4a
        f9 2c 4b d1 f2 c1 bc 33 dd 2e 05 15`),
  q: h(`ca bd 3b c0 e0 43 86 64 c8 d4 cc 9f 99 97 7a 94 d9 bb fe ad 8e 43 87 0a ba e3
        f7 eb 8b 4e 0e ee 8a f1 d9 b4 71 9b a6 19 6c f2 cb ba ee eb f8 b3 49 0a fe 9e
        9f fa 74 a8 8a a5 1f c6 45 62 93 03`),
  dp: h(`3f 57 34 5c 27 fe 1b 68 7e 6e 76 16 27 b7 8b 1b 82 64 33 dd 76 0f a0 be a6 a6
         ac f3 94 90 aa 1b 47 cd a4 86 9d 68 f5 84 dd 5b 50 29 bd 32 09 3b 82 58 66 1f
         e7 15 02 5e 5d 70 a4 5a 08 d3 d3 19`),
  dq: h(`18 3d a0 13 63 bd 2f 28 85 ca cb dc 99 64 bf 47 64 f1 51 76 36 f8 64 01 28 6f
         71 89 3c 52 cc fe 40 a6 c2 3d 0d 08 6b 47 c6 fb 10 d8 fd 10 41 e0 4d ef 7e 9a
         40 ce 95 7c 41 77 94 e1 04 12 d1 39`),
  qi: h(`83 9c a9 a0 85 e4 28 6b 2c 90 e4 66 99 7a 2c 68 1f 21 33 9a a3 47 78 14 e4 de
         c1 18 33 05 0e d5 0d d1 3c c0 38 04 8a 43 c5 9b 2a cc 41 68 89 c0 37 66 5f e5
         af a6 05 96 9f 8c 01 df a5 ca 96 9d`),
};
const big = (b: Buffer): bigint => BigInt(`0x${b.toString('hex')}`);
const RSA_KEY = signingKey({
  type: 'rsa',
  n: big(RSA.n),
  e: big(RSA.e),
  d: big(RSA.d),
  p: big(RSA.p),
  q: big(RSA.q),
  dp: big(RSA.dp),
  dq: big(RSA.dq),
  qinv: big(RSA.qi),
  bits: 1024,
});

// ---- RFC 8448 §3 ----------------------------------------------------------------------------
const CLIENT_PRIV = h('49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005');
const CLIENT_PUB = h('99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c');
const SERVER_PRIV = h('b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e');
const SERVER_PUB = h('c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f');
const SERVER_RANDOM = h('a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928');

const CH_RECORD = h(`16030100c4010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7
  000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d00170018
  00190100010101020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e
  51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603020308040805080604010501060102
  010402050206020202002d00020101001c00024001`);
const CH = CH_RECORD.subarray(5);
const SH = h(`020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e
  00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304`);
const EE = h('080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000');
const CERT = h(`0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e
  310c300a06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a
  300e310c300a0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4
  bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1a
  f19eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0
  461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a30183009
  0603551d1304023000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5
  b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80
  f21a03015156726096fd335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b
  1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de10000`);
const CERT_DER = CERT.subarray(4 + 1 + 3 + 3, CERT.length - 2);
const CV = h(`0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db
  78e2d33a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac02767145
  9e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3`);
const SERVER_FINISHED = h('140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718');
const CLIENT_FINISHED = h('14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61');
const CV_CONTENT = Buffer.concat([
  Buffer.alloc(64, 0x20),
  Buffer.from('TLS 1.3, server CertificateVerify\0', 'latin1'),
  h('764d6632b3c35c3f3205e3499ac3edbaabb88295fba751461d3678e2e5ea0687'),
]);

const SECRETS = {
  early: h('33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a'),
  ecdhe: h('8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d'),
  handshake: h('1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac'),
  cHs: h('b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21'),
  sHs: h('b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38'),
  master: h('18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919'),
  cAp: h('9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5'),
  sAp: h('a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643'),
  exporter: h('fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50'),
  resumption: h('7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c'),
  // RFC 8448 §4 (the PSK the §3 ticket yields, ticket_nonce 00 00).
  ticketPsk: h('4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3'),
};
const KEYS = {
  sHs: { key: h('3fce516009c21727d0f2e4e86ee403bc'), iv: h('5d313eb2671276ee13000b30') },
  cHs: { key: h('dbfaa693d1762c5b666af5d950258d01'), iv: h('5bd3c71b836e0b76bb73265f') },
  sAp: { key: h('9f02283b6c9c07efc26bb9f2ac92e356'), iv: h('cf782b88dd83549aadf1e984') },
  cAp: { key: h('17422dda596ed5d9acd890e3c63f5051'), iv: h('5b78923dee08579033e523d9') },
};
const RECORDS = {
  serverHandshake: h(`17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf40aa40aa2b8ea73f848
    a7ca07612ef9f945cb960b4068905123ea78b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b1
    3bd9aefb0e57f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf51427325250c
    7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd610928d
    809810e4b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fcf2a89441
    ac66272fd8fb330ef8190579b3684596c960bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f4415cf
    9538d51a200c27034272968a264ed6540c84838d89f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a36ac1b639
    c637ce343117b659622245317b49eeda0c6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e1b7a6c7178
    af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da8c87c843f5e56eb4c5e8280a2b48052cf93b16499a66
    db7cca71e4599426f7d461e66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe5a37668936b335
    583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb992f2b992f67f8afe67f76913fa388cb5630c8ca01e0c65d
    11c66a1e2ac4c85977b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038ebba42f3b38edc0399
    f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592c12335ee340bbc4fddd502784016e4b3be7ef04dda49
    f4b440a30cb5d2af939828fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e750edc53370d2b`),
  clientFinished: h('170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd1caeacab6867d726c40546'),
  newSessionTicket: h(`17030300de3a6b8f90414a97d6959c3487680de5134a2b240e6cffac116e95d41d6af8f6b580dcf3d11d63c758db28
    9a015940252f55713e061dc13e078891a38efbcf5753ad8ef170ad3c7353d16d9da773b9ca7f2b9fa1b6c0d4a3d03f75e0
    9c30ba1e62972ac46f75f7b981be63439b2999ce13064615139891d5e4c5b406f16e3fc181a77ca475840025db2f0a77f8
    1b5ab05b94c01346755f69232c86519d86cbeeac87aac347d143f9605d64f650db4d023e70e952ca49fe5137121c74bc26
    97687e248746d6df353005f3bce18696129c8153556b3b6c6779b37bf15985684f`),
  clientAppData: h(`1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b9819a8a5b46b395bd54a9a20441e
    2b62974e1f5a6292a2977014bd1e3deae63aeebb21694915e4`),
  serverAppData: h(`17030300432e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36e30efaf97d90e6dffc602dcb501a
    59a8fcc49c4bf2e5f0a21c0047c2abf332540dd032e167c2955d`),
  clientCloseNotify: h('1703030013c9872760655666b74d7ff1153efd6db6d0b0e3'),
  serverCloseNotify: h('1703030013b58fd67166ebf599d24720cfbe7efa7a8864a9'),
};
const APP_DATA = Buffer.from(Array.from({ length: 50 }, (_, i) => i));
const TLS_AES_128_GCM_SHA256 = suiteById(0x1301)!;

// ---- An independent RFC 8446 §7.1 key schedule (node:crypto, test oracle) ---------------------
const sha256 = (...parts: Buffer[]): Buffer => nodeCrypto.createHash('sha256').update(Buffer.concat(parts)).digest();
const hmac = (key: Buffer, data: Buffer): Buffer => nodeCrypto.createHmac('sha256', key).update(data).digest();
function expandLabel(secret: Buffer, label: string, context: Buffer, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, 'latin1');
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([context.length]), context]);
  let t: Buffer = Buffer.alloc(0);
  let out: Buffer = Buffer.alloc(0);
  for (let i = 1; out.length < length; i++) {
    t = hmac(secret, Buffer.concat([t, info, Buffer.from([i])]));
    out = Buffer.concat([out, t]);
  }
  return out.subarray(0, length);
}
const derive = (secret: Buffer, label: string, transcriptHash: Buffer): Buffer => expandLabel(secret, label, transcriptHash, 32);
const oracleFinished = (base: Buffer, transcriptHash: Buffer): Buffer => hmac(expandLabel(base, 'finished', Buffer.alloc(0), 32), transcriptHash);

function protection(k: { key: Buffer; iv: Buffer }): Protection13 {
  return new Protection13('aes-128-gcm', k.key, k.iv, 16);
}

function asRecord(raw: Buffer) {
  const f = new RecordFramer();
  f.push(raw);
  const rec = f.next();
  if (!rec || f.pending) throw new Error('not exactly one record');
  return rec;
}

// ---- 1. The building blocks on the RFC's transcript ------------------------------------------

test('RFC 8448 §3: the ECDHE secret and the key schedule, secret by secret', (t) => {
  t.deepEqual(core.x25519PublicKey(CLIENT_PRIV), CLIENT_PUB);
  t.deepEqual(core.x25519PublicKey(SERVER_PRIV), SERVER_PUB);
  const shared = core.x25519(SERVER_PRIV, CLIENT_PUB);
  t.deepEqual(shared, SECRETS.ecdhe);
  t.deepEqual(core.x25519(CLIENT_PRIV, SERVER_PUB), SECRETS.ecdhe);

  const ks = new KeySchedule13('sha256', 32);
  t.deepEqual(ks.earlySecret, SECRETS.early);
  ks.enterHandshake(shared);
  t.deepEqual(ks.handshakeSecret, SECRETS.handshake);
  const hs = ks.handshakeTrafficSecrets(sha256(CH, SH));
  t.deepEqual(hs.client, SECRETS.cHs);
  t.deepEqual(hs.server, SECRETS.sHs);
  t.deepEqual(trafficKeys('sha256', hs.server, 16, 12), KEYS.sHs);
  t.deepEqual(trafficKeys('sha256', hs.client, 16, 12), KEYS.cHs);

  t.deepEqual(finishedVerifyData('sha256', hs.server, sha256(CH, SH, EE, CERT, CV)), SERVER_FINISHED.subarray(4));
  t.deepEqual(msg.finished(finishedVerifyData('sha256', hs.server, sha256(CH, SH, EE, CERT, CV))), SERVER_FINISHED);

  ks.enterMaster();
  t.deepEqual(ks.masterSecret, SECRETS.master);
  const app = ks.applicationSecrets(sha256(CH, SH, EE, CERT, CV, SERVER_FINISHED));
  t.deepEqual(app.client, SECRETS.cAp);
  t.deepEqual(app.server, SECRETS.sAp);
  t.deepEqual(app.exporter, SECRETS.exporter);
  t.deepEqual(trafficKeys('sha256', app.server, 16, 12), KEYS.sAp);
  t.deepEqual(trafficKeys('sha256', app.client, 16, 12), KEYS.cAp);

  t.deepEqual(finishedVerifyData('sha256', hs.client, sha256(CH, SH, EE, CERT, CV, SERVER_FINISHED)), CLIENT_FINISHED.subarray(4));
  const rms = ks.resumptionMasterSecret(sha256(CH, SH, EE, CERT, CV, SERVER_FINISHED, CLIENT_FINISHED));
  t.deepEqual(rms, SECRETS.resumption);
  t.deepEqual(ticketPsk('sha256', rms, h('0000'), 32), SECRETS.ticketPsk);
});

test('RFC 8448 §3: Certificate encoding and the CertificateVerify content and signature', (t) => {
  t.deepEqual(msg.certificate(Buffer.alloc(0), [Buffer.from(CERT_DER)]), CERT);
  const content = msg.certificateVerifyInput(true, sha256(CH, SH, EE, CERT));
  t.deepEqual(content, CV_CONTENT);
  const pub = { n: RSA.n, e: RSA.e };
  // The RFC's own signature verifies over our content (PSS, salt = hash length, RFC 8446 §4.2.3).
  const rfcSig = CV.subarray(8);
  t.true(core.rsaVerifyPss(pub, 'sha256', sha256(content), rfcSig, 32));
  // Ours is randomized (the PSS salt), so it is checked by verification, not by bytes.
  const ours = RSA_KEY.sign(0x0804, content);
  t.is(ours.length, 128);
  t.true(core.rsaVerifyPss(pub, 'sha256', sha256(content), ours, 32));
  t.false(core.rsaVerifyPss(pub, 'sha256', sha256(content.subarray(1)), ours, 32));
  t.deepEqual(msg.certificateVerify(0x0804, rfcSig), CV);
});

test('RFC 8448 §3: every protected record, byte for byte, with Protection13', (t) => {
  // Server handshake flight: EE, Certificate, CertificateVerify, Finished in one record.
  const sHs = protection(KEYS.sHs);
  t.deepEqual(sHs.seal(ContentType.handshake, Buffer.concat([EE, CERT, CV, SERVER_FINISHED])), RECORDS.serverHandshake);
  const sHsRead = protection(KEYS.sHs);
  t.deepEqual(sHsRead.open(asRecord(RECORDS.serverHandshake)), { type: ContentType.handshake, content: Buffer.concat([EE, CERT, CV, SERVER_FINISHED]) });

  // Client Finished under the client handshake keys.
  t.deepEqual(protection(KEYS.cHs).open(asRecord(RECORDS.clientFinished)), { type: ContentType.handshake, content: CLIENT_FINISHED });
  t.deepEqual(protection(KEYS.cHs).seal(ContentType.handshake, CLIENT_FINISHED), RECORDS.clientFinished);

  // Server application keys: NewSessionTicket (seq 0), application data (1), close_notify (2).
  const nst = protection(KEYS.sAp).open(asRecord(RECORDS.newSessionTicket));
  t.is(nst.type, ContentType.handshake);
  const sAp = protection(KEYS.sAp);
  t.deepEqual(sAp.seal(ContentType.handshake, nst.content), RECORDS.newSessionTicket);
  t.deepEqual(sAp.seal(ContentType.application_data, APP_DATA), RECORDS.serverAppData);
  t.deepEqual(sAp.seal(ContentType.alert, h('0100')), RECORDS.serverCloseNotify);

  // Client application keys: data (seq 0), close_notify (1).
  const cApRead = protection(KEYS.cAp);
  t.deepEqual(cApRead.open(asRecord(RECORDS.clientAppData)), { type: ContentType.application_data, content: APP_DATA });
  t.deepEqual(cApRead.open(asRecord(RECORDS.clientCloseNotify)), { type: ContentType.alert, content: h('0100') });
  const cAp = protection(KEYS.cAp);
  t.deepEqual(cAp.seal(ContentType.application_data, APP_DATA), RECORDS.clientAppData);
  t.deepEqual(cAp.seal(ContentType.alert, h('0100')), RECORDS.clientCloseNotify);

  // A record replayed at the wrong sequence number does not open.
  const err = t.throws(() => protection(KEYS.cAp).open(asRecord(RECORDS.clientCloseNotify)), { instanceOf: TlsError });
  t.is(err!.alert, AlertDescription.bad_record_mac);

  // The RFC's ticket is NSS's: check its structure (RFC 8446 §4.6.1) only.
  const r = new Reader(nst.content.subarray(4), 'NewSessionTicket');
  t.is(nst.content[0], 4);
  t.is(r.u32(), 30);
  r.u32();
  t.deepEqual(Buffer.from(r.vec(1)), h('0000'));
  t.true(r.vec(2, 1).length > 0);
  r.vec(2);
  r.end();
});

// ---- 2. The state machine on the RFC's ClientHello -------------------------------------------

interface Recorded {
  messages: Buffer[];
  ccs: number;
  keys: { direction: Direction; epoch: Epoch; secret: Buffer }[];
  keyLog: string[];
  done?: NegotiatedInfo;
}

function recordingSink(): { sink: HandshakeSink; rec: Recorded } {
  const rec: Recorded = { messages: [], ccs: 0, keys: [], keyLog: [] };
  const sink: HandshakeSink = {
    sendHandshake: (m) => void rec.messages.push(m),
    sendChangeCipherSpec: () => void rec.ccs++,
    installKeys: (direction, epoch, suite, secret) => {
      if (suite.id !== 0x1301) throw new Error('wrong suite');
      rec.keys.push({ direction, epoch, secret });
    },
    keyLog: (label, random, secret) => void rec.keyLog.push(`${label} ${random.toString('hex')} ${secret.toString('hex')}`),
    handshakeDone: (info) => void (rec.done = info),
  };
  return { sink, rec };
}

/** Deterministic bytes after the RFC's server random. */
function injectedRandom(): (n: number) => Buffer {
  let first = true;
  let counter = 0;
  return (n) => {
    if (first && n === 32) {
      first = false;
      return Buffer.from(SERVER_RANDOM);
    }
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = (0x5a + counter++) & 0xff;
    return out;
  };
}

function rfcConfig(tickets: TicketSealer): Tls13Config {
  return {
    cipherSuites: [0x1302, 0x1303, 0x1301],
    serverPreference: false,
    prioritizeChaCha: false,
    groups: [0x001d, 0x0017, 0x0018],
    credentials: [{ chain: [Buffer.from(CERT_DER)], key: RSA_KEY }],
    verifyPeer: 'none',
    numTickets: 2,
    // The RFC's server sends no change_cipher_spec.
    middleboxCompat: false,
    maxSendFragment: 16384,
    recordPadding: 0,
    tickets,
    ticketLifetime: 30,
    allowNoDheKex: false,
    random: injectedRandom(),
    now: () => 1_000_000,
    ephemeralKey: (group) => (group === 0x001d ? { privateKey: Buffer.from(SERVER_PRIV), publicKey: Buffer.from(SERVER_PUB) } : undefined),
  };
}

/** The RFC's ClientHello record through the framer and reassembler into a state. */
function feedRecord(state: State, record: Buffer, sink: HandshakeSink): State {
  const f = new RecordFramer();
  f.push(record);
  const rec = f.next()!;
  t_assert(rec.type === ContentType.handshake && f.pending === 0);
  const re = new HandshakeReassembler(1 << 17);
  re.push(rec.fragment);
  const m = re.next()!;
  t_assert(m !== undefined && !re.partial);
  return state.handle(m, sink);
}

function t_assert(cond: boolean): void {
  if (!cond) throw new Error('assertion failed');
}

function handshakeMessage(raw: Buffer) {
  return { type: raw[0], body: raw.subarray(4), raw };
}

test('RFC 8448 §3 through the state machine: ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished, secrets, tickets', (t) => {
  const sealer = new TicketSealer(Buffer.alloc(32, 7), injectedRandom());
  const config = rfcConfig(sealer);
  const { sink, rec } = recordingSink();
  let state: State = new ExpectClientHello(config);
  state = feedRecord(state, CH_RECORD, sink);
  t.is(state.name, 'ExpectFinished');
  t.is(rec.ccs, 0);
  t.is(rec.messages.length, 5);
  const [sh, ee, cert, cv, fin] = rec.messages;

  // ServerHello: the RFC's bytes with the two extensions in OpenSSL's order.
  const shHead = SH.subarray(0, 44);
  const keyShareExt = SH.subarray(44, 84);
  const versionsExt = SH.subarray(84);
  t.deepEqual(keyShareExt.subarray(0, 2), h('0033'));
  t.deepEqual(versionsExt, h('002b00020304'));
  t.deepEqual(sh, Buffer.concat([shHead, versionsExt, keyShareExt]));

  // EncryptedExtensions: empty. Like s_server without -servername we do not acknowledge the
  // client's server_name (the RFC's server does, see the header).
  t.deepEqual(ee, h('08000002 0000'));
  t.deepEqual(EE.subarray(EE.length - 4), h('00000000'), 'the RFC also acknowledges server_name, last');

  // Certificate: the RFC's bytes.
  t.deepEqual(cert, CERT);

  // CertificateVerify: rsa_pss_rsae_sha256 (the client's first RSA-PSS scheme), verified.
  t.deepEqual(cv.subarray(0, 8), h('0f000084 0804 0080'));
  const content = msg.certificateVerifyInput(true, sha256(CH, sh, ee, cert));
  t.true(core.rsaVerifyPss({ n: RSA.n, e: RSA.e }, 'sha256', sha256(content), cv.subarray(8), 32));

  // Independent key schedule from the RFC's handshake secret (which the transcript does not enter).
  const early = hmac(Buffer.alloc(32), Buffer.alloc(32));
  t.deepEqual(early, SECRETS.early);
  const handshakeSecret = hmac(derive(early, 'derived', sha256()), SECRETS.ecdhe);
  t.deepEqual(handshakeSecret, SECRETS.handshake);
  const masterSecret = hmac(derive(handshakeSecret, 'derived', sha256()), Buffer.alloc(32));
  t.deepEqual(masterSecret, SECRETS.master);
  const cHs = derive(handshakeSecret, 'c hs traffic', sha256(CH, sh));
  const sHs = derive(handshakeSecret, 's hs traffic', sha256(CH, sh));
  t.deepEqual(fin, Buffer.concat([h('14000020'), oracleFinished(sHs, sha256(CH, sh, ee, cert, cv))]));
  const cAp = derive(masterSecret, 'c ap traffic', sha256(CH, sh, ee, cert, cv, fin));
  const sAp = derive(masterSecret, 's ap traffic', sha256(CH, sh, ee, cert, cv, fin));
  const exporter = derive(masterSecret, 'exp master', sha256(CH, sh, ee, cert, cv, fin));

  t.deepEqual(rec.keys, [
    { direction: 'write', epoch: 'handshake', secret: sHs },
    { direction: 'read', epoch: 'handshake', secret: cHs },
    { direction: 'write', epoch: 'application', secret: sAp },
  ]);
  const random = CH.subarray(6, 38).toString('hex');
  t.is(random, 'cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7');
  t.deepEqual(rec.keyLog, [
    `SERVER_HANDSHAKE_TRAFFIC_SECRET ${random} ${sHs.toString('hex')}`,
    `CLIENT_HANDSHAKE_TRAFFIC_SECRET ${random} ${cHs.toString('hex')}`,
    `SERVER_TRAFFIC_SECRET_0 ${random} ${sAp.toString('hex')}`,
    `CLIENT_TRAFFIC_SECRET_0 ${random} ${cAp.toString('hex')}`,
    `EXPORTER_SECRET ${random} ${exporter.toString('hex')}`,
  ]);

  // Our flight, protected as the connection sends it, opens under keys from the oracle's secret.
  const flight = protection(trafficKeys('sha256', sHs, 16, 12)).seal(ContentType.handshake, Buffer.concat([ee, cert, cv, fin]));
  t.deepEqual(protection({ key: expandLabel(sHs, 'key', Buffer.alloc(0), 16), iv: expandLabel(sHs, 'iv', Buffer.alloc(0), 12) }).open(asRecord(flight)).content, Buffer.concat([ee, cert, cv, fin]));

  // The RFC's client Finished covers the RFC's transcript, not ours: decrypt_error, state unchanged.
  const err = t.throws(() => state.handle(handshakeMessage(CLIENT_FINISHED), sink), { instanceOf: TlsError });
  t.is(err!.alert, AlertDescription.decrypt_error);
  t.is(rec.done, undefined);

  // The client Finished over our transcript completes the handshake.
  const cFin = Buffer.concat([h('14000020'), oracleFinished(cHs, sha256(CH, sh, ee, cert, cv, fin))]);
  state = state.handle(handshakeMessage(cFin), sink);
  t.is(state.name, 'Connected');
  t.deepEqual(rec.keys[3], { direction: 'read', epoch: 'application', secret: cAp });
  const rms = derive(masterSecret, 'res master', sha256(CH, sh, ee, cert, cv, fin, cFin));
  const done = rec.done!;
  t.truthy(done);
  t.deepEqual(done.resumptionMasterSecret, rms);
  t.deepEqual(done.exporterSecret, exporter);
  t.is(done.suite.id, TLS_AES_128_GCM_SHA256.id);
  t.is(done.group, 0x001d);
  t.is(done.signatureScheme, 0x0804);
  t.is(done.clientHello.serverName, 'server');
  t.is(done.serverName, undefined, 'not acknowledged without -servername');
  t.false(done.resumed);
  t.false(done.helloRetry);

  // NewSessionTickets (RFC 8446 §4.6.1): structure, and the PSK each one carries.
  const tickets = rec.messages.slice(5);
  t.is(tickets.length, 2);
  const ageAdds = new Set<number>();
  tickets.forEach((nst, i) => {
    t.is(nst[0], 4);
    t.is(nst.readUIntBE(1, 3), nst.length - 4);
    const r = new Reader(nst.subarray(4), 'NewSessionTicket');
    t.is(r.u32(), 30);
    ageAdds.add(r.u32());
    const nonce = Buffer.from(r.vec(1));
    t.is(nonce.length, 8);
    t.is(nonce.readUInt32BE(4), i);
    const ticket = Buffer.from(r.vec(2, 1));
    t.is(r.vec(2).length, 0);
    r.end();
    const state13 = sealer.open(ticket)!;
    t.truthy(state13);
    t.is(state13.suite, 0x1301);
    t.is(state13.serverName, '', 'no acknowledged name to keep');
    t.deepEqual(state13.psk, expandLabel(rms, 'resumption', nonce, 32));
  });
  t.is(ageAdds.size, 2);
});

test('RFC 8448 §3 ClientHello: the same ServerHello twice from the same injected inputs', (t) => {
  const a = recordingSink();
  const b = recordingSink();
  feedRecord(new ExpectClientHello(rfcConfig(new TicketSealer(Buffer.alloc(32, 1), injectedRandom()))), CH_RECORD, a.sink);
  feedRecord(new ExpectClientHello(rfcConfig(new TicketSealer(Buffer.alloc(32, 1), injectedRandom()))), CH_RECORD, b.sink);
  t.deepEqual(a.rec.messages.slice(0, 3), b.rec.messages.slice(0, 3));
  // The handshake secrets; the application ones follow the randomized RSA-PSS signature.
  t.deepEqual(a.rec.keys.slice(0, 2), b.rec.keys.slice(0, 2));
  t.notDeepEqual(a.rec.messages[3], b.rec.messages[3]);
  // Without the injection the server's share is fresh.
  const c = recordingSink();
  feedRecord(new ExpectClientHello({ ...rfcConfig(new TicketSealer(Buffer.alloc(32, 1), injectedRandom())), ephemeralKey: undefined }), CH_RECORD, c.sink);
  t.notDeepEqual(c.rec.messages[0], a.rec.messages[0]);
  t.deepEqual(c.rec.messages[0].subarray(0, 44), a.rec.messages[0].subarray(0, 44));
});
