// AES-GCM, AES-CCM, AES/3DES-CBC and the raw AES block from the native core. Keys for the
// keyed AEAD object live in a native context (expanded schedule + H powers) that is wiped when
// disposed or collected.
#include <cstring>
#include <new>

#include "addon.h"

extern "C" {
#include "aes.h"
#include "des.h"
#include "gcm.h"
}

namespace tsaddon {

namespace {

enum AeadKind { kGcm, kCcm };

struct AeadAlg {
  AeadKind kind;
  size_t keylen;
  size_t taglen;  // default
};

// Argument i as bytes with the fewest N-API calls (one type check, one info call): the
// record layer calls these per record. (addon.cc's GetBytes aborts on a DataView under Node 20,
// where napi_is_buffer is true for every ArrayBufferView; this one never calls it.)
bool FastBytes(const Napi::CallbackInfo &info, size_t i, const char *name, Bytes *out) {
  napi_env env = info.Env();
  napi_value v = info[i];
  bool is_ta = false;
  if (napi_is_typedarray(env, v, &is_ta) == napi_ok && is_ta) {
    napi_typedarray_type type;
    size_t length;
    void *data;
    if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) == napi_ok) {
      size_t elem = 1;
      switch (type) {
        case napi_int16_array: case napi_uint16_array: elem = 2; break;
        case napi_int32_array: case napi_uint32_array: case napi_float32_array: elem = 4; break;
        case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: elem = 8; break;
        default: break;
      }
      out->data = static_cast<const uint8_t *>(data);
      out->size = length * elem;
      if (!out->data) out->data = reinterpret_cast<const uint8_t *>("");  // empty views may have no store
      return true;
    }
  }
  bool is_dv = false;
  if (napi_is_dataview(env, v, &is_dv) == napi_ok && is_dv) {
    size_t length;
    void *data;
    if (napi_get_dataview_info(env, v, &length, &data, nullptr, nullptr) == napi_ok) {
      out->data = data ? static_cast<const uint8_t *>(data) : reinterpret_cast<const uint8_t *>("");
      out->size = length;
      return true;
    }
  }
  return ThrowType(info.Env(), std::string("The \"") + name + "\" argument must be a Buffer, TypedArray or DataView");
}

// Reads a short ASCII string argument without allocating.
bool GetShortString(const Napi::CallbackInfo &info, size_t i, const char *name, char *buf, size_t cap) {
  if (!info[i].IsString()) return ThrowType(info.Env(), std::string("The \"") + name + "\" argument must be a string");
  size_t n = 0;
  napi_status st = napi_get_value_string_utf8(info.Env(), info[i], buf, cap, &n);
  if (st != napi_ok) return ThrowType(info.Env(), std::string("The \"") + name + "\" argument must be a string");
  return true;
}

bool ParseAead(const char *s, AeadAlg *a) {
  static const struct {
    const char *name;
    AeadAlg alg;
  } table[] = {
      {"aes-128-gcm", {kGcm, 16, 16}}, {"aes-192-gcm", {kGcm, 24, 16}}, {"aes-256-gcm", {kGcm, 32, 16}},
      {"aes-128-ccm", {kCcm, 16, 16}}, {"aes-192-ccm", {kCcm, 24, 16}}, {"aes-256-ccm", {kCcm, 32, 16}},
      {"aes-128-ccm8", {kCcm, 16, 8}}, {"aes-192-ccm8", {kCcm, 24, 8}}, {"aes-256-ccm8", {kCcm, 32, 8}},
  };
  for (const auto &e : table)
    if (std::strcmp(s, e.name) == 0) {
      *a = e.alg;
      return true;
    }
  return false;
}

bool GetAeadAlg(const Napi::CallbackInfo &info, size_t i, AeadAlg *a) {
  char buf[32];
  if (!GetShortString(info, i, "alg", buf, sizeof buf)) return false;
  if (!ParseAead(buf, a)) return ThrowRange(info.Env(), std::string("Unsupported AEAD algorithm: ") + buf);
  return true;
}

bool TagLengthOk(AeadKind kind, size_t t) {
  if (kind == kGcm) return t == 4 || t == 8 || (t >= 12 && t <= 16);  // SP 800-38D 5.2.1.2
  return t >= 4 && t <= 16 && t % 2 == 0;                             // SP 800-38C A.1
}

