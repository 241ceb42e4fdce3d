// NIST P-256/384/521: ECDH and ECDSA. Argument checks only; the core does the rest.
#include "addon.h"

extern "C" {
#include "ct.h"
#include "ec_nist.h"
}

namespace tsaddon {

static bool GetCurve(const Napi::CallbackInfo &info, ts_ec_curve *c, std::string *name) {
  if (!GetString(info, 0, "curve", name)) return false;
  if (*name == "P-256") *c = TS_EC_P256;
  else if (*name == "P-384") *c = TS_EC_P384;
  else if (*name == "P-521") *c = TS_EC_P521;
  else return ThrowRange(info.Env(), "Unsupported curve: " + *name + " (expected P-256, P-384 or P-521)");
  return true;
}

// A private key of exactly the curve's scalar length.
static bool GetPrivate(const Napi::CallbackInfo &info, size_t i, ts_ec_curve c, const std::string &name,
                       Bytes *out) {
  if (!GetBytes(info, i, "privateKey", out)) return false;
  size_t want = ts_ec_scalar_len(c);
  if (out->size != want)
    return ThrowRange(info.Env(), "The " + name + " private key must be " + std::to_string(want) +
                                      " bytes, got " + std::to_string(out->size));
  return true;
}

static Napi::Value Fail(Napi::Env env, int rc, const std::string &name) {
  switch (rc) {
    case TS_EC_ERR_KEY: ThrowRange(env, "The " + name + " private key is not in [1, n-1]"); break;
    case TS_EC_ERR_POINT:
      ThrowRange(env, "Invalid " + name + " public key: not a valid encoding of a point on the curve");
      break;
    case TS_EC_ERR_RANDOM: Napi::Error::New(env, "the kernel random number generator failed").ThrowAsJavaScriptException(); break;
    default: Napi::Error::New(env, "EC operation failed").ThrowAsJavaScriptException(); break;
  }
  return env.Undefined();
}

static Napi::Value GenerateKey(const Napi::CallbackInfo &info) {
  ts_ec_curve c;
  std::string name;
  if (!GetCurve(info, &c, &name)) return info.Env().Undefined();
  uint8_t priv[TS_EC_MAX_SCALAR], pub[TS_EC_MAX_POINT];
  int rc = ts_ec_keygen(c, priv, pub);
  if (rc != TS_EC_OK) return Fail(info.Env(), rc, name);
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("privateKey", CopyBuffer(info.Env(), priv, ts_ec_scalar_len(c)));
  o.Set("publicKey", CopyBuffer(info.Env(), pub, ts_ec_point_len(c)));
  ts_wipe(priv, sizeof priv);
  return o;
}

static Napi::Value PublicKey(const Napi::CallbackInfo &info) {
  ts_ec_curve c;
  std::string name;
  Bytes priv;
  if (!GetCurve(info, &c, &name) || !GetPrivate(info, 1, c, name, &priv)) return info.Env().Undefined();
  uint8_t pub[TS_EC_MAX_POINT];
  int rc = ts_ec_public_key(c, priv.data, pub);
  if (rc != TS_EC_OK) return Fail(info.Env(), rc, name);
  return CopyBuffer(info.Env(), pub, ts_ec_point_len(c));
}

static Napi::Value ComputeSecret(const Napi::CallbackInfo &info) {
  ts_ec_curve c;
  std::string name;
  Bytes priv, peer;
  if (!GetCurve(info, &c, &name) || !GetPrivate(info, 1, c, name, &priv) ||
      !GetBytes(info, 2, "peerPublicKey", &peer))
    return info.Env().Undefined();
  uint8_t secret[TS_EC_MAX_SCALAR];
  int rc = ts_ecdh(c, priv.data, peer.data, peer.size, secret);
  if (rc != TS_EC_OK) return Fail(info.Env(), rc, name);
  Napi::Value out = CopyBuffer(info.Env(), secret, ts_ec_scalar_len(c));
  ts_wipe(secret, sizeof secret);
  return out;
}

// sign(curve, priv, digest) -> r||s (p1363) or DER.
static Napi::Value SignCommon(const Napi::CallbackInfo &info, bool der) {
  ts_ec_curve c;
  std::string name;
  Bytes priv, digest;
  if (!GetCurve(info, &c, &name) || !GetPrivate(info, 1, c, name, &priv) || !GetBytes(info, 2, "digest", &digest))
    return info.Env().Undefined();
  uint8_t rs[2 * TS_EC_MAX_SCALAR];
  int rc = ts_ecdsa_sign(c, priv.data, digest.data, digest.size, rs);
  if (rc != TS_EC_OK) return Fail(info.Env(), rc, name);
  if (!der) return CopyBuffer(info.Env(), rs, 2 * ts_ec_scalar_len(c));
  uint8_t out[TS_EC_MAX_DER];
  size_t n = ts_ecdsa_der_encode(c, rs, out);
  return CopyBuffer(info.Env(), out, n);
}

// verify(curve, pub, digest, sig) -> boolean. A malformed public key throws; a malformed
// signature is just invalid.
static Napi::Value VerifyCommon(const Napi::CallbackInfo &info, bool der) {
  ts_ec_curve c;
  std::string name;
  Bytes pub, digest, sig;
  if (!GetCurve(info, &c, &name) || !GetBytes(info, 1, "publicKey", &pub) || !GetBytes(info, 2, "digest", &digest) ||
      !GetBytes(info, 3, "signature", &sig))
    return info.Env().Undefined();
  if (!ts_ec_point_check(c, pub.data, pub.size)) return Fail(info.Env(), TS_EC_ERR_POINT, name);
  size_t fl = ts_ec_scalar_len(c);
  uint8_t rs[2 * TS_EC_MAX_SCALAR];
  if (der) {
    if (!ts_ecdsa_der_decode(c, sig.data, sig.size, rs)) return Napi::Boolean::New(info.Env(), false);
  } else {
    if (sig.size != 2 * fl) return Napi::Boolean::New(info.Env(), false);
    memcpy(rs, sig.data, 2 * fl);
  }
  return Napi::Boolean::New(info.Env(), ts_ecdsa_verify(c, pub.data, pub.size, digest.data, digest.size, rs) == 1);
}

static Napi::Value Sign(const Napi::CallbackInfo &info) { return SignCommon(info, true); }
static Napi::Value SignP1363(const Napi::CallbackInfo &info) { return SignCommon(info, false); }
static Napi::Value Verify(const Napi::CallbackInfo &info) { return VerifyCommon(info, true); }
static Napi::Value VerifyP1363(const Napi::CallbackInfo &info) { return VerifyCommon(info, false); }

void InitEc(Napi::Env env, Napi::Object exports) {
  exports.Set("ecdhGenerateKey", Napi::Function::New(env, GenerateKey, "ecdhGenerateKey"));
  exports.Set("ecdhPublicKey", Napi::Function::New(env, PublicKey, "ecdhPublicKey"));
  exports.Set("ecdhComputeSecret", Napi::Function::New(env, ComputeSecret, "ecdhComputeSecret"));
  exports.Set("ecdsaSign", Napi::Function::New(env, Sign, "ecdsaSign"));
  exports.Set("ecdsaVerify", Napi::Function::New(env, Verify, "ecdsaVerify"));
  exports.Set("ecdsaSignP1363", Napi::Function::New(env, SignP1363, "ecdsaSignP1363"));
  exports.Set("ecdsaVerifyP1363", Napi::Function::New(env, VerifyP1363, "ecdsaVerifyP1363"));
}

}  // namespace tsaddon
