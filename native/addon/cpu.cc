// cpuFeatures(), implementations() and the switch between dispatched and portable code.
#include "addon.h"

extern "C" {
#include "cpu.h"
#include "dispatch.h"
}

namespace tsaddon {

static Napi::Array FeatureNames(Napi::Env env, uint32_t bits) {
  Napi::Array a = Napi::Array::New(env);
  uint32_t n = 0;
  for (uint32_t b = 1; b; b <<= 1) {
    const char *name = (bits & b) ? ts_cpu_feature_name(b) : nullptr;
    if (name) a.Set(n++, Napi::String::New(env, name));
  }
  return a;
}

// { arch, detected: [...], used: [...] }: what the CPU has and what dispatch may use.
static Napi::Value CpuFeatures(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
#if defined(__x86_64__)
  o.Set("arch", "x64");
#elif defined(__aarch64__)
  o.Set("arch", "arm64");
#else
  o.Set("arch", "generic");
#endif
  o.Set("detected", FeatureNames(env, ts_cpu_detected()));
  o.Set("used", FeatureNames(env, ts_dispatch_features()));
  return o;
}

// { sha256: 'sha-ni', ... }: the implementation each primitive runs.
static Napi::Value Implementations(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  const char *prim[64], *impl[64];
  size_t n = ts_dispatch_report(prim, impl, 64);
  Napi::Object o = Napi::Object::New(env);
  for (size_t i = 0; i < n; i++) o.Set(prim[i], impl[i]);
  return o;
}

// setImplementation('generic' | 'native'): portable code only, or the best the CPU allows
// (still honouring TS_S_SERVER_CPU=generic). Lets one process test both paths.
static Napi::Value SetImplementation(const Napi::CallbackInfo &info) {
  std::string which;
  if (!GetString(info, 0, "which", &which)) return info.Env().Undefined();
  if (which == "generic") {
    ts_dispatch_select(0);
  } else if (which == "native") {
    ts_dispatch_select(ts_cpu());
  } else {
    ThrowRange(info.Env(), "The \"which\" argument must be 'generic' or 'native'");
  }
  return info.Env().Undefined();
}

void InitCpu(Napi::Env env, Napi::Object exports) {
  exports.Set("cpuFeatures", Napi::Function::New(env, CpuFeatures, "cpuFeatures"));
  exports.Set("implementations", Napi::Function::New(env, Implementations, "implementations"));
  exports.Set("setImplementation", Napi::Function::New(env, SetImplementation, "setImplementation"));
}

}  // namespace tsaddon