// Optional tag length argument at i (undefined = the algorithm's default).
bool GetTagLength(const Napi::CallbackInfo &info, size_t i, const AeadAlg &a, size_t *t) {
  *t = a.taglen;
  if (info.Length() <= i || info[i].IsUndefined()) return true;
  if (!GetSize(info, i, "tagLength", 16, t)) return false;
  if (!TagLengthOk(a.kind, *t))
    return ThrowRange(info.Env(), "Invalid tag length " + std::to_string(*t) +
                                      (a.kind == kGcm ? " for GCM (4, 8 or 12..16 bytes)" : " for CCM (4..16 bytes, even)"));
  return true;
}

bool NonceOk(const Napi::CallbackInfo &info, AeadKind kind, size_t n) {
  if (kind == kGcm && n == 0) return ThrowRange(info.Env(), "Invalid GCM nonce length 0 (must be at least 1 byte)");
  if (kind == kCcm && (n < 7 || n > 13))
    return ThrowRange(info.Env(), "Invalid CCM nonce length " + std::to_string(n) + " (must be 7..13 bytes)");
  return true;
}

struct AeadCtx {
  AeadAlg alg;
  bool live;
  union {
    ts_gcm_key gcm;
    ts_ccm_key ccm;
  };
  AeadCtx() : alg(), live(false) {}
  ~AeadCtx() { Wipe(); }
  void Wipe() {
    if (!live) return;
    if (alg.kind == kGcm)
      ts_gcm_wipe(&gcm);
    else
      ts_ccm_wipe(&ccm);
    live = false;
  }
};

bool InitCtx(AeadCtx *c, const AeadAlg &a, const uint8_t *key) {
  c->alg = a;
  int ok = a.kind == kGcm ? ts_gcm_init(&c->gcm, key, a.keylen) : ts_ccm_init(&c->ccm, key, a.keylen);
  c->live = ok != 0;
  return c->live;
}

const napi_type_tag kAeadTag = {0x7a3c1e5b9d2f4a61ULL, 0x8e4b2c6d1f3a5e79ULL};

// Seals into a new Buffer ct || tag; undefined with an exception pending on bad arguments.
Napi::Value DoSeal(const Napi::CallbackInfo &info, const AeadCtx &c, size_t first, size_t taglen) {
  Napi::Env env = info.Env();
  Bytes nonce, aad, pt;
  if (!FastBytes(info, first, "nonce", &nonce) || !FastBytes(info, first + 1, "aad", &aad) ||
      !FastBytes(info, first + 2, "plaintext", &pt))
    return env.Undefined();
  if (!NonceOk(info, c.alg.kind, nonce.size)) return env.Undefined();
  if (pt.size > (size_t)0x7fffffff - 16) {
    ThrowRange(env, "Plaintext too long");
    return env.Undefined();
  }
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, pt.size + taglen);
  uint8_t *o = out.Data();
  int ok = c.alg.kind == kGcm
               ? ts_gcm_seal(&c.gcm, nonce.data, nonce.size, aad.data, aad.size, pt.data, pt.size, o, o + pt.size, taglen)
               : ts_ccm_seal(&c.ccm, nonce.data, nonce.size, aad.data, aad.size, pt.data, pt.size, o, o + pt.size, taglen);
  if (!ok) {
    ThrowRange(env, "Invalid AEAD parameters (nonce, tag or message length)");
    return env.Undefined();
  }
  return out;
}

// Opens ct || tag: a new Buffer with the plaintext, or null when authentication fails.
Napi::Value DoOpen(const Napi::CallbackInfo &info, const AeadCtx &c, size_t first, size_t taglen) {
  Napi::Env env = info.Env();
  Bytes nonce, aad, in;
  if (!FastBytes(info, first, "nonce", &nonce) || !FastBytes(info, first + 1, "aad", &aad) ||
      !FastBytes(info, first + 2, "ciphertext", &in))
    return env.Undefined();
  if (!NonceOk(info, c.alg.kind, nonce.size)) return env.Undefined();
  if (in.size < taglen) return env.Null();  // too short to hold a tag: cannot authenticate
  size_t len = in.size - taglen;
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, len);
  int ok = c.alg.kind == kGcm
               ? ts_gcm_open(&c.gcm, nonce.data, nonce.size, aad.data, aad.size, in.data, len, in.data + len, taglen, out.Data())
               : ts_ccm_open(&c.ccm, nonce.data, nonce.size, aad.data, aad.size, in.data, len, in.data + len, taglen, out.Data());
  if (!ok) return env.Null();  // the core has zeroed the output
  return out;
}

