// RSA and modexp: RsaPrivateKey objects (the key stays in native memory and is wiped when the
// object is collected), verification, PKCS#1 encryption, and modexp.
#include <algorithm>
#include <memory>
#include <vector>

#include "addon.h"

extern "C" {
#include "bn.h"
#include "ct.h"
#include "rsa.h"
}

namespace tsaddon {

ts_hash_alg HashAlgByName(const std::string &name);  // hash.cc

namespace {

// 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512'
bool GetRsaHash(const Napi::CallbackInfo &info, size_t i, const char *what, ts_hash_alg *alg) {
  std::string name;
  if (!GetString(info, i, what, &name)) return false;
  *alg = HashAlgByName(name);
  if (*alg == TS_HASH_NONE || *alg == TS_HASH_MD5)
    return ThrowRange(info.Env(), "Unsupported hash algorithm for RSA: " + name);
  return true;
}

// The hash must be computable here (MGF1 and the PSS hash run in the core).
bool RequireHashAvailable(Napi::Env env, ts_hash_alg alg, const std::string &what) {
  ts_hash_ctx probe;
  if (!ts_hash_init(&probe, alg)) return ThrowRange(env, what + " is not available in this build");
  return true;
}

bool CheckDigest(Napi::Env env, ts_hash_alg alg, const Bytes &digest) {
  size_t want = ts_hash_len(alg);
  if (digest.size != want)
    return ThrowRange(env, "The digest must be " + std::to_string(want) + " bytes for this hash, got " +
                               std::to_string(digest.size));
  return true;
}

// obj[name] as bytes, with a TypeError naming the component.
bool GetBytesProp(Napi::Env env, Napi::Object obj, const char *name, Bytes *out) {
  Napi::Value v = obj.Get(name);
  if (!v.IsBuffer() && !v.IsTypedArray())
    return ThrowType(env, std::string("The RSA key component \"") + name + "\" must be a Buffer or Uint8Array");
  Napi::TypedArray ta = v.As<Napi::TypedArray>();
  out->data = static_cast<const uint8_t *>(ta.ArrayBuffer().Data()) + ta.ByteOffset();
  out->size = ta.ByteLength();
  return true;
}

bool RsaKeyError(Napi::Env env, int rc) {
  switch (rc) {
    case TS_RSA_ERR_MODULUS: return ThrowRange(env, "The RSA modulus n must be odd and 512 to 8192 bits");
    case TS_RSA_ERR_EXPONENT:
      return ThrowRange(env, "The RSA public exponent e must be odd, at least 3 and below n");
    case TS_RSA_ERR_PRIMES:
      return ThrowRange(env, "The RSA primes p and q must be odd and their product must equal n");
    case TS_RSA_ERR_CRT: return ThrowRange(env, "The RSA CRT values dp, dq and qi must be below their prime");
    case TS_RSA_ERR_MISMATCH:
      return ThrowRange(env, "The RSA key components do not form a working key (the test operation failed)");
    default: Napi::Error::New(env, "The random number generator failed").ThrowAsJavaScriptException(); return false;
  }
}

// The Montgomery setup of a public key costs about a third of a verification, and a server
// verifies with the same few keys again and again: keep the last few (public data only), per
// thread since worker threads share this module's statics.
struct CachedPublicKey {
  std::vector<uint8_t> n, e;
  std::unique_ptr<ts_rsa_public_key> key;
};
thread_local CachedPublicKey public_key_cache[4];
thread_local unsigned public_key_cache_next = 0;

// A public key from { n, e }; the result points into the cache.
bool GetPublicKey(const Napi::CallbackInfo &info, size_t i, const ts_rsa_public_key **out) {
  Napi::Env env = info.Env();
  if (!info[i].IsObject()) return ThrowType(env, "The \"key\" argument must be an object { n, e }");
  Napi::Object o = info[i].As<Napi::Object>();
  Bytes n, e;
  if (!GetBytesProp(env, o, "n", &n) || !GetBytesProp(env, o, "e", &e)) return false;
  for (CachedPublicKey &c : public_key_cache) {
    if (c.key && c.n.size() == n.size && c.e.size() == e.size && std::equal(c.n.begin(), c.n.end(), n.data) &&
        std::equal(c.e.begin(), c.e.end(), e.data)) {
      *out = c.key.get();
      return true;
    }
  }
  std::unique_ptr<ts_rsa_public_key> k(new ts_rsa_public_key);
  int rc = ts_rsa_public_init(k.get(), n.data, n.size, e.data, e.size);
  if (rc != TS_RSA_OK) return RsaKeyError(env, rc);
  CachedPublicKey &slot = public_key_cache[public_key_cache_next++ % 4];
  slot.n.assign(n.data, n.data + n.size);
  slot.e.assign(e.data, e.data + e.size);
  slot.key = std::move(k);
  *out = slot.key.get();
  return true;
}

class RsaPrivateKey : public Napi::ObjectWrap<RsaPrivateKey> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "RsaPrivateKey",
                       {InstanceAccessor<&RsaPrivateKey::ModulusBits>("modulusBits"),
                        InstanceMethod<&RsaPrivateKey::SignPkcs1>("signPkcs1"),
                        InstanceMethod<&RsaPrivateKey::SignPss>("signPss"),
                        InstanceMethod<&RsaPrivateKey::DecryptPkcs1ForTls>("decryptPkcs1ForTls"),
                        InstanceMethod<&RsaPrivateKey::DecryptPkcs1Raw>("decryptPkcs1Raw")});
  }

  explicit RsaPrivateKey(const Napi::CallbackInfo &info) : Napi::ObjectWrap<RsaPrivateKey>(info) {
    Napi::Env env = info.Env();
    if (!info[0].IsObject()) {
      ThrowType(env, "The \"key\" argument must be an object { n, e, d, p, q, dp, dq, qi }");
      return;
    }
    Napi::Object o = info[0].As<Napi::Object>();
    Bytes n, e, d, p, q, dp, dq, qi;
    if (!GetBytesProp(env, o, "n", &n) || !GetBytesProp(env, o, "e", &e) || !GetBytesProp(env, o, "d", &d) ||
        !GetBytesProp(env, o, "p", &p) || !GetBytesProp(env, o, "q", &q) || !GetBytesProp(env, o, "dp", &dp) ||
        !GetBytesProp(env, o, "dq", &dq) || !GetBytesProp(env, o, "qi", &qi))
      return;
    key_.reset(new ts_rsa_private_key());
    std::unique_ptr<ts_bn_scratch> s(new ts_bn_scratch);
    int rc = ts_rsa_private_init(key_.get(), n.data, n.size, e.data, e.size, p.data, p.size, q.data, q.size,
                                 dp.data, dp.size, dq.data, dq.size, qi.data, qi.size, s.get());
    if (rc != TS_RSA_OK) {
      key_.reset();
      RsaKeyError(env, rc);
    }
  }

  ~RsaPrivateKey() override {
    if (key_) ts_rsa_private_wipe(key_.get());
  }

 private:
  bool Ready(Napi::Env env) {
    if (!key_) return ThrowType(env, "The RSA key was not initialised");
    return true;
  }

  Napi::Value ModulusBits(const Napi::CallbackInfo &info) {
    if (!Ready(info.Env())) return info.Env().Undefined();
    return Napi::Number::New(info.Env(), static_cast<double>(key_->pub.bits));
  }

  Napi::Value Result(Napi::Env env, uint32_t ok, const uint8_t *sig) {
    if (!ok) {
      Napi::Error::New(env, "The RSA private operation failed its check").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    return CopyBuffer(env, sig, key_->pub.k);
  }

  // signPkcs1(hashAlg, digest)
  Napi::Value SignPkcs1(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    ts_hash_alg alg;
    Bytes digest;
    if (!Ready(env) || !GetRsaHash(info, 0, "hashAlg", &alg) || !GetBytes(info, 1, "digest", &digest) ||
        !CheckDigest(env, alg, digest))
      return env.Undefined();
    if (key_->pub.k < ts_hash_len(alg) + 19 + 11) {
      ThrowRange(env, "The RSA modulus is too small for this hash");
      return env.Undefined();
    }
    std::unique_ptr<ts_bn_scratch> s(new ts_bn_scratch);
    uint8_t sig[TS_RSA_MAX_BYTES];
    uint32_t ok = ts_rsa_sign_pkcs1(key_.get(), alg, digest.data, digest.size, sig, s.get());
    return Result(env, ok, sig);
  }

  // signPss(hashAlg, digest, saltLength, mgfHashAlg = hashAlg)
  Napi::Value SignPss(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    ts_hash_alg alg, mgf;
    Bytes digest;
    size_t slen;
    if (!Ready(env) || !GetRsaHash(info, 0, "hashAlg", &alg) || !GetBytes(info, 1, "digest", &digest) ||
        !CheckDigest(env, alg, digest) || !GetSize(info, 2, "saltLength", TS_RSA_MAX_BYTES, &slen))
      return env.Undefined();
    mgf = alg;
    if (info.Length() > 3 && !info[3].IsUndefined() && !GetRsaHash(info, 3, "mgfHashAlg", &mgf))
      return env.Undefined();
    if (!RequireHashAvailable(env, alg, "The PSS hash") || !RequireHashAvailable(env, mgf, "The MGF1 hash"))
      return env.Undefined();
    long max = ts_rsa_pss_max_salt(&key_->pub, alg);
    if (static_cast<long>(slen) > max) {
      ThrowRange(env, "The PSS salt length must be at most " + std::to_string(max < 0 ? 0 : max) +
                          " for this key and hash");
      return env.Undefined();
    }
    std::unique_ptr<ts_bn_scratch> s(new ts_bn_scratch);
    uint8_t sig[TS_RSA_MAX_BYTES];
    uint32_t ok = ts_rsa_sign_pss(key_.get(), alg, mgf, digest.data, digest.size, slen, sig, s.get());
    return Result(env, ok, sig);
  }

  // decryptPkcs1ForTls(ciphertext, clientVersion): 48 bytes whatever the padding
  Napi::Value DecryptPkcs1ForTls(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    Bytes ct;
    size_t version;
    if (!Ready(env) || !GetBytes(info, 0, "ciphertext", &ct) || !GetSize(info, 1, "clientVersion", 0xffff, &version))
      return env.Undefined();
    std::unique_ptr<ts_bn_scratch> s(new ts_bn_scratch);
    uint8_t pm[TS_RSA_PREMASTER_LEN];
    if (!ts_rsa_decrypt_pkcs1_tls(key_.get(), ct.data, ct.size, static_cast<uint16_t>(version), pm, s.get())) {
      Napi::Error::New(env, "The random number generator failed").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Napi::Buffer<uint8_t> out = CopyBuffer(env, pm, sizeof pm);
    ts_wipe(pm, sizeof pm);
    return out;
  }

  // decryptPkcs1Raw(ciphertext): the message or null. A padding oracle: for tests only.
  Napi::Value DecryptPkcs1Raw(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    Bytes ct;
    if (!Ready(env) || !GetBytes(info, 0, "ciphertext", &ct)) return env.Undefined();
    std::unique_ptr<ts_bn_scratch> s(new ts_bn_scratch);
    uint8_t out[TS_RSA_MAX_BYTES];
    long len = ts_rsa_decrypt_pkcs1_raw(key_.get(), ct.data, ct.size, out, s.get());
    if (len < 0) return env.Null();
    Napi::Buffer<uint8_t> b = CopyBuffer(env, out, static_cast<size_t>(len));
    ts_wipe(out, sizeof out);
    return b;
  }

  std::unique_ptr<ts_rsa_private_key> key_;
};

// rsaVerifyPkcs1({ n, e }, hashAlg, digest, signature)
Napi::Value RsaVerifyPkcs1(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  const ts_rsa_public_key *k;
  ts_hash_alg alg;
  Bytes digest, sig;
  if (!GetPublicKey(info, 0, &k) || !GetRsaHash(info, 1, "hashAlg", &alg) ||
      !GetBytes(info, 2, "digest", &digest) || !CheckDigest(env, alg, digest) ||
      !GetBytes(info, 3, "signature", &sig))
    return env.Undefined();
  return Napi::Boolean::New(env, ts_rsa_verify_pkcs1(k, alg, digest.data, digest.size, sig.data, sig.size));
}

// rsaVerifyPss({ n, e }, hashAlg, digest, signature, saltLength, mgfHashAlg = hashAlg)
Napi::Value RsaVerifyPss(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  const ts_rsa_public_key *k;
  ts_hash_alg alg, mgf;
  Bytes digest, sig;
  size_t slen;
  if (!GetPublicKey(info, 0, &k) || !GetRsaHash(info, 1, "hashAlg", &alg) ||
      !GetBytes(info, 2, "digest", &digest) || !CheckDigest(env, alg, digest) ||
      !GetBytes(info, 3, "signature", &sig) || !GetSize(info, 4, "saltLength", TS_RSA_MAX_BYTES, &slen))
    return env.Undefined();
  mgf = alg;
  if (info.Length() > 5 && !info[5].IsUndefined() && !GetRsaHash(info, 5, "mgfHashAlg", &mgf)) return env.Undefined();
  if (!RequireHashAvailable(env, alg, "The PSS hash") || !RequireHashAvailable(env, mgf, "The MGF1 hash"))
    return env.Undefined();
  return Napi::Boolean::New(
      env, ts_rsa_verify_pss(k, alg, mgf, digest.data, digest.size, slen, sig.data, sig.size));
}

// rsaEncryptPkcs1({ n, e }, data)
Napi::Value RsaEncryptPkcs1(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  const ts_rsa_public_key *k;
  Bytes data;
  if (!GetPublicKey(info, 0, &k) || !GetBytes(info, 1, "data", &data)) return env.Undefined();
  if (data.size + 11 > k->k) {
    ThrowRange(env, "The data must be at most " + std::to_string(k->k - 11) + " bytes for this key");
    return env.Undefined();
  }
  uint8_t out[TS_RSA_MAX_BYTES];
  if (!ts_rsa_encrypt_pkcs1(k, data.data, data.size, out)) {
    Napi::Error::New(env, "The random number generator failed").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  return CopyBuffer(env, out, k->k);
}

// modexp(base, exponent, modulus): constant time in base and exponent.
Napi::Value Modexp(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Bytes base, exp, mod;
  if (!GetBytes(info, 0, "base", &base) || !GetBytes(info, 1, "exponent", &exp) ||
      !GetBytes(info, 2, "modulus", &mod))
    return env.Undefined();
  const uint8_t *m = mod.data;
  size_t mlen = ts_bn_strip_vartime(&m, mod.size);
  if (mlen == 0) {
    ThrowRange(env, "The modulus must not be zero");
    return env.Undefined();
  }
  if (mlen > TS_BN_MAX_BYTES) {
    ThrowRange(env, "The modulus must be at most 8192 bits");
    return env.Undefined();
  }
  if (exp.size > TS_BN_MAX_BYTES) {
    ThrowRange(env, "The exponent must be at most 1024 bytes");
    return env.Undefined();
  }
  if (base.size > 4 * TS_BN_MAX_BYTES) {
    ThrowRange(env, "The base must be at most 4096 bytes");
    return env.Undefined();
  }
  std::unique_ptr<ts_mont> c(new ts_mont);
  std::unique_ptr<ts_bn_scratch> s(new ts_bn_scratch);
  uint8_t out[TS_BN_MAX_BYTES];
  if (!ts_bn_modexp(out, base.data, base.size, exp.data, exp.size, m, mlen, c.get(), s.get())) {
    ThrowRange(env, "modexp: operands out of range");
    return env.Undefined();
  }
  Napi::Buffer<uint8_t> b = CopyBuffer(env, out, mlen);
  ts_wipe(out, sizeof out);
  return b;
}

}  // namespace

void InitRsa(Napi::Env env, Napi::Object exports) {
  exports.Set("RsaPrivateKey", RsaPrivateKey::Define(env));
  exports.Set("rsaVerifyPkcs1", Napi::Function::New(env, RsaVerifyPkcs1, "rsaVerifyPkcs1"));
  exports.Set("rsaVerifyPss", Napi::Function::New(env, RsaVerifyPss, "rsaVerifyPss"));
  exports.Set("rsaEncryptPkcs1", Napi::Function::New(env, RsaEncryptPkcs1, "rsaEncryptPkcs1"));
  exports.Set("modexp", Napi::Function::New(env, Modexp, "modexp"));
}

}  // namespace tsaddon
