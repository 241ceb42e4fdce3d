// randomBytes(n) from the kernel CSPRNG.
#include "addon.h"

extern "C" {
#include "random.h"
}

namespace tsaddon {

static Napi::Value RandomBytes(const Napi::CallbackInfo &info) {
  size_t n;
  if (!GetSize(info, 0, "size", size_t{1} << 30, &n)) return info.Env().Undefined();
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(info.Env(), n);
  if (n && !ts_random_bytes(out.Data(), n)) {
    Napi::Error::New(info.Env(), "the kernel random number generator failed").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  return out;
}

void InitRandom(Napi::Env env, Napi::Object exports) {
  exports.Set("randomBytes", Napi::Function::New(env, RandomBytes, "randomBytes"));
}

}  // namespace tsaddon