// aeadSeal(alg, key, nonce, aad, plaintext[, tagLength]) -> ct || tag
Napi::Value AeadSeal(const Napi::CallbackInfo &info) {
  AeadAlg a;
  Bytes key;
  size_t taglen;
  if (!GetAeadAlg(info, 0, &a) || !FastBytes(info, 1, "key", &key) || !GetTagLength(info, 5, a, &taglen))
    return info.Env().Undefined();
  if (key.size != a.keylen) {
    ThrowRange(info.Env(), "Invalid key length " + std::to_string(key.size) + " (expected " + std::to_string(a.keylen) + ")");
    return info.Env().Undefined();
  }
  AeadCtx c;
  InitCtx(&c, a, key.data);
  return DoSeal(info, c, 2, taglen);
}

// aeadOpen(alg, key, nonce, aad, ctAndTag[, tagLength]) -> plaintext | null
Napi::Value AeadOpen(const Napi::CallbackInfo &info) {
  AeadAlg a;
  Bytes key;
  size_t taglen;
  if (!GetAeadAlg(info, 0, &a) || !FastBytes(info, 1, "key", &key) || !GetTagLength(info, 5, a, &taglen))
    return info.Env().Undefined();
  if (key.size != a.keylen) {
    ThrowRange(info.Env(), "Invalid key length " + std::to_string(key.size) + " (expected " + std::to_string(a.keylen) + ")");
    return info.Env().Undefined();
  }
  AeadCtx c;
  InitCtx(&c, a, key.data);
  return DoOpen(info, c, 2, taglen);
}

