// hash(alg, data) and hmac(alg, key, data).
#include "addon.h"

extern "C" {
#include "hash.h"
}

namespace tsaddon {

// 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' -> the core's id, or NONE.
ts_hash_alg HashAlgByName(const std::string &name) {
  if (name == "md5") return TS_HASH_MD5;
  if (name == "sha1") return TS_HASH_SHA1;
  if (name == "sha224") return TS_HASH_SHA224;
  if (name == "sha256") return TS_HASH_SHA256;
  if (name == "sha384") return TS_HASH_SHA384;
  if (name == "sha512") return TS_HASH_SHA512;
  return TS_HASH_NONE;
}

static bool GetHashAlg(const Napi::CallbackInfo &info, size_t i, ts_hash_alg *alg) {
  std::string name;
  if (!GetString(info, i, "alg", &name)) return false;
  *alg = HashAlgByName(name);
  ts_hash_ctx probe;
  if (*alg == TS_HASH_NONE || !ts_hash_init(&probe, *alg))
    return ThrowRange(info.Env(), "Unsupported hash algorithm: " + name);
  return true;
}

static Napi::Value Hash(const Napi::CallbackInfo &info) {
  ts_hash_alg alg;
  Bytes data;
  if (!GetHashAlg(info, 0, &alg) || !GetBytes(info, 1, "data", &data)) return info.Env().Undefined();
  uint8_t out[TS_HASH_MAX_LEN];
  ts_hash(alg, data.data, data.size, out);
  return CopyBuffer(info.Env(), out, ts_hash_len(alg));
}

static Napi::Value Hmac(const Napi::CallbackInfo &info) {
  ts_hash_alg alg;
  Bytes key, data;
  if (!GetHashAlg(info, 0, &alg) || !GetBytes(info, 1, "key", &key) || !GetBytes(info, 2, "data", &data))
    return info.Env().Undefined();
  uint8_t out[TS_HASH_MAX_LEN];
  ts_hmac(alg, key.data, key.size, data.data, data.size, out);
  return CopyBuffer(info.Env(), out, ts_hash_len(alg));
}

void InitHash(Napi::Env env, Napi::Object exports) {
  exports.Set("hash", Napi::Function::New(env, Hash, "hash"));
  exports.Set("hmac", Napi::Function::New(env, Hmac, "hmac"));
}

}  // namespace tsaddon
