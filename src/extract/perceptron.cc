// Averaged perceptron core and word analysis. See perceptron.h.
//
// Model file layout (little-endian):
//   AGPERCEPTRON 1\n            magic and file format version
//   # <comment>\n ...           who made it, from which data, licence, how to rebuild
//   kind <pos|ner>\n
//   feature-version <n>\n       the feature templates the weights belong to
//   classes <n> <name>...\n
//   features <n>\n
//   scale <float>\n             weight = quantised value * scale
//   data\n
//   n times, keys ascending: varint(key - previous key), u8 count, count x (u8 class, varint zigzag(q))
//   u64 FNV-1a of the data section
#include "extract/perceptron.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ag::extract {
namespace {

constexpr char kMagic[] = "AGPERCEPTRON 1";

// ---- word analysis ----

// Appends the normalised form of code point `c` (typographic punctuation as ASCII) to *s; returns false
// when `c` is not one of the mapped characters.
bool AppendMappedPunct(UChar32 c, std::string* s) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BC:
      s->push_back('\'');
      return true;
    case 0x201C: case 0x201D: case 0x201E: case 0x2033:
      s->push_back('"');
      return true;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
      s->push_back('-');
      return true;
    case 0x2014: case 0x2015:
      s->append("--");
      return true;
    case 0x2026:
      s->append("...");
      return true;
    default:
      return false;
  }
}

void AppendUtf8(UChar32 c, std::string* s) {
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, err);
  if (!err) s->append(buf, n);
}

// Bytes of a trailing possessive ('s or ’s) that leaves a non-empty word, or 0.
size_t PossessiveBytes(std::string_view s) {
  auto ends = [&](std::string_view suf) {
    return s.size() > suf.size() && s.substr(s.size() - suf.size()) == suf;
  };
  if (ends("'s") || ends("'S")) return 2;
  if (ends("\xE2\x80\x99s") || ends("\xE2\x80\x99S")) return 4;
  return 0;
}

struct ShapeHasher {
  uint64_t full = kFnvOffset;
  uint64_t brief = kFnvOffset;
  char last = 0;
  int run = 0;
  void Add(char c) {
    if (c == last) {
      if (++run <= 4) full = (full ^ static_cast<unsigned char>(c)) * kFnvPrime;
      return;
    }
    last = c;
    run = 1;
    full = (full ^ static_cast<unsigned char>(c)) * kFnvPrime;
    brief = (brief ^ static_cast<unsigned char>(c)) * kFnvPrime;
  }
};