// aeadCreate(alg, key[, tagLength]) -> opaque context
Napi::Value AeadCreate(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  AeadAlg a;
  Bytes key;
  size_t taglen;
  if (!GetAeadAlg(info, 0, &a) || !FastBytes(info, 1, "key", &key) || !GetTagLength(info, 2, a, &taglen))
    return env.Undefined();
  if (key.size != a.keylen) {
    ThrowRange(env, "Invalid key length " + std::to_string(key.size) + " (expected " + std::to_string(a.keylen) + ")");
    return env.Undefined();
  }
  a.taglen = taglen;
  AeadCtx *c = new (std::nothrow) AeadCtx();
  if (!c) {
    Napi::Error::New(env, "Out of memory").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  InitCtx(c, a, key.data);
  Napi::External<AeadCtx> ext = Napi::External<AeadCtx>::New(env, c, [](Napi::Env, AeadCtx *p) { delete p; });
  ext.TypeTag(&kAeadTag);
  return ext;
}

bool GetCtx(const Napi::CallbackInfo &info, AeadCtx **out) {
  Napi::Value v = info[0];
  if (!v.IsExternal() || !v.As<Napi::External<AeadCtx>>().CheckTypeTag(&kAeadTag))
    return ThrowType(info.Env(), "The \"ctx\" argument must be an AEAD context from aeadCreate");
  *out = v.As<Napi::External<AeadCtx>>().Data();
  if (!(*out)->live) {
    Napi::Error::New(info.Env(), "The AEAD context has been disposed").ThrowAsJavaScriptException();
    return false;
  }
  return true;
}

// aeadCtxSeal(ctx, nonce, aad, pt) / aeadCtxOpen(ctx, nonce, aad, ctTag) / aeadCtxDispose(ctx)
Napi::Value AeadCtxSeal(const Napi::CallbackInfo &info) {
  AeadCtx *c;
  if (!GetCtx(info, &c)) return info.Env().Undefined();
  return DoSeal(info, *c, 1, c->alg.taglen);
}
Napi::Value AeadCtxOpen(const Napi::CallbackInfo &info) {
  AeadCtx *c;
  if (!GetCtx(info, &c)) return info.Env().Undefined();
  return DoOpen(info, *c, 1, c->alg.taglen);
}
// Seal into a caller's buffer: arguments out, nonce, aad, pt start at index first. out (from
// Buffer.allocUnsafe's pool, cheaper than a native allocation for records) must be exactly
// pt.length + tagLength bytes and is entirely overwritten.
Napi::Value SealInto(const Napi::CallbackInfo &info, const AeadCtx &c, size_t first) {
  Napi::Env env = info.Env();
  Bytes out, nonce, aad, pt;
  if (!FastBytes(info, first, "out", &out) || !FastBytes(info, first + 1, "nonce", &nonce) ||
      !FastBytes(info, first + 2, "aad", &aad) || !FastBytes(info, first + 3, "plaintext", &pt))
    return env.Undefined();
  if (!NonceOk(info, c.alg.kind, nonce.size)) return env.Undefined();
  size_t taglen = c.alg.taglen;
  if (out.size != pt.size + taglen) {
    ThrowRange(env, "The \"out\" argument must be plaintext.length + " + std::to_string(taglen) + " bytes");
    return env.Undefined();
  }
  uint8_t *o = const_cast<uint8_t *>(out.data);
  int ok = c.alg.kind == kGcm
               ? ts_gcm_seal(&c.gcm, nonce.data, nonce.size, aad.data, aad.size, pt.data, pt.size, o, o + pt.size, taglen)
               : ts_ccm_seal(&c.ccm, nonce.data, nonce.size, aad.data, aad.size, pt.data, pt.size, o, o + pt.size, taglen);
  if (!ok) ThrowRange(env, "Invalid AEAD parameters (nonce, tag or message length)");
  return env.Undefined();
}

// Open into a caller's buffer of exactly ctTag.length - tagLength bytes -> boolean; on false
// out has been zeroed (nothing of a forged message is released).
Napi::Value OpenInto(const Napi::CallbackInfo &info, const AeadCtx &c, size_t first) {
  Napi::Env env = info.Env();
  Bytes out, nonce, aad, in;
  if (!FastBytes(info, first, "out", &out) || !FastBytes(info, first + 1, "nonce", &nonce) ||
      !FastBytes(info, first + 2, "aad", &aad) || !FastBytes(info, first + 3, "ciphertext", &in))
    return env.Undefined();
  if (!NonceOk(info, c.alg.kind, nonce.size)) return env.Undefined();
  size_t taglen = c.alg.taglen;
  if (in.size < taglen || out.size != in.size - taglen) {
    ThrowRange(env, "The \"out\" argument must be ciphertext.length - " + std::to_string(taglen) + " bytes");
    return env.Undefined();
  }
  size_t len = out.size;
  uint8_t *o = const_cast<uint8_t *>(out.data);
  int ok = c.alg.kind == kGcm
               ? ts_gcm_open(&c.gcm, nonce.data, nonce.size, aad.data, aad.size, in.data, len, in.data + len, taglen, o)
               : ts_ccm_open(&c.ccm, nonce.data, nonce.size, aad.data, aad.size, in.data, len, in.data + len, taglen, o);
  return Napi::Boolean::New(env, ok != 0);
}

// aeadCtxSealInto(ctx, out, nonce, aad, pt) / aeadCtxOpenInto(ctx, out, nonce, aad, ctTag)
Napi::Value AeadCtxSealInto(const Napi::CallbackInfo &info) {
  AeadCtx *c;
  if (!GetCtx(info, &c)) return info.Env().Undefined();
  return SealInto(info, *c, 1);
}
Napi::Value AeadCtxOpenInto(const Napi::CallbackInfo &info) {
  AeadCtx *c;
  if (!GetCtx(info, &c)) return info.Env().Undefined();
  return OpenInto(info, *c, 1);
}

// One-shot: aeadSealInto(alg, key, tagLength, out, nonce, aad, pt) and
// aeadOpenInto(alg, key, tagLength, out, nonce, aad, ctTag); tagLength may be undefined.
bool OneShotCtx(const Napi::CallbackInfo &info, AeadCtx *c) {
  AeadAlg a;
  Bytes key;
  size_t taglen;
  if (!GetAeadAlg(info, 0, &a) || !FastBytes(info, 1, "key", &key) || !GetTagLength(info, 2, a, &taglen)) return false;
  if (key.size != a.keylen)
    return ThrowRange(info.Env(), "Invalid key length " + std::to_string(key.size) + " (expected " + std::to_string(a.keylen) + ")");
  a.taglen = taglen;
  return InitCtx(c, a, key.data);
}
Napi::Value AeadSealInto(const Napi::CallbackInfo &info) {
  AeadCtx c;
  if (!OneShotCtx(info, &c)) return info.Env().Undefined();
  return SealInto(info, c, 3);
}
Napi::Value AeadOpenInto(const Napi::CallbackInfo &info) {
  AeadCtx c;
  if (!OneShotCtx(info, &c)) return info.Env().Undefined();
  return OpenInto(info, c, 3);
}

Napi::Value AeadCtxDispose(const Napi::CallbackInfo &info) {
  Napi::Value v = info[0];
  if (!v.IsExternal() || !v.As<Napi::External<AeadCtx>>().CheckTypeTag(&kAeadTag)) {
    ThrowType(info.Env(), "The \"ctx\" argument must be an AEAD context from aeadCreate");
    return info.Env().Undefined();
  }
  v.As<Napi::External<AeadCtx>>().Data()->Wipe();
  return info.Env().Undefined();
}

// ---- CBC ----------------------------------------------------------------------------------

struct CipherAlg {
  bool des;
  size_t keylen, block;
};

bool GetCipherAlg(const Napi::CallbackInfo &info, CipherAlg *a) {
  char buf[32];
  if (!GetShortString(info, 0, "alg", buf, sizeof buf)) return false;
  if (!std::strcmp(buf, "aes-128-cbc")) *a = {false, 16, 16};
  else if (!std::strcmp(buf, "aes-192-cbc")) *a = {false, 24, 16};
  else if (!std::strcmp(buf, "aes-256-cbc")) *a = {false, 32, 16};
  else if (!std::strcmp(buf, "des-ede3-cbc")) *a = {true, 24, 8};
  else return ThrowRange(info.Env(), std::string("Unsupported cipher: ") + buf);
  return true;
}

// cipherEncrypt/cipherDecrypt(alg, key, iv, data, padding)
Napi::Value CipherRun(const Napi::CallbackInfo &info, bool encrypt) {
  Napi::Env env = info.Env();
  CipherAlg a = {false, 0, 0};
  Bytes key, iv, data;
  if (!GetCipherAlg(info, &a) || !FastBytes(info, 1, "key", &key) || !FastBytes(info, 2, "iv", &iv) ||
      !FastBytes(info, 3, "data", &data))
    return env.Undefined();
  if (!info[4].IsBoolean()) {
    ThrowType(env, "The \"padding\" argument must be a boolean");
    return env.Undefined();
  }
  bool padding = info[4].As<Napi::Boolean>().Value();
  if (key.size != a.keylen) {
    ThrowRange(env, "Invalid key length " + std::to_string(key.size) + " (expected " + std::to_string(a.keylen) + ")");
    return env.Undefined();
  }
  if (iv.size != a.block) {
    ThrowRange(env, "Invalid IV length " + std::to_string(iv.size) + " (expected " + std::to_string(a.block) + ")");
    return env.Undefined();
  }
  if (data.size > (size_t)0x7fffffff - 16) {
    ThrowRange(env, "Data too long");
    return env.Undefined();
  }
  size_t bs = a.block;
  uint8_t ivbuf[16];
  std::memcpy(ivbuf, iv.data, bs);
  ts_aes_key ak;
  ts_des3_key dk;
  if (a.des)
    ts_des3_init(&dk, key.data);
  else
    ts_aes_init(&ak, key.data, key.size, !encrypt);
  Napi::Value result;
  if (encrypt) {
    if (!padding && data.size % bs) {
      ThrowRange(env, "Data length " + std::to_string(data.size) + " is not a multiple of the block size " + std::to_string(bs) + " (padding is off)");
      result = env.Undefined();
    } else {
      size_t outlen = padding ? (data.size / bs + 1) * bs : data.size;
      Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, outlen);
      uint8_t *o = out.Data();
      std::memcpy(o, data.data, data.size);
      for (size_t i = data.size; i < outlen; i++) o[i] = (uint8_t)(outlen - data.size);  // PKCS#7
      if (a.des)
        ts_des3_cbc_encrypt(&dk, ivbuf, o, o, outlen / bs);
      else
        ak.impl->cbc_encrypt(&ak, ivbuf, o, o, outlen / bs);
      result = out;
    }
  } else {
    if (data.size % bs || (padding && data.size == 0)) {
      Napi::Error::New(env, "Decryption failed: ciphertext length " + std::to_string(data.size) +
                                " is not a non-zero multiple of the block size " + std::to_string(bs))
          .ThrowAsJavaScriptException();
      result = env.Undefined();
    } else {
      Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, data.size);
      uint8_t *o = out.Data();
      if (a.des)
        ts_des3_cbc_decrypt(&dk, ivbuf, data.data, o, data.size / bs);
      else
        ak.impl->cbc_decrypt(&ak, ivbuf, data.data, o, data.size / bs);
      size_t n = data.size;
      if (padding && !ts_pkcs7_unpad(o, data.size, bs, &n)) {
        ts_aes_zero(o, data.size);
        Napi::Error::New(env, "Decryption failed: bad PKCS#7 padding").ThrowAsJavaScriptException();
        result = env.Undefined();
      } else {
        result = n == data.size ? out : Napi::Buffer<uint8_t>::Copy(env, o, n);
        if (n != data.size) ts_aes_zero(o, data.size);
      }
    }
  }
  if (a.des)
    ts_des3_wipe(&dk);
  else
    ts_aes_wipe(&ak);
  ts_aes_zero(ivbuf, sizeof ivbuf);
  return result;
}

