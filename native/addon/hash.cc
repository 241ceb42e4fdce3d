// hash(alg, data), hmac(alg, key, data), hmacVerify(alg, key, data, tag) and createHash(alg),
// an incremental hash object that can be copied mid-stream (TLS transcript hashes).
#include "hash_alg.h"

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

static const char *HashAlgName(ts_hash_alg alg) {
  switch (alg) {
    case TS_HASH_MD5: return "md5";
    case TS_HASH_SHA1: return "sha1";
    case TS_HASH_SHA224: return "sha224";
    case TS_HASH_SHA256: return "sha256";
    case TS_HASH_SHA384: return "sha384";
    case TS_HASH_SHA512: return "sha512";
    default: return "";
  }
}

static Napi::Value Hash(const Napi::CallbackInfo &info) {
  ts_hash_alg alg;
  Bytes data;
  if (!GetHashAlgArg(info, 0, &alg) || !GetBytesArg(info, 1, "data", &data)) return info.Env().Undefined();
  uint8_t out[TS_HASH_MAX_LEN];
  ts_hash(alg, data.data, data.size, out);
  return CopyBuffer(info.Env(), out, ts_hash_len(alg));
}

static Napi::Value Hmac(const Napi::CallbackInfo &info) {
  ts_hash_alg alg;
  Bytes key, data;
  if (!GetHashAlgArg(info, 0, &alg) || !GetBytesArg(info, 1, "key", &key) || !GetBytesArg(info, 2, "data", &data))
    return info.Env().Undefined();
  uint8_t out[TS_HASH_MAX_LEN];
  ts_hmac(alg, key.data, key.size, data.data, data.size, out);
  Napi::Value r = CopyBuffer(info.Env(), out, ts_hash_len(alg));
  ts_wipe(out, sizeof out);
  return r;
}

// true when tag (1..HashLen bytes) equals the leading bytes of HMAC(key, data); compared in
// constant time by the core.
static Napi::Value HmacVerify(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  ts_hash_alg alg;
  Bytes key, data, tag;
  if (!GetHashAlgArg(info, 0, &alg) || !GetBytesArg(info, 1, "key", &key) || !GetBytesArg(info, 2, "data", &data) ||
      !GetBytesArg(info, 3, "tag", &tag))
    return env.Undefined();
  if (tag.size == 0 || tag.size > ts_hash_len(alg)) {
    ThrowRange(env, "The \"tag\" argument must be 1 to " + std::to_string(ts_hash_len(alg)) + " bytes");
    return env.Undefined();
  }
  return Napi::Boolean::New(env, ts_hmac_verify(alg, key.data, key.size, data.data, data.size, tag.data, tag.size) == 1);
}

// true when a and b have the same length and contents; the contents are compared in constant
// time (ts_ct_memeq), the lengths are public. For Finished messages and other MACs computed
// outside hmacVerify.
static Napi::Value ConstantTimeEqual(const Napi::CallbackInfo &info) {
  Bytes a, b;
  if (!GetBytesArg(info, 0, "a", &a) || !GetBytesArg(info, 1, "b", &b)) return info.Env().Undefined();
  return Napi::Boolean::New(info.Env(), a.size == b.size && ts_ct_memeq(a.data, b.data, a.size) == 1);
}

// The incremental hash: update(data) -> this, digest() -> Buffer (once), copy() -> a new,
// independent object holding the same state.
class HashObject : public Napi::ObjectWrap<HashObject> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Hash",
                       {InstanceMethod<&HashObject::Update>("update"),
                        InstanceMethod<&HashObject::Digest>("digest"),
                        InstanceMethod<&HashObject::Copy>("copy")});
  }

  explicit HashObject(const Napi::CallbackInfo &info) : Napi::ObjectWrap<HashObject>(info) {
    ts_hash_alg alg;
    if (!GetHashAlgArg(info, 0, &alg)) return;
    ts_hash_init(&ctx_, alg);
    ready_ = true;
  }

  ~HashObject() override { ts_wipe(&ctx_, sizeof ctx_); }

 private:
  bool Usable(Napi::Env env) {
    if (!ready_) {
      Napi::Error::New(env, "Hash object was not initialised").ThrowAsJavaScriptException();
      return false;
    }
    if (finished_) {
      Napi::Error::New(env, "Hash already finalised: digest() was called").ThrowAsJavaScriptException();
      return false;
    }
    return true;
  }

  Napi::Value Update(const Napi::CallbackInfo &info) {
    Bytes data;
    if (!Usable(info.Env()) || !GetBytesArg(info, 0, "data", &data)) return info.Env().Undefined();
    ts_hash_update(&ctx_, data.data, data.size);
    return info.This();
  }

  Napi::Value Digest(const Napi::CallbackInfo &info) {
    if (!Usable(info.Env())) return info.Env().Undefined();
    uint8_t out[TS_HASH_MAX_LEN];
    size_t n = ts_hash_len(ctx_.alg);
    ts_hash_final(&ctx_, out);
    finished_ = true;
    return CopyBuffer(info.Env(), out, n);
  }

  Napi::Value Copy(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (!Usable(env)) return env.Undefined();
    // The class constructor, found through this object so no per-process global is needed
    // (each worker thread has its own addon instance).
    Napi::Value ctor = info.This().As<Napi::Object>().Get("constructor");
    if (!ctor.IsFunction()) return env.Undefined();
    Napi::Object o = ctor.As<Napi::Function>().New({Napi::String::New(env, HashAlgName(ctx_.alg))});
    if (env.IsExceptionPending()) return env.Undefined();
    HashObject *copy = Unwrap(o);
    if (!copy) return env.Undefined(); // "constructor" was tampered with; an Error is pending
    copy->ctx_ = ctx_;
    return o;
  }

  ts_hash_ctx ctx_{};
  bool ready_ = false;
  bool finished_ = false;
};

void InitHash(Napi::Env env, Napi::Object exports) {
  exports.Set("hash", Napi::Function::New(env, Hash, "hash"));
  exports.Set("hmac", Napi::Function::New(env, Hmac, "hmac"));
  exports.Set("hmacVerify", Napi::Function::New(env, HmacVerify, "hmacVerify"));
  exports.Set("constantTimeEqual", Napi::Function::New(env, ConstantTimeEqual, "constantTimeEqual"));
  exports.Set("Hash", HashObject::Define(env));
}

}  // namespace tsaddon
