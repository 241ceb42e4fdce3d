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

static bool GetSized(const Napi::CallbackInfo &info, size_t i, const char *name, const char *what, size_t want,
                     Bytes *out) {
  if (!GetBytes(info, i, name, out)) return false;
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

// (nonce, aad, plaintext) at argument `first` -> ciphertext || tag.
static Napi::Value SealWith(const Napi::CallbackInfo &info, const ts_chacha20poly1305_ctx *c, size_t first) {
  Napi::Env env = info.Env();
  Bytes nonce, aad, pt;
  if (!GetAeadNonce(info, first, &nonce) || !GetBytes(info, first + 1, "aad", &aad) ||
      !GetBytes(info, first + 2, "plaintext", &pt))
    return env.Undefined();
  if (static_cast<uint64_t>(pt.size) > TS_CHACHA20POLY1305_MAX_LEN) {
    ThrowRange(env, "ChaCha20-Poly1305 plaintext is too long");
    return env.Undefined();
  }
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, pt.size + TS_CHACHA20POLY1305_TAG_LEN);
  ts_chacha20poly1305_seal(c, nonce.data, aad.data, aad.size, pt.data, pt.size, out.Data(), out.Data() + pt.size);
  return out;
}

// (nonce, aad, ciphertext || tag) at argument `first` -> plaintext, or null when it does not
// authenticate (including input shorter than a tag).
static Napi::Value OpenWith(const Napi::CallbackInfo &info, const ts_chacha20poly1305_ctx *c, size_t first) {
  Napi::Env env = info.Env();
  Bytes nonce, aad, ct;
  if (!GetAeadNonce(info, first, &nonce) || !GetBytes(info, first + 1, "aad", &aad) ||
      !GetBytes(info, first + 2, "ciphertextAndTag", &ct))
    return env.Undefined();
  if (ct.size < TS_CHACHA20POLY1305_TAG_LEN) return env.Null();
  size_t len = ct.size - TS_CHACHA20POLY1305_TAG_LEN;
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, len);
  // On failure the core has zeroed out; the Buffer is simply dropped.
  if (!ts_chacha20poly1305_open(c, nonce.data, aad.data, aad.size, ct.data, len, ct.data + len, out.Data()))
    return env.Null();
  return out;
}

// chacha20Poly1305Seal(key, nonce, aad, plaintext) -> ciphertext || tag
static Napi::Value Seal(const Napi::CallbackInfo &info) {
  Bytes key;
  if (!GetAeadKey(info, 0, &key)) return info.Env().Undefined();
  ts_chacha20poly1305_ctx c;
  ts_chacha20poly1305_init(&c, key.data);
  Napi::Value r = SealWith(info, &c, 1);
  ts_chacha20poly1305_wipe(&c);
  return r;
}

// chacha20Poly1305Open(key, nonce, aad, ciphertextAndTag) -> plaintext | null
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
      !GetSize(info, 2, "counter", 0xffffffffu, &counter) || !GetBytes(info, 3, "data", &data))
    return env.Undefined();
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, data.size);
  ts_chacha20(out.Data(), data.data, data.size, key.data, static_cast<uint32_t>(counter), nonce.data);
  return out;
}

// poly1305(key, data) -> 16-byte tag (RFC 8439 §2.5).
static Napi::Value Poly1305(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Bytes key, data;
  if (!GetSized(info, 0, "key", "Poly1305 key", TS_POLY1305_KEY_LEN, &key) || !GetBytes(info, 1, "data", &data))
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