// The shared pass of AnalyzeWord and NormalizedLower. `lower` receives the normalised lower-case form.
void Analyze(std::string_view token, std::string* lower, WordInfo* out) {
  lower->clear();
  uint16_t flags = 0;
  size_t pos = PossessiveBytes(token);
  if (pos) {
    token.remove_suffix(pos);
    flags |= kPossessive;
  }
  uint64_t cased = kFnvOffset;
  ShapeHasher shape;
  int letters = 0, upper = 0, digits = 0, numberish = 0, chars = 0;
  bool upper_after_first = false;
  const auto* p = reinterpret_cast<const uint8_t*>(token.data());
  const int32_t n = static_cast<int32_t>(token.size());
  for (int32_t i = 0; i < n;) {
    uint8_t b = p[i];
    size_t before = lower->size();
    char shape_char;
    bool is_upper = false;
    if (b < 0x80) {
      ++i;
      if (b >= 'A' && b <= 'Z') {
        lower->push_back(static_cast<char>(b + 32));
        shape_char = 'X';
        is_upper = true;
        ++letters;
      } else if (b >= 'a' && b <= 'z') {
        lower->push_back(static_cast<char>(b));
        shape_char = 'x';
        ++letters;
      } else if (b >= '0' && b <= '9') {
        lower->push_back('0');
        shape_char = 'd';
        ++digits;
        ++numberish;
      } else {
        lower->push_back(static_cast<char>(b));
        shape_char = static_cast<char>(b);
        if (b == '-') flags |= kHasHyphen;
        if (b == '.') flags |= kHasDot;
        if (b == '\'') flags |= kHasApostrophe;
        if (b == '.' || b == ',' || b == ':' || b == '/' || b == '-') ++numberish;
      }
      // The cased form: as `lower` but keeping case.
      cased = (cased ^ (shape_char == 'X' ? b : static_cast<uint8_t>(lower->back()))) * kFnvPrime;
    } else {
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c < 0) c = 0xFFFD;
      if (AppendMappedPunct(c, lower)) {
        shape_char = lower->back();
        if (shape_char == '-') flags |= kHasHyphen;
        if (shape_char == '\'') flags |= kHasApostrophe;
      } else if (u_isalpha(c)) {
        ++letters;
        if (u_isupper(c) || u_istitle(c)) {
          is_upper = true;
          shape_char = 'X';
          AppendUtf8(u_tolower(c), lower);
        } else {
          shape_char = 'x';
          AppendUtf8(c, lower);
        }
      } else if (u_isdigit(c)) {
        lower->push_back('0');
        shape_char = 'd';
        ++digits;
        ++numberish;
      } else {
        AppendUtf8(c, lower);
        shape_char = '*';
      }
      if (is_upper) {
        cased = Fnv1a(token.substr(i - U8_LENGTH(c), U8_LENGTH(c)), cased);
      } else {
        cased = Fnv1a(std::string_view(*lower).substr(before), cased);
      }
    }
    if (is_upper) {
      ++upper;
      if (chars > 0) upper_after_first = true;
    }
    if (chars == 0 && is_upper) flags |= kInitCap;
    shape.Add(shape_char);
    ++chars;
  }
  if (letters >= 2 && upper == letters) flags |= kAllCaps;
  if (upper_after_first && !(flags & kAllCaps)) flags |= kMixedCaps;
  if (digits) flags |= kHasDigit;
  if (digits && numberish == chars) flags |= kAllDigits;
  if (letters == 0 && digits == 0) flags |= kNoLetter;
  if (letters == 1 && upper == 1 && chars <= 2) flags |= kSingleUpper;
  if ((flags & kInitCap) && !lower->empty() && lower->back() == '.') flags |= kUpperDot;
  if (out == nullptr) return;
  out->flags = flags;
  out->chars = static_cast<uint16_t>(std::min(chars, 65535));
  out->word = cased;
  const std::string& l = *lower;
  out->lower = Fnv1a(l);
  out->shape = shape.full;
  out->short_shape = shape.brief;
  // Affixes by code points: boundaries are bytes that are not UTF-8 continuation bytes.
  size_t b = 0;
  for (int k = 0; k < 4; ++k) {
    if (b < l.size()) {
      ++b;
      while (b < l.size() && (static_cast<uint8_t>(l[b]) & 0xC0) == 0x80) ++b;
    }
    out->prefix[k] = Fnv1a(std::string_view(l).substr(0, b));
  }
  size_t e = l.size();
  for (int k = 0; k < 4; ++k) {
    if (e > 0) {
      --e;
      while (e > 0 && (static_cast<uint8_t>(l[e]) & 0xC0) == 0x80) --e;
    }
    out->suffix[k] = Fnv1a(std::string_view(l).substr(e));
  }
}

// ---- model file ----

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  uint64_t r = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    uint8_t b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    r |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      *v = r;
      return true;
    }
  }
  return false;
}

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

std::string SanitizeLine(const std::string& s) {
  std::string r = s;
  for (char& c : r)
    if (c == '\n' || c == '\r') c = ' ';
  return r;
}

}  // namespace

void AnalyzeWord(std::string_view token, std::string* scratch, WordInfo* out) { Analyze(token, scratch, out); }

void NormalizedLower(std::string_view token, std::string* out) { Analyze(token, out, nullptr); }

// ---------------------------------------------------------------------------------------------------------