Napi::Value CipherEncrypt(const Napi::CallbackInfo &info) { return CipherRun(info, true); }
Napi::Value CipherDecrypt(const Napi::CallbackInfo &info) { return CipherRun(info, false); }

// aesEncryptBlock(key, block16) / aesDecryptBlock(key, block16)
Napi::Value AesBlock(const Napi::CallbackInfo &info, bool encrypt) {
  Napi::Env env = info.Env();
  Bytes key, in;
  if (!FastBytes(info, 0, "key", &key) || !FastBytes(info, 1, "block", &in)) return env.Undefined();
  if (key.size != 16 && key.size != 24 && key.size != 32) {
    ThrowRange(env, "Invalid AES key length " + std::to_string(key.size) + " (16, 24 or 32)");
    return env.Undefined();
  }
  if (in.size % 16) {
    ThrowRange(env, "The \"block\" argument must be a multiple of 16 bytes");
    return env.Undefined();
  }
  ts_aes_key k;
  ts_aes_init(&k, key.data, key.size, !encrypt);
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, in.size);
  if (encrypt)
    ts_aes_encrypt(&k, in.data, out.Data(), in.size / 16);
  else
    ts_aes_decrypt(&k, in.data, out.Data(), in.size / 16);
  ts_aes_wipe(&k);
  return out;
}
Napi::Value AesEncryptBlock(const Napi::CallbackInfo &info) { return AesBlock(info, true); }
Napi::Value AesDecryptBlock(const Napi::CallbackInfo &info) { return AesBlock(info, false); }

}  // namespace

