// Node-API glue for the C core. Each family registers its functions from its own file; the glue
// only checks arguments (TypeError / RangeError) and moves bytes, never decides crypto.
#ifndef TS_ADDON_H
#define TS_ADDON_H

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace tsaddon {

// Family registration; each is defined in <family>.cc.
void InitCpu(Napi::Env env, Napi::Object exports);
void InitHash(Napi::Env env, Napi::Object exports);
void InitKdf(Napi::Env env, Napi::Object exports);
void InitRandom(Napi::Env env, Napi::Object exports);
void InitChaCha(Napi::Env env, Napi::Object exports);
void InitMlkem(Napi::Env env, Napi::Object exports);
void InitAes(Napi::Env env, Napi::Object exports);
void InitCurve25519(Napi::Env env, Napi::Object exports);
void InitCurve448(Napi::Env env, Napi::Object exports);
void InitEc(Napi::Env env, Napi::Object exports);
void InitRsa(Napi::Env env, Napi::Object exports);
void InitDh(Napi::Env env, Napi::Object exports);
void InitCurve25519(Napi::Env env, Napi::Object exports);
void InitAes(Napi::Env env, Napi::Object exports);
void InitCurve448(Napi::Env env, Napi::Object exports);
void InitMlkem(Napi::Env env, Napi::Object exports);
void InitRecord(Napi::Env env, Napi::Object exports);

// Throws a JS TypeError/RangeError and returns false when the check fails; callers return
// env.Undefined() right after (C++ exceptions are disabled).
bool ThrowType(Napi::Env env, const std::string &msg);
bool ThrowRange(Napi::Env env, const std::string &msg);

// Argument i as bytes (Buffer, Uint8Array or other TypedArray/DataView). On failure a
// TypeError naming the argument is pending and false is returned.
struct Bytes {
  const uint8_t *data = nullptr;
  size_t size = 0;
};
bool GetBytes(const Napi::CallbackInfo &info, size_t i, const char *name, Bytes *out);
bool GetString(const Napi::CallbackInfo &info, size_t i, const char *name, std::string *out);
// A non-negative integer no larger than max.
bool GetSize(const Napi::CallbackInfo &info, size_t i, const char *name, size_t max, size_t *out);

// A new Buffer holding a copy of n bytes.
Napi::Buffer<uint8_t> CopyBuffer(Napi::Env env, const uint8_t *p, size_t n);

}  // namespace tsaddon

#endif