void WeightTable::Rehash(size_t capacity) {
  slots_.assign(capacity, Slot{0, 0});
  mask_ = capacity - 1;
  for (uint32_t row = 0; row < keys_.size(); ++row) {
    uint64_t i = keys_[row] & mask_;
    while (slots_[i].key != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{keys_[row], row};
  }
}

void WeightTable::Reserve(size_t features) {
  keys_.reserve(features);
  weights_.reserve(features * nc_);
  size_t cap = 16;
  while (cap < features * 2) cap <<= 1;  // load factor at most 1/2
  if (cap > slots_.size()) Rehash(cap);
}

uint32_t WeightTable::Insert(uint64_t key) {
  if ((keys_.size() + 1) * 2 > slots_.size()) Rehash(std::max<size_t>(16, slots_.size() * 2));
  uint64_t i = key & mask_;
  for (;; i = (i + 1) & mask_) {
    if (slots_[i].key == key) return slots_[i].row;
    if (slots_[i].key == 0) break;
  }
  uint32_t row = static_cast<uint32_t>(keys_.size());
  slots_[i] = Slot{key, row};
  keys_.push_back(key);
  weights_.resize(weights_.size() + nc_, 0.0f);
  return row;
}

void WeightTable::AddScores(const uint64_t* keys, size_t n, float* scores) const {
  if (slots_.empty()) return;
  // Prefetch every first probe before walking any: the lookups are independent cache misses.
  for (size_t k = 0; k < n; ++k) __builtin_prefetch(&slots_[keys[k] & mask_]);
  constexpr size_t kMaxRows = 128;
  const float* rows[kMaxRows];
  size_t done = 0;
  while (done < n) {
    size_t m = 0;
    for (; done < n && m < kMaxRows; ++done) {
      int64_t r = Find(keys[done]);
      if (r >= 0) {
        rows[m] = Row(static_cast<uint32_t>(r));
        __builtin_prefetch(rows[m]);
        ++m;
      }
    }
    for (size_t k = 0; k < m; ++k) {
      const float* w = rows[k];
      for (int c = 0; c < nc_; ++c) scores[c] += w[c];
    }
  }
}

int BestClass(const float* scores, int num_classes, const bool* allowed) {
  int best = -1;
  for (int c = 0; c < num_classes; ++c) {
    if (allowed && !allowed[c]) continue;
    if (best < 0 || scores[c] > scores[best]) best = c;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------

std::string PerceptronModel::Serialize(const std::vector<std::string>& comments, int weight_bits) const {
  const int nc = weights_.num_classes();
  float max_abs = 0;
  for (uint32_t r = 0; r < weights_.size(); ++r)
    for (int c = 0; c < nc; ++c) max_abs = std::max(max_abs, std::fabs(weights_.Row(r)[c]));
  const int bits = std::clamp(weight_bits, 2, 16);
  const float scale = max_abs > 0 ? max_abs / static_cast<float>((1 << (bits - 1)) - 1) : 1.0f;

  std::vector<uint32_t> order(weights_.size());
  for (uint32_t r = 0; r < order.size(); ++r) order[r] = r;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return weights_.Key(a) < weights_.Key(b); });
  std::string data;
  uint64_t prev = 0, written = 0;
  std::vector<std::pair<int, int64_t>> nz;
  for (uint32_t r : order) {
    nz.clear();
    for (int c = 0; c < nc; ++c) {
      int64_t q = std::lround(weights_.Row(r)[c] / scale);
      if (q != 0) nz.emplace_back(c, q);
    }
    if (nz.empty()) continue;
    PutVarint(weights_.Key(r) - prev, &data);
    prev = weights_.Key(r);
    data.push_back(static_cast<char>(nz.size()));
    for (auto [c, q] : nz) {
      data.push_back(static_cast<char>(c));
      PutVarint(ZigZag(q), &data);
    }
    ++written;
  }

  std::ostringstream head;
  head << kMagic << "\n";
  for (const std::string& c : comments) head << "# " << SanitizeLine(c) << "\n";
  head << "kind " << kind_ << "\nfeature-version " << feature_version_ << "\nclasses " << classes_.size();
  for (const std::string& c : classes_) head << " " << c;
  char scale_buf[64];
  std::snprintf(scale_buf, sizeof scale_buf, "%.9g", scale);
  head << "\nfeatures " << written << "\nscale " << scale_buf << "\ndata\n";
  uint64_t sum = Fnv1a(data);
  char tail[8];
  for (int i = 0; i < 8; ++i) tail[i] = static_cast<char>(sum >> (8 * i));

  std::string out = head.str();
  out += data;
  out.append(tail, 8);
  return out;
}

Status PerceptronModel::Save(const std::string& path, const std::vector<std::string>& comments) const {
  return WriteFileAtomically(path, Serialize(comments));
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(path + ": cannot write model file");
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) return Status::IOError(path + ": write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IOError(path + ": cannot rename " + tmp + ": " + ec.message());
  return Status::OK();
}

Result<std::string> ReadModelFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open model file");
  std::string content;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) return Status::IOError(path + ": cannot read model file");
  in.seekg(0, std::ios::beg);
  content.resize(static_cast<size_t>(size));
  in.read(content.data(), size);
  if (!in) return Status::IOError(path + ": cannot read model file");
  return content;
}

