// Argument helpers shared by hash.cc and kdf.cc: hash names and short labels, read into stack
// buffers so that the per-call path allocates nothing but its result.
#ifndef TS_ADDON_HASH_ALG_H
#define TS_ADDON_HASH_ALG_H

#include <cstring>

#include "addon.h"

extern "C" {
#include "ct.h"
#include "hash.h"
}

namespace tsaddon {

ts_hash_alg HashAlgByName(const std::string &name);

// 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' (or, when extra is set, that name
// too, reported as TS_HASH_NONE with *is_extra = true). TypeError for a non-string, RangeError
// for an unknown name.
inline bool GetHashAlgArg(const Napi::CallbackInfo &info, size_t i, ts_hash_alg *alg,
                          const char *extra = nullptr, bool *is_extra = nullptr) {
  Napi::Env env = info.Env();
  napi_value v = info[i];
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_string)
    return ThrowType(env, "The \"alg\" argument must be a string");
  char name[16];
  size_t n = 0;
  if (napi_get_value_string_utf8(env, v, name, sizeof name, &n) != napi_ok) return false;
  *alg = TS_HASH_NONE;
  if (n < sizeof name - 1) {
    if (!strcmp(name, "sha256")) *alg = TS_HASH_SHA256;
    else if (!strcmp(name, "sha384")) *alg = TS_HASH_SHA384;
    else if (!strcmp(name, "sha1")) *alg = TS_HASH_SHA1;
    else if (!strcmp(name, "sha512")) *alg = TS_HASH_SHA512;
    else if (!strcmp(name, "md5")) *alg = TS_HASH_MD5;
    else if (!strcmp(name, "sha224")) *alg = TS_HASH_SHA224;
    else if (extra && !strcmp(name, extra)) {
      *is_extra = true;
      return true;
    }
  }
  if (is_extra) *is_extra = false;
  if (*alg == TS_HASH_NONE)
    return ThrowRange(env, std::string("Unsupported hash algorithm: ") +
                               info[i].As<Napi::String>().Utf8Value());
  return true;
}

// Argument i as bytes, with a fast path for Uint8Array / Buffer (one N-API call, no handle
// for the ArrayBuffer); anything else goes through GetBytes and its TypeError.
inline bool GetBytesArg(const Napi::CallbackInfo &info, size_t i, const char *name, Bytes *out) {
  napi_env env = info.Env();
  napi_value v = info[i];
  bool is_ta = false;
  if (napi_is_typedarray(env, v, &is_ta) == napi_ok && is_ta) {
    napi_typedarray_type type;
    size_t length;
    void *data;
    if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) == napi_ok &&
        (type == napi_uint8_array || type == napi_int8_array || type == napi_uint8_clamped_array)) {
      out->data = static_cast<const uint8_t *>(data);
      out->size = length;
      return true;
    }
  }
  return GetBytes(info, i, name, out);
}

// A label: a string (UTF-8) or bytes, at most cap bytes, copied into buf.
inline bool GetLabelArg(const Napi::CallbackInfo &info, size_t i, const char *name, uint8_t *buf,
                        size_t cap, size_t *len) {
  Napi::Env env = info.Env();
  if (info[i].IsString()) {
    // Ask for the length first so an overlong string is refused rather than truncated.
    size_t n = 0;
    if (napi_get_value_string_utf8(env, info[i], nullptr, 0, &n) != napi_ok) return false;
    if (n > cap)
      return ThrowRange(env, std::string("The \"") + name + "\" argument must be at most " +
                                 std::to_string(cap) + " bytes");
    char tmp[512];
    if (napi_get_value_string_utf8(env, info[i], tmp, sizeof tmp, &n) != napi_ok) return false;
    memcpy(buf, tmp, n);
    *len = n;
    return true;
  }
  Bytes b;
  if (!info[i].IsBuffer() && !info[i].IsTypedArray() && !info[i].IsDataView())
    return ThrowType(env, std::string("The \"") + name +
                              "\" argument must be a string, Buffer, TypedArray or DataView");
  if (!GetBytes(info, i, name, &b)) return false;
  if (b.size > cap)
    return ThrowRange(env, std::string("The \"") + name + "\" argument must be at most " +
                               std::to_string(cap) + " bytes");
  if (b.size) memcpy(buf, b.data, b.size);
  *len = b.size;
  return true;
}

}  // namespace tsaddon

#endif
