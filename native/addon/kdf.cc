// HKDF, the TLS 1.3 Expand-Label / Derive-Secret, the TLS PRFs and PBKDF2. Outputs are written
// by the core straight into the result Buffer.
#include "hash_alg.h"

extern "C" {
#include "kdf.h"
}

namespace tsaddon {

// Outputs of the PRF and PBKDF2 are capped well above any protocol use.
static const size_t kMaxOutput = 1u << 24;

static Napi::Value HkdfExtract(const Napi::CallbackInfo &info) {
  ts_hash_alg alg;
  Bytes salt, ikm;
  if (!GetHashAlgArg(info, 0, &alg) || !GetBytesArg(info, 1, "salt", &salt) || !GetBytesArg(info, 2, "ikm", &ikm))
    return info.Env().Undefined();
  uint8_t prk[TS_HASH_MAX_LEN];
  ts_hkdf_extract(alg, salt.data, salt.size, ikm.data, ikm.size, prk);
  Napi::Value r = CopyBuffer(info.Env(), prk, ts_hash_len(alg));
  ts_wipe(prk, sizeof prk);
  return r;
}

static Napi::Value HkdfExpand(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  ts_hash_alg alg;
  Bytes prk, info_;
  size_t len;
  if (!GetHashAlgArg(info, 0, &alg) || !GetBytesArg(info, 1, "prk", &prk) || !GetBytesArg(info, 2, "info", &info_) ||
      !GetSize(info, 3, "length", 255 * ts_hash_len(alg), &len))
    return env.Undefined();
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, len);
  ts_hkdf_expand(alg, prk.data, prk.size, info_.data, info_.size, out.Data(), len);
  return out;
}

static Napi::Value HkdfExpandLabel(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  ts_hash_alg alg;
  Bytes secret, context;
  uint8_t label[TS_TLS13_MAX_LABEL];
  size_t labellen, len;
  if (!GetHashAlgArg(info, 0, &alg) || !GetBytesArg(info, 1, "secret", &secret) ||
      !GetLabelArg(info, 2, "label", label, sizeof label, &labellen) || !GetBytesArg(info, 3, "context", &context))
    return env.Undefined();
  if (context.size > TS_TLS13_MAX_CONTEXT) {
    ThrowRange(env, "The \"context\" argument must be at most 255 bytes");
    return env.Undefined();
  }
  size_t max = 255 * ts_hash_len(alg);
  if (!GetSize(info, 4, "length", max < 0xffff ? max : 0xffff, &len)) return env.Undefined();
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, len);
  ts_tls13_expand_label(alg, secret.data, secret.size, label, labellen, context.data, context.size,
                        out.Data(), len);
  return out;
}

static Napi::Value DeriveSecret(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  ts_hash_alg alg;
  Bytes secret, thash;
  uint8_t label[TS_TLS13_MAX_LABEL];
  size_t labellen;
  if (!GetHashAlgArg(info, 0, &alg) || !GetBytesArg(info, 1, "secret", &secret) ||
      !GetLabelArg(info, 2, "label", label, sizeof label, &labellen) ||
      !GetBytesArg(info, 3, "transcriptHash", &thash))
    return env.Undefined();
  size_t hlen = ts_hash_len(alg);
  if (thash.size != hlen) {
    ThrowRange(env, "The \"transcriptHash\" argument must be " + std::to_string(hlen) + " bytes");
    return env.Undefined();
  }
  uint8_t out[TS_HASH_MAX_LEN];
  ts_tls13_derive_secret(alg, secret.data, secret.size, label, labellen, thash.data, thash.size, out);
  Napi::Value r = CopyBuffer(env, out, hlen);
  ts_wipe(out, sizeof out);
  return r;
}

// tlsPrf('sha256' | 'sha384' | 'md5-sha1' (or any other hash name), secret, label, seed, length)
static Napi::Value TlsPrf(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  ts_hash_alg alg;
  bool tls10 = false;
  Bytes secret, seed;
  uint8_t label[256];
  size_t labellen, len;
  if (!GetHashAlgArg(info, 0, &alg, "md5-sha1", &tls10) || !GetBytesArg(info, 1, "secret", &secret) ||
      !GetLabelArg(info, 2, "label", label, sizeof label, &labellen) || !GetBytesArg(info, 3, "seed", &seed) ||
      !GetSize(info, 4, "length", kMaxOutput, &len))
    return env.Undefined();
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, len);
  if (tls10)
    ts_tls10_prf(secret.data, secret.size, label, labellen, seed.data, seed.size, out.Data(), len);
  else
    ts_tls12_prf(alg, secret.data, secret.size, label, labellen, seed.data, seed.size, out.Data(), len);
  return out;
}

static Napi::Value Pbkdf2(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  ts_hash_alg alg;
  Bytes password, salt;
  size_t iterations, len;
  if (!GetHashAlgArg(info, 0, &alg) || !GetBytesArg(info, 1, "password", &password) ||
      !GetBytesArg(info, 2, "salt", &salt) || !GetSize(info, 3, "iterations", 0xffffffffu, &iterations) ||
      !GetSize(info, 4, "length", kMaxOutput, &len))
    return env.Undefined();
  if (iterations == 0) {
    ThrowRange(env, "The \"iterations\" argument must be an integer from 1 to 4294967295");
    return env.Undefined();
  }
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, len);
  ts_pbkdf2(alg, password.data, password.size, salt.data, salt.size, static_cast<uint32_t>(iterations),
            out.Data(), len);
  return out;
}

void InitKdf(Napi::Env env, Napi::Object exports) {
  exports.Set("hkdfExtract", Napi::Function::New(env, HkdfExtract, "hkdfExtract"));
  exports.Set("hkdfExpand", Napi::Function::New(env, HkdfExpand, "hkdfExpand"));
  exports.Set("hkdfExpandLabel", Napi::Function::New(env, HkdfExpandLabel, "hkdfExpandLabel"));
  exports.Set("deriveSecret", Napi::Function::New(env, DeriveSecret, "deriveSecret"));
  exports.Set("tlsPrf", Napi::Function::New(env, TlsPrf, "tlsPrf"));
  exports.Set("pbkdf2", Napi::Function::New(env, Pbkdf2, "pbkdf2"));
}

}  // namespace tsaddon
