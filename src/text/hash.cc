// DocumentHash: a 128-bit content hash (two independent 64-bit FNV-1a/mix lanes) over the text, the
// metadata and the triples of a document, each field length-prefixed so that field boundaries count.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "actorgraph/document.h"

namespace ag {
namespace {

struct Hasher {
  uint64_t a = 0xcbf29ce484222325ULL;
  uint64_t b = 0x84222325cbf29ce4ULL;
  void Bytes(std::string_view s) {
    for (unsigned char c : s) {
      a = (a ^ c) * 0x100000001b3ULL;
      b = (b ^ c) * 0x9E3779B97F4A7C15ULL;
      b ^= b >> 29;
    }
  }
  void Field(std::string_view s) {
    char len[24];
    int n = std::snprintf(len, sizeof len, "%zu:", s.size());
    Bytes(std::string_view(len, n));
    Bytes(s);
  }
};

}  // namespace

std::string DocumentHash(const Document& doc) {
  Hasher h;
  h.Field(doc.is_triples ? "triples" : "text");
  h.Field(doc.text);
  h.Field(doc.title);
  h.Field(doc.date);
  h.Field(doc.source);
  h.Field(doc.url);
  for (const Triple& t : doc.triples) {
    h.Field(t.source);
    h.Field(t.relation);
    h.Field(t.target);
    h.Field(t.source_type);
    h.Field(t.target_type);
    h.Field(t.date);
    char w[32];
    int n = std::snprintf(w, sizeof w, "%.17g", t.weight);
    h.Field(std::string_view(w, n));
  }
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(h.a),
                static_cast<unsigned long long>(h.b));
  return out;
}

}  // namespace ag
