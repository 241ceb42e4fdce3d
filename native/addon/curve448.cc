// x448, x448PublicKey, ed448PublicKey, ed448Sign, ed448Verify (with an optional context).
#include "addon.h"

extern "C" {
#include "ct.h"
#include "ed448.h"
#include "x448.h"
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

// The optional context (argument i): absent or undefined means empty; at most 255 bytes.
static bool GetContext(const Napi::CallbackInfo &info, size_t i, Bytes *out) {
  if (info.Length() <= i || info[i].IsUndefined()) {
    out->data = nullptr;
    out->size = 0;
    return true;
  }
  if (!GetBytes(info, i, "context", out)) return false;
  if (out->size > TS_ED448_MAX_CONTEXT)
    return ThrowRange(info.Env(), "The \"context\" argument must be at most 255 bytes long");
  return true;
}

static Napi::Value X448(const Napi::CallbackInfo &info) {
  Bytes priv, peer;
  if (!GetExact(info, 0, "privateKey", 56, &priv) || !GetExact(info, 1, "peerPublic", 56, &peer))
    return info.Env().Undefined();
  uint8_t out[56];
  if (!ts_x448(out, priv.data, peer.data)) {
    Napi::Error::New(info.Env(), "X448: the shared secret is all zero (small-order public key)")
        .ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  Napi::Buffer<uint8_t> r = CopyBuffer(info.Env(), out, 56);
  ts_wipe(out, sizeof out);
  return r;
}

static Napi::Value X448PublicKey(const Napi::CallbackInfo &info) {
  Bytes priv;
  if (!GetExact(info, 0, "privateKey", 56, &priv)) return info.Env().Undefined();
  uint8_t out[56];
  ts_x448_base(out, priv.data);
  return CopyBuffer(info.Env(), out, 56);
}

static Napi::Value Ed448PublicKey(const Napi::CallbackInfo &info) {
  Bytes seed;
  if (!GetExact(info, 0, "seed", 57, &seed)) return info.Env().Undefined();
  uint8_t pub[57];
  ts_ed448_public_key(pub, seed.data);
  return CopyBuffer(info.Env(), pub, 57);
}

static Napi::Value Ed448Sign(const Napi::CallbackInfo &info) {
  Bytes seed, msg, ctx;
  if (!GetExact(info, 0, "seed", 57, &seed) || !GetBytes(info, 1, "message", &msg) ||
      !GetContext(info, 2, &ctx))
    return info.Env().Undefined();
  uint8_t sig[114];
  ts_ed448_sign(sig, seed.data, nullptr, ctx.data, ctx.size, msg.data, msg.size);
  return CopyBuffer(info.Env(), sig, 114);
}

static Napi::Value Ed448Verify(const Napi::CallbackInfo &info) {
  Bytes pub, msg, sig, ctx;
  if (!GetExact(info, 0, "publicKey", 57, &pub) || !GetBytes(info, 1, "message", &msg) ||
      !GetExact(info, 2, "signature", 114, &sig) || !GetContext(info, 3, &ctx))
    return info.Env().Undefined();
  return Napi::Boolean::New(
      info.Env(), ts_ed448_verify(pub.data, ctx.data, ctx.size, msg.data, msg.size, sig.data) == 1);
}

void InitCurve448(Napi::Env env, Napi::Object exports) {
  exports.Set("x448", Napi::Function::New(env, X448, "x448"));
  exports.Set("x448PublicKey", Napi::Function::New(env, X448PublicKey, "x448PublicKey"));
  exports.Set("ed448PublicKey", Napi::Function::New(env, Ed448PublicKey, "ed448PublicKey"));
  exports.Set("ed448Sign", Napi::Function::New(env, Ed448Sign, "ed448Sign"));
  exports.Set("ed448Verify", Napi::Function::New(env, Ed448Verify, "ed448Verify"));
}

}  // namespace tsaddon
