// ML-KEM-768 and the SHA-3 family: argument checks and Buffer plumbing for mlkem.h/keccak.h.
#include "addon.h"

extern "C" {
#include "ct.h"
#include "keccak.h"
#include "mlkem.h"
#include "random.h"
}

namespace tsaddon {

static bool CheckLength(Napi::Env env, const Bytes &b, const char *name, size_t want) {
  if (b.size == want) return true;
  return ThrowRange(env, std::string("The \"") + name + "\" argument must be " + std::to_string(want) +
                             " bytes, got " + std::to_string(b.size));
}

static void ThrowError(Napi::Env env, const std::string &msg) {
  Napi::Error::New(env, msg).ThrowAsJavaScriptException();
}

// An optional bytes argument: absent/undefined -> *present = false.
static bool GetOptionalBytes(const Napi::CallbackInfo &info, size_t i, const char *name, size_t want,
                             Bytes *out, bool *present) {
  *present = false;
  if (info.Length() <= i || info[i].IsUndefined()) return true;
  if (!GetBytes(info, i, name, out) || !CheckLength(info.Env(), *out, name, want)) return false;
  *present = true;
  return true;
}

// mlkem768GenerateKey([seed: 64 bytes d || z]) -> { decapsulationKey, encapsulationKey }
static Napi::Value GenerateKey(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Bytes seed;
  bool have_seed;
  if (!GetOptionalBytes(info, 0, "seed", TS_MLKEM_SEED_LEN, &seed, &have_seed)) return env.Undefined();
  uint8_t ek[TS_MLKEM768_EK_LEN], dk[TS_MLKEM768_DK_LEN];
  if (have_seed) {
    ts_mlkem768_keygen_derand(seed.data, seed.data + 32, ek, dk);
  } else if (!ts_mlkem768_keygen(ek, dk)) {
    ThrowError(env, "the kernel random number generator failed");
    return env.Undefined();
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("decapsulationKey", CopyBuffer(env, dk, sizeof dk));
  out.Set("encapsulationKey", CopyBuffer(env, ek, sizeof ek));
  ts_wipe(dk, sizeof dk);
  return out;
}

// mlkem768Encapsulate(ek[, m: 32 bytes]) -> { ciphertext, sharedSecret }
static Napi::Value Encapsulate(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Bytes ek, m;
  bool have_m;
  if (!GetBytes(info, 0, "encapsulationKey", &ek) ||
      !CheckLength(env, ek, "encapsulationKey", TS_MLKEM768_EK_LEN) ||
      !GetOptionalBytes(info, 1, "message", 32, &m, &have_m))
    return env.Undefined();
  if (!ts_mlkem768_ek_check(ek.data)) {
    ThrowError(env, "Invalid ML-KEM-768 encapsulation key: a coefficient is not reduced modulo q "
                    "(FIPS 203 section 7.2 modulus check)");
    return env.Undefined();
  }
  uint8_t ct[TS_MLKEM768_CT_LEN], ss[TS_MLKEM_SS_LEN];
  int ok = have_m ? ts_mlkem768_encaps_derand(ek.data, m.data, ct, ss) : ts_mlkem768_encaps(ek.data, ct, ss);
  if (!ok) {
    ThrowError(env, "the kernel random number generator failed");
    return env.Undefined();
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("ciphertext", CopyBuffer(env, ct, sizeof ct));
  out.Set("sharedSecret", CopyBuffer(env, ss, sizeof ss));
  ts_wipe(ss, sizeof ss);
  return out;
}

// mlkem768Decapsulate(dk: 2400 bytes, or the 64-byte seed d || z, ciphertext) -> sharedSecret
static Napi::Value Decapsulate(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Bytes dk, ct;
  if (!GetBytes(info, 0, "decapsulationKey", &dk) || !GetBytes(info, 1, "ciphertext", &ct)) return env.Undefined();
  if (dk.size != TS_MLKEM768_DK_LEN && dk.size != TS_MLKEM_SEED_LEN) {
    ThrowRange(env, "The \"decapsulationKey\" argument must be 2400 bytes (or a 64-byte seed), got " +
                        std::to_string(dk.size));
    return env.Undefined();
  }
  if (!CheckLength(env, ct, "ciphertext", TS_MLKEM768_CT_LEN)) return env.Undefined();
  uint8_t expanded[TS_MLKEM768_DK_LEN], ek[TS_MLKEM768_EK_LEN], ss[TS_MLKEM_SS_LEN];
  const uint8_t *key = dk.data;
  if (dk.size == TS_MLKEM_SEED_LEN) {
    ts_mlkem768_keygen_derand(dk.data, dk.data + 32, ek, expanded);
    key = expanded;
  }
  int ok = ts_mlkem768_decaps(key, ct.data, ss);
  ts_wipe(expanded, sizeof expanded);
  if (!ok) {
    ThrowError(env, "Invalid ML-KEM-768 decapsulation key: the stored H(ek) does not match "
                    "(FIPS 203 section 7.3 hash check)");
    return env.Undefined();
  }
  Napi::Buffer<uint8_t> out = CopyBuffer(env, ss, sizeof ss);
  ts_wipe(ss, sizeof ss);
  return out;
}

static Napi::Value Sha3_256(const Napi::CallbackInfo &info) {
  Bytes data;
  if (!GetBytes(info, 0, "data", &data)) return info.Env().Undefined();
  uint8_t out[32];
  ts_sha3_256(out, data.data, data.size);
  return CopyBuffer(info.Env(), out, sizeof out);
}

static Napi::Value Sha3_512(const Napi::CallbackInfo &info) {
  Bytes data;
  if (!GetBytes(info, 0, "data", &data)) return info.Env().Undefined();
  uint8_t out[64];
  ts_sha3_512(out, data.data, data.size);
  return CopyBuffer(info.Env(), out, sizeof out);
}

template <void (*Xof)(uint8_t *, size_t, const uint8_t *, size_t)>
static Napi::Value Shake(const Napi::CallbackInfo &info) {
  Bytes data;
  size_t outlen;
  if (!GetBytes(info, 0, "data", &data) || !GetSize(info, 1, "outputLength", size_t{1} << 30, &outlen))
    return info.Env().Undefined();
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(info.Env(), outlen);
  Xof(out.Data(), outlen, data.data, data.size);
  return out;
}

void InitMlkem(Napi::Env env, Napi::Object exports) {
  exports.Set("mlkem768GenerateKey", Napi::Function::New(env, GenerateKey, "mlkem768GenerateKey"));
  exports.Set("mlkem768Encapsulate", Napi::Function::New(env, Encapsulate, "mlkem768Encapsulate"));
  exports.Set("mlkem768Decapsulate", Napi::Function::New(env, Decapsulate, "mlkem768Decapsulate"));
  exports.Set("sha3_256", Napi::Function::New(env, Sha3_256, "sha3_256"));
  exports.Set("sha3_512", Napi::Function::New(env, Sha3_512, "sha3_512"));
  exports.Set("shake128", Napi::Function::New(env, Shake<ts_shake128>, "shake128"));
  exports.Set("shake256", Napi::Function::New(env, Shake<ts_shake256>, "shake256"));
}

}  // namespace tsaddon
