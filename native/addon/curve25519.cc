// x25519, x25519PublicKey, ed25519PublicKey, ed25519Sign, ed25519Verify.
#include "addon.h"

extern "C" {
#include "ct.h"
#include "ed25519.h"
#include "x25519.h"
}

namespace tsaddon {

// Argument i as exactly len bytes: TypeError for a non-byte value, RangeError for a wrong size.
static bool GetExact(const Napi::CallbackInfo &info, size_t i, const char *name, size_t len,
                     Bytes *out) {
  if (!GetBytes(info, i, name, out)) return false;
  if (out->size != len)
    return ThrowRange(info.Env(), std::string("The \"") + name + "\" argument must be " +
                                      std::to_string(len) + " bytes long");
  return true;
}

static Napi::Value X25519(const Napi::CallbackInfo &info) {
  Bytes priv, peer;
  if (!GetExact(info, 0, "privateKey", 32, &priv) || !GetExact(info, 1, "peerPublic", 32, &peer))
    return info.Env().Undefined();
  uint8_t out[32];
  if (!ts_x25519(out, priv.data, peer.data)) {
    Napi::Error::New(info.Env(), "X25519: the shared secret is all zero (small-order public key)")
        .ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  Napi::Buffer<uint8_t> r = CopyBuffer(info.Env(), out, 32);
  ts_wipe(out, sizeof out);
  return r;
}

static Napi::Value X25519PublicKey(const Napi::CallbackInfo &info) {
  Bytes priv;
  if (!GetExact(info, 0, "privateKey", 32, &priv)) return info.Env().Undefined();
  uint8_t out[32];
  ts_x25519_base(out, priv.data);
  return CopyBuffer(info.Env(), out, 32);
}

static Napi::Value Ed25519PublicKey(const Napi::CallbackInfo &info) {
  Bytes seed;
  if (!GetExact(info, 0, "seed", 32, &seed)) return info.Env().Undefined();
  uint8_t pub[32];
  ts_ed25519_public_key(pub, seed.data);
  return CopyBuffer(info.Env(), pub, 32);
}

static Napi::Value Ed25519Sign(const Napi::CallbackInfo &info) {
  Bytes seed, msg;
  if (!GetExact(info, 0, "seed", 32, &seed) || !GetBytes(info, 1, "message", &msg))
    return info.Env().Undefined();
  uint8_t sig[64];
  ts_ed25519_sign(sig, seed.data, nullptr, msg.data, msg.size);
  return CopyBuffer(info.Env(), sig, 64);
}

static Napi::Value Ed25519Verify(const Napi::CallbackInfo &info) {
  Bytes pub, msg, sig;
  if (!GetExact(info, 0, "publicKey", 32, &pub) || !GetBytes(info, 1, "message", &msg) ||
      !GetExact(info, 2, "signature", 64, &sig))
    return info.Env().Undefined();
  return Napi::Boolean::New(info.Env(), ts_ed25519_verify(pub.data, msg.data, msg.size, sig.data) == 1);
}

void InitCurve25519(Napi::Env env, Napi::Object exports) {
  exports.Set("x25519", Napi::Function::New(env, X25519, "x25519"));
  exports.Set("x25519PublicKey", Napi::Function::New(env, X25519PublicKey, "x25519PublicKey"));
  exports.Set("ed25519PublicKey", Napi::Function::New(env, Ed25519PublicKey, "ed25519PublicKey"));
  exports.Set("ed25519Sign", Napi::Function::New(env, Ed25519Sign, "ed25519Sign"));
  exports.Set("ed25519Verify", Napi::Function::New(env, Ed25519Verify, "ed25519Verify"));
}

}  // namespace tsaddon
