// Name normalisation with ICU. ASCII names (the vast majority) take a fast path; others go through an
// ICU transliterator (one per thread, since Transliterator instances are not thread-safe) that removes
// diacritics and maps other scripts to Latin.
#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace ag::text {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Lowercases, drops apostrophes, turns separators into single spaces and trims: the last step of
// every key, applied to ASCII.
std::string FoldAscii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (unsigned char c : s) {
    if (c == '\'' || c == '`') continue;
    bool sep = c == ' ' || c == '-' || c == '.' || c == '\t' || c == '\n' || c == '\r' || c == '_' ||
               c == ',' || c == '"';
    if (sep) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return out;
}

icu::Transliterator* FoldingTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    // Curly apostrophes and the Arabic ayn/hamza letters used in romanised names vanish before
    // Latin-ASCII (which would otherwise map them to ASCII quotes, kept or not inconsistently).
    std::unique_ptr<icu::Transliterator> tr(icu::Transliterator::createInstance(
        "NFKC; [\\u2018\\u2019\\u02BC\\u02BB\\u02BE\\u02BF\\u00B4] Remove; Any-Latin; Latin-ASCII; "
        "NFD; [:Nonspacing Mark:] Remove; NFC; Lower",
        UTRANS_FORWARD, status));
    if (U_FAILURE(status)) tr.reset();
    return tr;
  }();
  return t.get();
}

}  // namespace

std::string ToNfc(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string r;
  out.toUTF8String(r);
  return r;
}

std::string NameKey(std::string_view name) {
  if (IsAscii(name)) return FoldAscii(name);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), name.size()));
  if (icu::Transliterator* t = FoldingTransliterator()) t->transliterate(u);
  std::string r;
  u.toUTF8String(r);
  return FoldAscii(r);
}

}  // namespace ag::text