Result<PerceptronModel> PerceptronModel::Load(const std::string& path, std::string_view kind, int feature_version) {
  AG_ASSIGN_OR_RETURN(std::string content, ReadModelFile(path));
  return Parse(content, path, kind, feature_version);
}

Result<PerceptronModel> PerceptronModel::Parse(std::string_view content, const std::string& path,
                                               std::string_view kind, int feature_version) {
  auto corrupt = [&](const std::string& what) { return Status::Corruption(path + ": " + what); };
  std::string_view rest(content);
  auto next_line = [&](std::string_view* line) {
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) return false;
    *line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    return true;
  };
  std::string_view line;
  if (!next_line(&line) || line != kMagic)
    return corrupt("not an actorgraph tagger model (expected the first line \"" + std::string(kMagic) + "\")");
  PerceptronModel m;
  std::string file_kind;
  int file_version = -1;
  size_t n_features = 0;
  double scale = 0;
  bool have_features = false, have_scale = false, have_classes = false, have_data = false;
  while (next_line(&line)) {
    if (line.substr(0, 2) == "# ") {
      m.comments_.emplace_back(line.substr(2));
      continue;
    }
    if (line == "data") {
      have_data = true;
      break;
    }
    std::istringstream ls{std::string(line)};
    std::string field;
    ls >> field;
    if (field == "kind") {
      ls >> file_kind;
    } else if (field == "feature-version") {
      ls >> file_version;
    } else if (field == "classes") {
      size_t nc = 0;
      ls >> nc;
      if (nc == 0 || nc > 255) return corrupt("bad class count");
      for (size_t i = 0; i < nc; ++i) {
        std::string c;
        if (!(ls >> c)) return corrupt("fewer class names than announced");
        m.classes_.push_back(c);
      }
      have_classes = true;
    } else if (field == "features") {
      have_features = static_cast<bool>(ls >> n_features);
    } else if (field == "scale") {
      have_scale = static_cast<bool>(ls >> scale);
    } else {
      return corrupt("unknown header line \"" + std::string(line.substr(0, 40)) + "\"");
    }
    if (ls.fail()) return corrupt("malformed header line \"" + std::string(line.substr(0, 40)) + "\"");
  }
  if (!have_data || !have_classes || !have_features || !have_scale || file_kind.empty() || file_version < 0)
    return corrupt("truncated or incomplete header");
  if (file_kind != kind)
    return corrupt("a \"" + file_kind + "\" model where a \"" + std::string(kind) + "\" model was expected");
  if (file_version != feature_version)
    return Status::VersionMismatch(path + ": model built for feature version " + std::to_string(file_version) +
                                   ", this program uses version " + std::to_string(feature_version) +
                                   "; rebuild it with tools/train_tagger (see the file's header)");
  if (rest.size() < 8) return corrupt("truncated (no checksum)");
  std::string_view data = rest.substr(0, rest.size() - 8);
  uint64_t sum = 0;
  for (int i = 0; i < 8; ++i) sum |= static_cast<uint64_t>(static_cast<uint8_t>(rest[rest.size() - 8 + i])) << (8 * i);
  if (Fnv1a(data) != sum) return corrupt("checksum mismatch (truncated or damaged file)");
  if (n_features > data.size()) return corrupt("feature count larger than the file");

  const int nc = static_cast<int>(m.classes_.size());
  m.kind_ = file_kind;
  m.feature_version_ = file_version;
  m.weights_ = WeightTable(nc);
  m.weights_.Reserve(n_features);
  uint64_t key = 0;
  for (size_t f = 0; f < n_features; ++f) {
    uint64_t delta;
    if (!GetVarint(&data, &delta) || data.empty()) return corrupt("truncated weights");
    key += delta;
    if (key == 0 || (f > 0 && delta == 0)) return corrupt("bad feature key");
    size_t cnt = static_cast<uint8_t>(data.front());
    data.remove_prefix(1);
    if (cnt == 0 || cnt > static_cast<size_t>(nc)) return corrupt("bad weight count");
    float* row = m.weights_.Row(m.weights_.Insert(key));
    for (size_t k = 0; k < cnt; ++k) {
      if (data.empty()) return corrupt("truncated weights");
      size_t c = static_cast<uint8_t>(data.front());
      data.remove_prefix(1);
      uint64_t zq;
      if (c >= static_cast<size_t>(nc) || !GetVarint(&data, &zq)) return corrupt("bad weight");
      row[c] = static_cast<float>(UnZigZag(zq) * scale);
    }
  }
  if (!data.empty()) return corrupt("trailing bytes after the weights");
  return m;
}

