// ChaCha20-Poly1305 (RFC 8439): one-shot seal/open, a keyed object that holds the key in native
// memory (wiped when collected), and raw ChaCha20 / Poly1305 for tests. Outputs are written
// straight into the new Buffer: no intermediate copies.
#include "addon.h"

extern "C" {
#include "chacha20.h"
#include "chacha20poly1305.h"
#include "poly1305.h"
}

namespace tsaddon {

// One Node-API call for the common case (any TypedArray, Buffer included); everything else
// (DataView, wrong types and their TypeError) goes through the shared GetBytes.
static bool FastBytes(const Napi::CallbackInfo &info, size_t i, const char *name, Bytes *out) {
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_get_typedarray_info(info.Env(), info[i], &type, &length, &data, nullptr, nullptr) == napi_ok) {
    size_t unit = 1;
    switch (type) {
      case napi_int16_array:
      case napi_uint16_array: unit = 2; break;
      case napi_int32_array:
      case napi_uint32_array:
      case napi_float32_array: unit = 4; break;
      case napi_float64_array:
      case napi_bigint64_array:
      case napi_biguint64_array: unit = 8; break;
      default: unit = 1; break;
    }
    out->data = static_cast<const uint8_t *>(data);
    out->size = length * unit;
    return true;
  }
  return GetBytes(info, i, name, out);
}

// The optional output argument: a Buffer/Uint8Array of exactly n bytes the caller allocated
// (the binding uses Buffer.allocUnsafe, which is pooled for small sizes); else a new Buffer.
static bool GetOutput(const Napi::CallbackInfo &info, size_t i, size_t n, Napi::Value *holder, uint8_t **p) {
  Napi::Env env = info.Env();
  if (info.Length() > i && !info[i].IsUndefined() && !info[i].IsNull()) {
    Bytes o;
    if (!FastBytes(info, i, "out", &o)) return false;
    if (o.size != n) return ThrowRange(env, "The \"out\" argument must be " + std::to_string(n) + " bytes");
    *holder = info[i];
    *p = const_cast<uint8_t *>(o.data);
    return true;
  }
  Napi::Buffer<uint8_t> b = Napi::Buffer<uint8_t>::New(env, n);
  *holder = b;
  *p = b.Data();
  return true;
}

static bool GetSized(const Napi::CallbackInfo &info, size_t i, const char *name, const char *what, size_t want,
                     Bytes *out) {
  if (!FastBytes(info, i, name, out)) return false;
  if (out->size != want)
    return ThrowRange(info.Env(), std::string(what) + " must be " + std::to_string(want) + " bytes, got " +
                                      std::to_string(out->size));
  return true;
}

static bool GetAeadKey(const Napi::CallbackInfo &info, size_t i, Bytes *out) {
  return GetSized(info, i, "key", "ChaCha20-Poly1305 key", TS_CHACHA20POLY1305_KEY_LEN, out);
}

static bool GetAeadNonce(const Napi::CallbackInfo &info, size_t i, Bytes *out) {
  return GetSized(info, i, "nonce", "ChaCha20-Poly1305 nonce", TS_CHACHA20POLY1305_NONCE_LEN, out);
}

// (nonce, aad, plaintext[, out]) at argument `first` -> ciphertext || tag (in out if given).
// Inputs may alias out only exactly (plaintext === out is not possible: sizes differ).
static Napi::Value SealWith(const Napi::CallbackInfo &info, const ts_chacha20poly1305_ctx *c, size_t first) {
  Napi::Env env = info.Env();
  Bytes nonce, aad, pt;
  if (!GetAeadNonce(info, first, &nonce) || !FastBytes(info, first + 1, "aad", &aad) ||
      !FastBytes(info, first + 2, "plaintext", &pt))
    return env.Undefined();
  if (static_cast<uint64_t>(pt.size) > TS_CHACHA20POLY1305_MAX_LEN) {
    ThrowRange(env, "ChaCha20-Poly1305 plaintext is too long");
    return env.Undefined();
  }
  Napi::Value holder;
  uint8_t *out;
  if (!GetOutput(info, first + 3, pt.size + TS_CHACHA20POLY1305_TAG_LEN, &holder, &out)) return env.Undefined();
  ts_chacha20poly1305_seal(c, nonce.data, aad.data, aad.size, pt.data, pt.size, out, out + pt.size);
  return holder;
}

// (nonce, aad, ciphertext || tag[, out]) at argument `first` -> plaintext (in out if given), or
// null when it does not authenticate (including input shorter than a tag; out is then zeros).
static Napi::Value OpenWith(const Napi::CallbackInfo &info, const ts_chacha20poly1305_ctx *c, size_t first) {
  Napi::Env env = info.Env();
  Bytes nonce, aad, ct;
  if (!GetAeadNonce(info, first, &nonce) || !FastBytes(info, first + 1, "aad", &aad) ||
      !FastBytes(info, first + 2, "ciphertextAndTag", &ct))
    return env.Undefined();
  if (ct.size < TS_CHACHA20POLY1305_TAG_LEN) return env.Null();
  size_t len = ct.size - TS_CHACHA20POLY1305_TAG_LEN;
  Napi::Value holder;
  uint8_t *out;
  if (!GetOutput(info, first + 3, len, &holder, &out)) return env.Undefined();
  // The tag is read before any plaintext is written, so out may be the ciphertext itself.
  // On failure the core has zeroed out.
  if (!ts_chacha20poly1305_open(c, nonce.data, aad.data, aad.size, ct.data, len, ct.data + len, out))
    return env.Null();
  return holder;
}

