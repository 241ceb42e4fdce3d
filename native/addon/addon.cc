// The module entry: selects implementations once, then lets each family register.
#include "addon.h"

extern "C" {
#include "dispatch.h"
}

namespace tsaddon {

bool ThrowType(Napi::Env env, const std::string &msg) {
  Napi::TypeError::New(env, msg).ThrowAsJavaScriptException();
  return false;
}

bool ThrowRange(Napi::Env env, const std::string &msg) {
  Napi::RangeError::New(env, msg).ThrowAsJavaScriptException();
  return false;
}

bool GetBytes(const Napi::CallbackInfo &info, size_t i, const char *name, Bytes *out) {
  Napi::Value v = info[i];
  // Not IsBuffer(): Node 20's napi_is_buffer is true for a DataView too, which As<TypedArray>
  // would then abort on. A Buffer is a Uint8Array, so IsTypedArray() covers it.
  if (v.IsTypedArray()) {
    Napi::TypedArray ta = v.As<Napi::TypedArray>();
    Napi::ArrayBuffer ab = ta.ArrayBuffer();
    out->data = static_cast<const uint8_t *>(ab.Data()) + ta.ByteOffset();
    out->size = ta.ByteLength();
    return true;
  }
  if (v.IsDataView()) {
    Napi::DataView dv = v.As<Napi::DataView>();
    out->data = static_cast<const uint8_t *>(dv.ArrayBuffer().Data()) + dv.ByteOffset();
    out->size = dv.ByteLength();
    return true;
  }
  return ThrowType(info.Env(), std::string("The \"") + name +
                                   "\" argument must be a Buffer, TypedArray or DataView");
}

bool GetString(const Napi::CallbackInfo &info, size_t i, const char *name, std::string *out) {
  if (!info[i].IsString())
    return ThrowType(info.Env(), std::string("The \"") + name + "\" argument must be a string");
  *out = info[i].As<Napi::String>().Utf8Value();
  return true;
}

bool GetSize(const Napi::CallbackInfo &info, size_t i, const char *name, size_t max, size_t *out) {
  if (!info[i].IsNumber())
    return ThrowType(info.Env(), std::string("The \"") + name + "\" argument must be a number");
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (!(d >= 0) || d != static_cast<double>(static_cast<uint64_t>(d)) || d > static_cast<double>(max))
    return ThrowRange(info.Env(), std::string("The \"") + name +
                                      "\" argument must be an integer from 0 to " +
                                      std::to_string(max));
  *out = static_cast<size_t>(d);
  return true;
}

Napi::Buffer<uint8_t> CopyBuffer(Napi::Env env, const uint8_t *p, size_t n) {
  return Napi::Buffer<uint8_t>::Copy(env, p, n);
}

}  // namespace tsaddon

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) {
  ts_dispatch_init();
  tsaddon::InitCpu(env, exports);
  tsaddon::InitHash(env, exports);
  tsaddon::InitKdf(env, exports);
  tsaddon::InitRandom(env, exports);
  tsaddon::InitChaCha(env, exports);
  tsaddon::InitMlkem(env, exports);
  tsaddon::InitAes(env, exports);
  tsaddon::InitCurve25519(env, exports);
  tsaddon::InitCurve448(env, exports);
  tsaddon::InitEc(env, exports);
  tsaddon::InitRsa(env, exports);
  tsaddon::InitDh(env, exports);
  tsaddon::InitRecord(env, exports);
  return exports;
}

NODE_API_MODULE(ts_s_server, InitModule)
