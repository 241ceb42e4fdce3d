// TLS record protection: one call per record, with keys, IVs and the sequence number held in a
// native context (the core's ts_record_ctx) that is wiped when disposed or collected.
//
//   recordCreate(version, bulk, mac, etm, key, iv, macKey, state[, sequence]) -> ctx
//   recordSeal(ctx, type, content, padding) -> Buffer (the whole record) | null
//   recordOpen(ctx, record) -> Buffer (content in [0, state[2])) | null
//   recordSequence(ctx) -> bigint;  recordDispose(ctx)
//
// `state` is an Int32Array(3) the binding allocates once per context: each seal/open writes the
// core's result code to state[0], and open writes the content type and length to state[1..2],
// so a record costs one native call and no result object.
#include <cstring>
#include <new>

#include "addon.h"

extern "C" {
#include "ct.h"
#include "record.h"
}

namespace tsaddon {

namespace {

struct RecordCtx {
  ts_record_ctx rc;
  bool live = false;
  int32_t *state = nullptr;
  napi_ref state_ref = nullptr;
  void Wipe() {
    if (live) ts_record_wipe(&rc);
    live = false;
  }
  ~RecordCtx() { Wipe(); }
};

const napi_type_tag kRecordTag = {0x4c1f9a7e2b6d3c58ULL, 0x93e0a5b7c2d4f618ULL};

// Argument i as bytes from a TypedArray or DataView, with as few N-API calls as possible (this
// runs per record).
bool RecBytes(napi_env env, napi_value v, const char *name, Bytes *out) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) == napi_ok && is) {
    napi_typedarray_type type;
    size_t length;
    void *data;
    if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) == napi_ok) {
      size_t elem = 1;
      switch (type) {
        case napi_int16_array: case napi_uint16_array: elem = 2; break;
        case napi_int32_array: case napi_uint32_array: case napi_float32_array: elem = 4; break;
        case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: elem = 8; break;
        default: break;
      }
      out->data = data ? static_cast<const uint8_t *>(data) : reinterpret_cast<const uint8_t *>("");
      out->size = length * elem;
      return true;
    }
  }
  if (napi_is_dataview(env, v, &is) == napi_ok && is) {
    size_t length;
    void *data;
    if (napi_get_dataview_info(env, v, &length, &data, nullptr, nullptr) == napi_ok) {
      out->data = data ? static_cast<const uint8_t *>(data) : reinterpret_cast<const uint8_t *>("");
      out->size = length;
      return true;
    }
  }
  return ThrowType(Napi::Env(env), std::string("The \"") + name + "\" argument must be a Buffer, TypedArray or DataView");
}

bool GetRecordCtx(const Napi::CallbackInfo &info, RecordCtx **out) {
  Napi::Value v = info[0];
  if (!v.IsExternal() || !v.As<Napi::External<RecordCtx>>().CheckTypeTag(&kRecordTag))
    return ThrowType(info.Env(), "The \"ctx\" argument must be a record protection context");
  RecordCtx *c = v.As<Napi::External<RecordCtx>>().Data();
  if (!c->live) {
    Napi::Error::New(info.Env(), "The record protection context has been disposed").ThrowAsJavaScriptException();
    return false;
  }
  *out = c;
  return true;
}

