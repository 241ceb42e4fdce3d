// Finite-field Diffie-Hellman: ffdheGroup, dhGenerateKey, dhComputeSecret.
#include <memory>

#include "addon.h"

extern "C" {
#include "ct.h"
#include "dh.h"
}

namespace tsaddon {

namespace {

// One work space per thread (worker threads share this module's statics); it keeps the last
// prime's Montgomery setup. Its scratch holds no secret between calls (the core wipes it).
ts_dh_work *Work() {
  thread_local std::unique_ptr<ts_dh_work> w;
  if (!w) w.reset(new ts_dh_work());
  return w.get();
}

bool DhError(Napi::Env env, int rc) {
  switch (rc) {
    case TS_DH_ERR_PRIME: return ThrowRange(env, "The DH prime p must be odd and 512 to 8192 bits");
    case TS_DH_ERR_GENERATOR: return ThrowRange(env, "The DH generator g must satisfy 1 < g < p - 1");
    case TS_DH_ERR_PRIVATE: return ThrowRange(env, "The DH private key must be 1 to 1024 bytes");
    case TS_DH_ERR_PEER: return ThrowRange(env, "The DH peer public value must satisfy 1 < y < p - 1");
    case TS_DH_ERR_SECRET:
      Napi::Error::New(env, "The DH shared secret is 1 or p - 1 (a small-order peer value)").ThrowAsJavaScriptException();
      return false;
    default: Napi::Error::New(env, "The random number generator failed").ThrowAsJavaScriptException(); return false;
  }
}

// ffdheGroup('ffdhe2048' | ... | 'ffdhe8192') -> { p, g }
Napi::Value FfdheGroup(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  std::string name;
  if (!GetString(info, 0, "name", &name)) return env.Undefined();
  unsigned bits = 0;
  if (name == "ffdhe2048") bits = 2048;
  if (name == "ffdhe3072") bits = 3072;
  if (name == "ffdhe4096") bits = 4096;
  if (name == "ffdhe6144") bits = 6144;
  if (name == "ffdhe8192") bits = 8192;
  size_t len = 0;
  const uint8_t *p = bits ? ts_ffdhe_prime(bits, &len) : nullptr;
  if (!p) {
    ThrowRange(env, "Unknown FFDHE group: " + name + " (expected ffdhe2048, 3072, 4096, 6144 or 8192)");
    return env.Undefined();
  }
  Napi::Object o = Napi::Object::New(env);
  const uint8_t two = 2;
  o.Set("p", CopyBuffer(env, p, len));
  o.Set("g", CopyBuffer(env, &two, 1));
  return o;
}

// dhGenerateKey(p, g) -> { privateKey, publicKey }
Napi::Value DhGenerateKey(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Bytes p, g;
  if (!GetBytes(info, 0, "p", &p) || !GetBytes(info, 1, "g", &g)) return env.Undefined();
  size_t privlen = ts_dh_private_len(p.data, p.size);
  if (privlen == 0) {
    DhError(env, TS_DH_ERR_PRIME);
    return env.Undefined();
  }
  ts_dh_work *w = Work();
  uint8_t priv[TS_BN_MAX_BYTES], pub[TS_BN_MAX_BYTES];
  int rc = ts_dh_generate(p.data, p.size, g.data, g.size, priv, pub, w);
  if (rc != TS_DH_OK) {
    ts_wipe(priv, sizeof priv);
    DhError(env, rc);
    return env.Undefined();
  }
  Napi::Object o = Napi::Object::New(env);
  o.Set("privateKey", CopyBuffer(env, priv, privlen));
  o.Set("publicKey", CopyBuffer(env, pub, w->mont.bytes));
  ts_wipe(priv, sizeof priv);
  return o;
}

// dhComputeSecret(privateKey, peerPublic, p) -> shared secret, left-padded to the size of p
Napi::Value DhComputeSecret(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Bytes x, y, p;
  if (!GetBytes(info, 0, "privateKey", &x) || !GetBytes(info, 1, "peerPublic", &y) || !GetBytes(info, 2, "p", &p))
    return env.Undefined();
  ts_dh_work *w = Work();
  uint8_t z[TS_BN_MAX_BYTES];
  int rc = ts_dh_compute(p.data, p.size, x.data, x.size, y.data, y.size, z, w);
  if (rc != TS_DH_OK) {
    ts_wipe(z, sizeof z);
    DhError(env, rc);
    return env.Undefined();
  }
  Napi::Buffer<uint8_t> out = CopyBuffer(env, z, w->mont.bytes);
  ts_wipe(z, sizeof z);
  return out;
}

}  // namespace

void InitDh(Napi::Env env, Napi::Object exports) {
  exports.Set("ffdheGroup", Napi::Function::New(env, FfdheGroup, "ffdheGroup"));
  exports.Set("dhGenerateKey", Napi::Function::New(env, DhGenerateKey, "dhGenerateKey"));
  exports.Set("dhComputeSecret", Napi::Function::New(env, DhComputeSecret, "dhComputeSecret"));
}

}  // namespace tsaddon