// chacha20Poly1305Seal(key, nonce, aad, plaintext[, out]) -> ciphertext || tag
static Napi::Value Seal(const Napi::CallbackInfo &info) {
  Bytes key;
  if (!GetAeadKey(info, 0, &key)) return info.Env().Undefined();
  ts_chacha20poly1305_ctx c;
  ts_chacha20poly1305_init(&c, key.data);
  Napi::Value r = SealWith(info, &c, 1);
  ts_chacha20poly1305_wipe(&c);
  return r;
}

// chacha20Poly1305Open(key, nonce, aad, ciphertextAndTag[, out]) -> plaintext | null
static Napi::Value Open(const Napi::CallbackInfo &info) {
  Bytes key;
  if (!GetAeadKey(info, 0, &key)) return info.Env().Undefined();
  ts_chacha20poly1305_ctx c;
  ts_chacha20poly1305_init(&c, key.data);
  Napi::Value r = OpenWith(info, &c, 1);
  ts_chacha20poly1305_wipe(&c);
  return r;
}

// new ChaCha20Poly1305(key): { seal(nonce, aad, pt), open(nonce, aad, ctTag) } with the key kept
// natively, so a TLS connection expands it once per direction.
class ChaChaKey : public Napi::ObjectWrap<ChaChaKey> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "ChaCha20Poly1305",
                       {InstanceMethod("seal", &ChaChaKey::SealMethod), InstanceMethod("open", &ChaChaKey::OpenMethod)});
  }

  explicit ChaChaKey(const Napi::CallbackInfo &info) : Napi::ObjectWrap<ChaChaKey>(info) {
    Bytes key;
    if (!GetAeadKey(info, 0, &key)) return;
    ts_chacha20poly1305_init(&ctx_, key.data);
    ready_ = true;
  }

  ~ChaChaKey() override { ts_chacha20poly1305_wipe(&ctx_); }

 private:
  Napi::Value SealMethod(const Napi::CallbackInfo &info) {
    if (!ready_) return NotReady(info);
    return SealWith(info, &ctx_, 0);
  }
  Napi::Value OpenMethod(const Napi::CallbackInfo &info) {
    if (!ready_) return NotReady(info);
    return OpenWith(info, &ctx_, 0);
  }
  static Napi::Value NotReady(const Napi::CallbackInfo &info) {
    ThrowType(info.Env(), "ChaCha20Poly1305 object has no key");
    return info.Env().Undefined();
  }

  ts_chacha20poly1305_ctx ctx_{};
  bool ready_ = false;
};

// chacha20(key, nonce, counter, data) -> data XOR keystream from block `counter` (RFC 8439 §2.4).
static Napi::Value ChaCha20(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Bytes key, nonce, data;
  size_t counter;
  if (!GetSized(info, 0, "key", "ChaCha20 key", TS_CHACHA20_KEY_LEN, &key) ||
      !GetSized(info, 1, "nonce", "ChaCha20 nonce", TS_CHACHA20_NONCE_LEN, &nonce) ||
      !GetSize(info, 2, "counter", 0xffffffffu, &counter) || !FastBytes(info, 3, "data", &data))
    return env.Undefined();
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, data.size);
  ts_chacha20(out.Data(), data.data, data.size, key.data, static_cast<uint32_t>(counter), nonce.data);
  return out;
}

// poly1305(key, data) -> 16-byte tag (RFC 8439 §2.5).
static Napi::Value Poly1305(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Bytes key, data;
  if (!GetSized(info, 0, "key", "Poly1305 key", TS_POLY1305_KEY_LEN, &key) || !FastBytes(info, 1, "data", &data))
    return env.Undefined();
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, TS_POLY1305_TAG_LEN);
  ts_poly1305(out.Data(), key.data, data.data, data.size);
  return out;
}

void InitChaCha(Napi::Env env, Napi::Object exports) {
  exports.Set("chacha20Poly1305Seal", Napi::Function::New(env, Seal, "chacha20Poly1305Seal"));
  exports.Set("chacha20Poly1305Open", Napi::Function::New(env, Open, "chacha20Poly1305Open"));
  exports.Set("ChaCha20Poly1305", ChaChaKey::Define(env));
  exports.Set("chacha20", Napi::Function::New(env, ChaCha20, "chacha20"));
  exports.Set("poly1305", Napi::Function::New(env, Poly1305, "poly1305"));
}

}  // namespace tsaddon