Napi::Value RecordCreate(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  size_t version, bulk, mac;
  Bytes key, iv, mackey;
  if (!GetSize(info, 0, "version", 0xffff, &version) || !GetSize(info, 1, "bulk", 255, &bulk) ||
      !GetSize(info, 2, "mac", 255, &mac))
    return env.Undefined();
  if (!info[3].IsBoolean()) {
    ThrowType(env, "The \"etm\" argument must be a boolean");
    return env.Undefined();
  }
  bool etm = info[3].As<Napi::Boolean>().Value();
  if (!RecBytes(env, info[4], "key", &key) || !RecBytes(env, info[5], "iv", &iv) ||
      !RecBytes(env, info[6], "macKey", &mackey))
    return env.Undefined();
  if (!info[7].IsTypedArray() || info[7].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array ||
      info[7].As<Napi::TypedArray>().ElementLength() < 3) {
    ThrowType(env, "The \"state\" argument must be an Int32Array of 3 elements");
    return env.Undefined();
  }
  Napi::Int32Array state = info[7].As<Napi::Int32Array>();
  uint64_t seq = 0;
  if (info.Length() > 8 && !info[8].IsUndefined()) {
    bool lossless = false;
    if (!info[8].IsBigInt()) {
      ThrowType(env, "The \"sequence\" argument must be a bigint");
      return env.Undefined();
    }
    seq = info[8].As<Napi::BigInt>().Uint64Value(&lossless);
    if (!lossless) {
      ThrowRange(env, "The \"sequence\" argument must be from 0 to 2^64 - 1");
      return env.Undefined();
    }
  }
  RecordCtx *c = new (std::nothrow) RecordCtx();
  if (!c) {
    Napi::Error::New(env, "Out of memory").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  int r = ts_record_init(&c->rc, (unsigned)version, (ts_record_bulk)bulk, (ts_hash_alg)mac, etm ? 1 : 0, key.data,
                         key.size, iv.data, iv.size, mackey.data, mackey.size);
  if (r != TS_RECORD_OK) {
    delete c;
    ThrowRange(env, "Invalid record protection parameters (cipher, version or key, IV or MAC key length)");
    return env.Undefined();
  }
  c->rc.seq = seq;
  c->live = true;
  c->state = state.Data();
  napi_create_reference(env, state, 1, &c->state_ref);
  Napi::External<RecordCtx> ext = Napi::External<RecordCtx>::New(env, c, [](Napi::Env e, RecordCtx *p) {
    if (p->state_ref) napi_delete_reference(e, p->state_ref);
    delete p;
  });
  ext.TypeTag(&kRecordTag);
  return ext;
}

Napi::Value RecordSeal(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  RecordCtx *c;
  size_t type, padding;
  Bytes content;
  if (!GetRecordCtx(info, &c) || !GetSize(info, 1, "type", 255, &type) ||
      !RecBytes(env, info[2], "content", &content) || !GetSize(info, 3, "padding", 0xffff, &padding))
    return env.Undefined();
  size_t total = ts_record_sealed_len(&c->rc, content.size, padding);
  if (!total) {
    c->state[0] = TS_RECORD_BAD_ARG;
    return env.Null();
  }
  napi_value buf;
  void *data;
  if (napi_create_buffer(env, total, &data, &buf) != napi_ok) return env.Undefined();
  size_t outlen;
  int r = ts_record_seal(&c->rc, (uint8_t)type, content.data, content.size, padding, nullptr,
                         static_cast<uint8_t *>(data), total, &outlen);
  c->state[0] = r;
  if (r != TS_RECORD_OK) return env.Null();
  return Napi::Value(env, buf);
}

Napi::Value RecordOpen(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  RecordCtx *c;
  Bytes rec;
  if (!GetRecordCtx(info, &c) || !RecBytes(env, info[1], "record", &rec)) return env.Undefined();
  if (rec.size < TS_RECORD_HEADER_LEN) {
    c->state[0] = TS_RECORD_BAD_ARG;
    return env.Null();
  }
  napi_value buf;
  void *data;
  size_t cap = rec.size - TS_RECORD_HEADER_LEN;
  if (napi_create_buffer(env, cap, &data, &buf) != napi_ok) return env.Undefined();
  uint8_t type;
  size_t len;
  int r = ts_record_open(&c->rc, rec.data, rec.size, static_cast<uint8_t *>(data), cap, &type, &len);
  c->state[0] = r;
  c->state[1] = type;
  c->state[2] = (int32_t)len;
  if (r != TS_RECORD_OK) return env.Null();  // the core released nothing: out is all zeros
  return Napi::Value(env, buf);
}

Napi::Value RecordSequence(const Napi::CallbackInfo &info) {
  RecordCtx *c;
  if (!GetRecordCtx(info, &c)) return info.Env().Undefined();
  return Napi::BigInt::New(info.Env(), (uint64_t)c->rc.seq);
}

Napi::Value RecordDispose(const Napi::CallbackInfo &info) {
  Napi::Value v = info[0];
  if (!v.IsExternal() || !v.As<Napi::External<RecordCtx>>().CheckTypeTag(&kRecordTag)) {
    ThrowType(info.Env(), "The \"ctx\" argument must be a record protection context");
    return info.Env().Undefined();
  }
  v.As<Napi::External<RecordCtx>>().Data()->Wipe();
  return info.Env().Undefined();
}

}  // namespace

void InitRecord(Napi::Env env, Napi::Object exports) {
  exports.Set("recordCreate", Napi::Function::New(env, RecordCreate, "recordCreate"));
  exports.Set("recordSeal", Napi::Function::New(env, RecordSeal, "recordSeal"));
  exports.Set("recordOpen", Napi::Function::New(env, RecordOpen, "recordOpen"));
  exports.Set("recordSequence", Napi::Function::New(env, RecordSequence, "recordSequence"));
  exports.Set("recordDispose", Napi::Function::New(env, RecordDispose, "recordDispose"));
}

}  // namespace tsaddon