void InitAes(Napi::Env env, Napi::Object exports) {
  exports.Set("aeadSeal", Napi::Function::New(env, AeadSeal, "aeadSeal"));
  exports.Set("aeadOpen", Napi::Function::New(env, AeadOpen, "aeadOpen"));
  exports.Set("aeadCreate", Napi::Function::New(env, AeadCreate, "aeadCreate"));
  exports.Set("aeadCtxSeal", Napi::Function::New(env, AeadCtxSeal, "aeadCtxSeal"));
  exports.Set("aeadCtxOpen", Napi::Function::New(env, AeadCtxOpen, "aeadCtxOpen"));
  exports.Set("aeadSealInto", Napi::Function::New(env, AeadSealInto, "aeadSealInto"));
  exports.Set("aeadOpenInto", Napi::Function::New(env, AeadOpenInto, "aeadOpenInto"));
  exports.Set("aeadCtxSealInto", Napi::Function::New(env, AeadCtxSealInto, "aeadCtxSealInto"));
  exports.Set("aeadCtxOpenInto", Napi::Function::New(env, AeadCtxOpenInto, "aeadCtxOpenInto"));
  exports.Set("aeadCtxDispose", Napi::Function::New(env, AeadCtxDispose, "aeadCtxDispose"));
  exports.Set("cipherEncrypt", Napi::Function::New(env, CipherEncrypt, "cipherEncrypt"));
  exports.Set("cipherDecrypt", Napi::Function::New(env, CipherDecrypt, "cipherDecrypt"));
  exports.Set("aesEncryptBlock", Napi::Function::New(env, AesEncryptBlock, "aesEncryptBlock"));
  exports.Set("aesDecryptBlock", Napi::Function::New(env, AesDecryptBlock, "aesDecryptBlock"));
}

}  // namespace tsaddon