// ---------------------------------------------------------------------------------------------------------

PerceptronTrainer::PerceptronTrainer(int num_classes) : nc_(num_classes), w_(num_classes) {}

void PerceptronTrainer::Count(const uint64_t* keys, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    uint32_t row = w_.Insert(keys[k]);
    if (row >= counts_.size()) counts_.resize(row + 1, 0);
    ++counts_[row];
  }
}

size_t PerceptronTrainer::Freeze(int min_count) {
  WeightTable kept(nc_);
  size_t n = 0;
  for (uint32_t r = 0; r < counts_.size(); ++r) n += counts_[r] >= static_cast<uint32_t>(min_count);
  kept.Reserve(n);
  for (uint32_t r = 0; r < counts_.size(); ++r)
    if (counts_[r] >= static_cast<uint32_t>(min_count)) kept.Insert(w_.Key(r));
  w_ = std::move(kept);
  counts_.clear();
  counts_.shrink_to_fit();
  totals_.assign(w_.size() * nc_, 0.0);
  stamps_.assign(w_.size(), 0);
  frozen_ = true;
  return n;
}

void PerceptronTrainer::Touch(uint32_t row) {
  if (row >= stamps_.size()) {
    stamps_.resize(row + 1, 0);
    totals_.resize(static_cast<size_t>(row + 1) * nc_, 0.0);
  }
  uint64_t dt = clock_ - stamps_[row];
  if (dt) {
    const float* w = w_.Row(row);
    double* t = &totals_[static_cast<size_t>(row) * nc_];
    for (int c = 0; c < nc_; ++c) t[c] += static_cast<double>(dt) * w[c];
    stamps_[row] = clock_;
  }
}

void PerceptronTrainer::Update(const uint64_t* keys, size_t n, int gold, int guess) {
  if (gold != guess) {
    for (size_t k = 0; k < n; ++k) {
      int64_t r = w_.Find(keys[k]);
      if (r < 0) {
        if (frozen_) continue;
        r = w_.Insert(keys[k]);
      }
      uint32_t row = static_cast<uint32_t>(r);
      Touch(row);
      float* w = w_.Row(row);
      w[gold] += 1.0f;
      if (guess >= 0) w[guess] -= 1.0f;
    }
  }
  ++clock_;
}

WeightTable PerceptronTrainer::Averaged(float min_abs_weight) const {
  WeightTable out(nc_);
  if (clock_ == 0) return out;
  std::vector<float> avg(nc_);
  for (uint32_t r = 0; r < w_.size(); ++r) {
    const float* w = w_.Row(r);
    uint64_t stamp = r < stamps_.size() ? stamps_[r] : 0;
    float max_abs = 0;
    for (int c = 0; c < nc_; ++c) {
      double total = (static_cast<size_t>(r) * nc_ + c < totals_.size() ? totals_[static_cast<size_t>(r) * nc_ + c] : 0.0) +
                     static_cast<double>(clock_ - stamp) * w[c];
      avg[c] = static_cast<float>(total / static_cast<double>(clock_));
      max_abs = std::max(max_abs, std::fabs(avg[c]));
    }
    if (max_abs == 0 || max_abs < min_abs_weight) continue;
    float* o = out.Row(out.Insert(w_.Key(r)));
    std::copy(avg.begin(), avg.end(), o);
  }
  return out;
}

}  // namespace ag::extract
