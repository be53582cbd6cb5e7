// Actor mention tagger and its gazetteer. See ner_tagger.h. The feature function below is the only
// definition of the features: training (Train) and tagging (Tag) both call it.
#include "extract/ner_tagger.h"

#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <random>

#include "util/files.h"
#include "util/strings.h"

namespace ag::extract {
namespace {

constexpr const char* kTagNames[NerTagger::kNumTags] = {"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
                                                        "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
constexpr const char* kTypeNames[4] = {"PER", "ORG", "LOC", "MISC"};

// Internally the model predicts BILOU tags (begin, inside, last, unit-length), which separate the start and
// end of a mention better than BIO; Tag() converts back. Model tag 1 + 4 * type + {0: B, 1: I, 2: L, 3: U}.
constexpr int kModelTags = 17;
constexpr const char* kModelTagNames[kModelTags] = {
    "O",     "B-PER", "I-PER", "L-PER", "U-PER", "B-ORG",  "I-ORG",  "L-ORG",  "U-ORG",
    "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC"};
constexpr int kStartTag = kModelTags;  // the "previous tag" before the first token

inline int ModelType(int m) { return m == 0 ? -1 : (m - 1) / 4; }  // NerType or -1
inline int ModelPart(int m) { return (m - 1) % 4; }                // 0 B, 1 I, 2 L, 3 U
inline uint8_t ModelToBio(int m) {
  if (m == 0) return kO;
  int part = ModelPart(m);
  return static_cast<uint8_t>(1 + 2 * ModelType(m) + (part == 1 || part == 2 ? 1 : 0));
}
// BIO tags of a sentence (well formed or not) as model tags.
void BioToModel(const uint8_t* bio, size_t n, uint8_t* out) {
  std::vector<NerSpan> spans;
  NerTagger::Spans(std::vector<uint8_t>(bio, bio + n), &spans);
  std::fill(out, out + n, 0);
  for (const NerSpan& sp : spans) {
    int base = 1 + 4 * static_cast<int>(sp.type);
    if (sp.end - sp.begin == 1) {
      out[sp.begin] = static_cast<uint8_t>(base + 3);
      continue;
    }
    out[sp.begin] = static_cast<uint8_t>(base);
    for (int i = sp.begin + 1; i < sp.end - 1; ++i) out[i] = static_cast<uint8_t>(base + 1);
    out[sp.end - 1] = static_cast<uint8_t>(base + 2);
  }
}
// Upper bound of Features(): 55 fixed templates, 16 flag bits for three tokens, 45 gazetteer bits x 6, ten
// history values (383 in all).
constexpr size_t kMaxKeys = 512;

// ---- gazetteer ----

constexpr uint64_t kPhraseSeed = 0x5BD1E9955BD1E995ull;
inline uint64_t PhraseStep(uint64_t h, uint64_t token_lower) { return Mix64(h ^ (token_lower * kFnvPrime)); }

Result<std::string> ReadFile(const std::string& path) { return ReadFileToString(path, "lexicon file"); }

// Non-empty, non-comment lines of a lexicon file; with `tsv`, the first two tab-separated columns.
Status ReadLexicon(const std::string& path, bool tsv, std::vector<std::pair<std::string, std::string>>* out) {
  AG_ASSIGN_OR_RETURN(std::string content, ReadFile(path));
  int line_no = 0;
  for (const std::string& raw : Split(content, '\n')) {
    ++line_no;
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    if (!tsv) {
      out->emplace_back(std::string(line), "");
      continue;
    }
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      return Status::ParseError(path + ":" + std::to_string(line_no) + ": expected two tab-separated columns");
    out->emplace_back(std::string(Trim(line.substr(0, tab))), std::string(Trim(line.substr(tab + 1))));
  }
  return Status::OK();
}

// The tokens of a gazetteer entry: split on spaces; a second variant also splits hyphens off ("Guinea -
// Bissau", as the ICU word breaker does) and a final dot off a word without inner dots ("St ." ; "U.S."
// stays whole).
std::vector<std::vector<std::string>> EntryTokenizations(std::string_view phrase) {
  std::vector<std::string> plain;
  for (const std::string& t : Split(phrase, ' '))
    if (!t.empty()) plain.push_back(t);
  std::vector<std::string> split;
  for (const std::string& t : plain) {
    std::string cur;
    for (char c : t) {
      if (c == '-') {
        if (!cur.empty()) split.push_back(cur);
        split.push_back("-");
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    if (cur.size() > 1 && cur.back() == '.' && cur.find('.') == cur.size() - 1) {
      cur.pop_back();
      split.push_back(cur);
      split.push_back(".");
    } else if (!cur.empty()) {
      split.push_back(cur);
    }
  }
  std::vector<std::vector<std::string>> out;
  if (!plain.empty()) out.push_back(plain);
  if (split != plain && !split.empty()) out.push_back(split);
  return out;
}

// ---- features ----

// Feature templates after those of WordFeatures (perceptron.h). Append only within a feature version.
enum Template : uint32_t {
  kFirstShape = kFirstTaggerTemplate,  // sentence-initial x shape
  kFirstLower,   // sentence-initial x word
  kCapsSentence,       // the sentence is all capitals
  kCapsSentenceLower,  // ... x word
  kLowerM1,
  kLowerM2,
  kLowerP1,
  kLowerP2,
  kWordM1,
  kWordP1,
  kSuffixM1,
  kSuffixP1,
  kShapeM1,
  kShapeP1,
  kShapeM1Cur,
  kShapeCurP1,
  kBigramM1,
  kBigramP1,
  kPos,
  kPosM1,
  kPosM2,
  kPosP1,
  kPosP2,
  kPosM1Cur,
  kPosCurP1,
  kPosShape,
  kGaz,
  kGazCap,
  kGazM1,
  kGazP1,
  kFlagM1,
  kFlagP1,
  kPrev1,
  kPrev2,
  kPrev12,
  kPrev1Lower,
  kPrev1Shape,
  kPrev1Pos,
  kPrev1Gaz,
  kShapeM2,
  kShapeP2,
  kRunPos,    // place in the run of capitalised words (B, I, L, U) x its length
  kRunHead,   // the run's last word x place
  kRunFirst,  // the run's first word x place
  kRunHeadGaz,
  kRunFirstGaz,
  kDocCase,   // how the word is written elsewhere in the document x how it is written here
  kHistory,   // the types already given to the word in the document
  kRunPhrase,  // the whole run (lower case) x place
  kRunPrev,    // the word before the run x place
  kRunNext,    // the word after the run x place
  kFirstPass,  // second pass: the types the first pass gave the word around it, both sides
};

const uint64_t kBeyond[4] = {Fnv1a("<s-2>"), Fnv1a("<s-1>"), Fnv1a("</s+1>"), Fnv1a("</s+2>")};

// Per lower-case word of a document: how it is written elsewhere, and what the tagger made of it so far.
struct DocWord {
  uint16_t lower = 0;    // occurrences without capitals
  uint16_t cap_mid = 0;  // capitalised, not sentence-initial, in a sentence that is not all capitals
  uint16_t hist[5] = {}; // tagged so far: O, PER, ORG, LOC, MISC (capitalised occurrences only)
  uint16_t first[5] = {}; // the same from the first pass, over the window on both sides
};

bool HasLetter(uint16_t flags) { return !(flags & (kNoLetter | kAllDigits)); }
bool IsLowerWord(uint16_t flags) { return HasLetter(flags) && !(flags & (kInitCap | kAllCaps | kMixedCaps)); }
bool IsCapWord(uint16_t flags) { return (flags & (kInitCap | kAllCaps)) != 0; }
bool IsCapMid(uint16_t flags, int i, bool caps_sentence) { return (flags & kInitCap) && i > 0 && !caps_sentence; }

// One sentence of a prepared document.
// A maximal run of capitalised words (in a sentence not all in capitals) that a token belongs to.
struct Run {
  int32_t first = -1;  // sentence positions; -1 when the token is in no run
  int32_t last = -1;
  uint64_t phrase = 0;  // hash of the run's lower-case words
};

struct Sent {
  const WordInfo* w;
  const uint8_t* pos;
  const uint64_t* gaz;
  const Run* run;
  int n;
  bool all_caps;
  const std::unordered_map<uint64_t, DocWord>* doc;

  int Beyond(int j) const { return j < 0 ? (j == -1 ? 1 : 0) : (j == n ? 2 : 3); }
  bool In(int j) const { return j >= 0 && j < n; }
  uint64_t Lower(int j) const { return In(j) ? w[j].lower : kBeyond[Beyond(j)]; }
  uint64_t Word(int j) const { return In(j) ? w[j].word : kBeyond[Beyond(j)]; }
  uint64_t Suffix3(int j) const { return In(j) ? w[j].suffix[2] : kBeyond[Beyond(j)]; }
  uint64_t Shape(int j) const { return In(j) ? w[j].short_shape : kBeyond[Beyond(j)]; }
  uint64_t Pos(int j) const { return In(j) ? pos[j] : 200 + Beyond(j); }
};


// The history buckets of `counts` (types 0-4) as keys of template `t`.
size_t HistoryKeys(uint32_t t, const uint16_t* counts, uint64_t* keys) {
  int total = 0;
  for (int c = 0; c < 5; ++c) total += counts[c];
  size_t k = 0;
  for (int c = 0; c < 5 && total > 0; ++c) {
    if (!counts[c]) continue;
    int bucket = counts[c] == total ? 3 : 3 * counts[c] / total;  // 0-2: a third, a half, most; 3: all
    keys[k++] = FeatureKey2(t, c, bucket);
  }
  return k;
}

// `own_first`: in the second pass, the first pass's type of this token (0 O, 1 + NerType); -1 in the first.
size_t Features(const Sent& s, int i, int p1, int p2, int own_first, uint64_t* keys) {
  const WordInfo& x = s.w[i];
  const uint64_t cap = x.flags & (kInitCap | kAllCaps);
  size_t k = WordFeatures(x, keys);
  if (i == 0) {
    keys[k++] = FeatureKey(kFirstShape, x.short_shape);
    keys[k++] = FeatureKey(kFirstLower, x.lower);
  }
  if (s.all_caps) {
    keys[k++] = FeatureKey(kCapsSentence, 1);
    keys[k++] = FeatureKey(kCapsSentenceLower, x.lower);
  }
  keys[k++] = FeatureKey(kLowerM1, s.Lower(i - 1));
  keys[k++] = FeatureKey(kLowerM2, s.Lower(i - 2));
  keys[k++] = FeatureKey(kLowerP1, s.Lower(i + 1));
  keys[k++] = FeatureKey(kLowerP2, s.Lower(i + 2));
  keys[k++] = FeatureKey(kWordM1, s.Word(i - 1));
  keys[k++] = FeatureKey(kWordP1, s.Word(i + 1));
  keys[k++] = FeatureKey(kSuffixM1, s.Suffix3(i - 1));
  keys[k++] = FeatureKey(kSuffixP1, s.Suffix3(i + 1));
  keys[k++] = FeatureKey(kShapeM1, s.Shape(i - 1));
  keys[k++] = FeatureKey(kShapeP1, s.Shape(i + 1));
  keys[k++] = FeatureKey(kShapeM2, s.Shape(i - 2));
  keys[k++] = FeatureKey(kShapeP2, s.Shape(i + 2));
  keys[k++] = FeatureKey2(kShapeM1Cur, s.Shape(i - 1), x.short_shape);
  keys[k++] = FeatureKey2(kShapeCurP1, x.short_shape, s.Shape(i + 1));
  keys[k++] = FeatureKey2(kBigramM1, s.Lower(i - 1), x.lower);
  keys[k++] = FeatureKey2(kBigramP1, x.lower, s.Lower(i + 1));
  keys[k++] = FeatureKey(kPos, s.Pos(i));
  keys[k++] = FeatureKey(kPosM1, s.Pos(i - 1));
  keys[k++] = FeatureKey(kPosM2, s.Pos(i - 2));
  keys[k++] = FeatureKey(kPosP1, s.Pos(i + 1));
  keys[k++] = FeatureKey(kPosP2, s.Pos(i + 2));
  keys[k++] = FeatureKey2(kPosM1Cur, s.Pos(i - 1), s.Pos(i));
  keys[k++] = FeatureKey2(kPosCurP1, s.Pos(i), s.Pos(i + 1));
  keys[k++] = FeatureKey2(kPosShape, s.Pos(i), x.short_shape);
  for (uint64_t m = s.gaz[i]; m; m &= m - 1) {
    const int b = __builtin_ctzll(m);
    keys[k++] = FeatureKey(kGaz, b);
    keys[k++] = FeatureKey2(kGazCap, b, cap);
  }
  if (i > 0) {
    for (uint64_t m = s.gaz[i - 1]; m; m &= m - 1) keys[k++] = FeatureKey(kGazM1, __builtin_ctzll(m));
    for (uint32_t m = s.w[i - 1].flags; m; m &= m - 1) keys[k++] = FeatureKey(kFlagM1, __builtin_ctz(m));
  }
  if (i + 1 < s.n) {
    for (uint64_t m = s.gaz[i + 1]; m; m &= m - 1) keys[k++] = FeatureKey(kGazP1, __builtin_ctzll(m));
    for (uint32_t m = s.w[i + 1].flags; m; m &= m - 1) keys[k++] = FeatureKey(kFlagP1, __builtin_ctz(m));
  }
  if (const Run& r = s.run[i]; r.first >= 0) {
    const int place = r.first == r.last ? 3 : i == r.first ? 0 : i == r.last ? 2 : 1;
    keys[k++] = FeatureKey2(kRunPos, place, std::min(r.last - r.first + 1, 4));
    keys[k++] = FeatureKey2(kRunHead, s.w[r.last].lower, place);
    keys[k++] = FeatureKey2(kRunFirst, s.w[r.first].lower, place);
    for (uint64_t m = s.gaz[r.last]; m; m &= m - 1) keys[k++] = FeatureKey2(kRunHeadGaz, __builtin_ctzll(m), place);
    for (uint64_t m = s.gaz[r.first]; m; m &= m - 1) keys[k++] = FeatureKey2(kRunFirstGaz, __builtin_ctzll(m), place);
    keys[k++] = FeatureKey2(kRunPhrase, r.phrase, place);
    keys[k++] = FeatureKey2(kRunPrev, s.Lower(r.first - 1), place);
    keys[k++] = FeatureKey2(kRunNext, s.Lower(r.last + 1), place);
  }
  if (HasLetter(x.flags)) {
    auto it = s.doc->find(x.lower);
    if (it != s.doc->end()) {
      const DocWord& d = it->second;
      int lower_elsewhere = d.lower - (IsLowerWord(x.flags) ? 1 : 0);
      int cap_elsewhere = d.cap_mid - (IsCapMid(x.flags, i, s.all_caps) ? 1 : 0);
      uint64_t here = cap | (i == 0 ? 0x100 : 0) | (s.all_caps ? 0x200 : 0);
      keys[k++] = FeatureKey2(kDocCase, (lower_elsewhere > 0) | (cap_elsewhere > 0) << 1, here);
      if (IsCapWord(x.flags)) {
        k += HistoryKeys(kHistory, d.hist, keys + k);
        if (own_first >= 0) {
          uint16_t others[5];
          for (int t = 0; t < 5; ++t) others[t] = d.first[t] - (t == own_first ? 1 : 0);
          k += HistoryKeys(kFirstPass, others, keys + k);
        }
      }
    }
  }
  keys[k++] = FeatureKey(kPrev1, p1);
  keys[k++] = FeatureKey(kPrev2, p2);
  keys[k++] = FeatureKey2(kPrev12, p1, p2);
  keys[k++] = FeatureKey2(kPrev1Lower, p1, x.lower);
  keys[k++] = FeatureKey2(kPrev1Shape, p1, x.short_shape);
  keys[k++] = FeatureKey2(kPrev1Pos, p1, s.Pos(i));
  keys[k++] = FeatureKey2(kPrev1Gaz, p1, s.gaz[i]);
  return k;
}

// Which model tags may follow `prev`: inside a mention (after B or I) only I or L of its type; elsewhere
// O, B or U; B and I not on the last token.
void Allowed(int prev, bool last, bool* allowed) {
  const bool open = prev != kStartTag && prev != 0 && ModelPart(prev) <= 1;
  allowed[0] = !open;
  for (int m = 1; m < kModelTags; ++m) {
    int part = ModelPart(m);
    if (open) {
      allowed[m] = ModelType(m) == ModelType(prev) && (part == 2 || (part == 1 && !last));
    } else {
      allowed[m] = part == 3 || (part == 0 && !last);
    }
  }
}

// A document prepared for tagging: every token analysed, gazetteer marks, the case statistics.
struct Scratch {
  std::string buf;
  std::vector<WordInfo> info;   // all tokens of the document
  std::vector<uint64_t> gaz;
  std::vector<Run> run;
  std::vector<uint8_t> pos;
  std::vector<uint32_t> begin;  // first token of each sentence, then the end
  std::vector<uint8_t> caps;    // per sentence: all capitals
  std::unordered_map<uint64_t, DocWord> doc;  // over the window around the current sentence
  std::vector<uint8_t> decided;               // model tags so far
  std::vector<uint8_t> first;                 // the first pass's model tags

  size_t sentences() const { return caps.size(); }
  Sent View(size_t si) const {
    uint32_t b = begin[si];
    return Sent{info.data() + b, pos.data() + b, gaz.data() + b, run.data() + b, static_cast<int>(begin[si + 1] - b),
                caps[si] != 0, &doc};
  }
};

// words(si) and pos(si) give sentence si's words and POS tags.
template <typename WordsOf, typename PosOf>
void Prepare(size_t num_sentences, const WordsOf& words, const PosOf& pos, const NerGazetteer& gazetteer,
             Scratch* s) {
  s->info.clear();
  s->pos.clear();
  s->begin.clear();
  s->caps.clear();
  s->doc.clear();
  for (size_t si = 0; si < num_sentences; ++si) {
    const auto& ws = words(si);
    const auto& ps = pos(si);
    const uint32_t b = static_cast<uint32_t>(s->info.size());
    s->begin.push_back(b);
    s->info.resize(b + ws.size());
    int caps = 0, lettered = 0;
    for (size_t i = 0; i < ws.size(); ++i) {
      WordInfo& w = s->info[b + i];
      AnalyzeWord(ws[i], &s->buf, &w);
      s->pos.push_back(i < ps.size() ? ps[i] : 0);
      if (HasLetter(w.flags) && w.chars >= 2) {
        ++lettered;
        caps += (w.flags & kAllCaps) != 0;
      }
    }
    s->caps.push_back(lettered > 0 && caps == lettered);
  }
  s->begin.push_back(static_cast<uint32_t>(s->info.size()));
  s->gaz.resize(s->info.size());
  s->run.assign(s->info.size(), Run());
  for (size_t si = 0; si < num_sentences; ++si) {
    const uint32_t b = s->begin[si];
    const int n = static_cast<int>(s->begin[si + 1] - b);
    gazetteer.Match(s->info.data() + b, n, s->gaz.data() + b);
    if (s->caps[si]) continue;
    for (int i = 0; i < n;) {
      auto in_run = [&](int j) { return HasLetter(s->info[b + j].flags) && IsCapWord(s->info[b + j].flags); };
      if (!in_run(i)) {
        ++i;
        continue;
      }
      int j = i + 1;
      while (j < n && in_run(j)) ++j;
      uint64_t phrase = kPhraseSeed;
      for (int k = i; k < j; ++k) phrase = PhraseStep(phrase, s->info[b + k].lower);
      for (int k = i; k < j; ++k) s->run[b + k] = Run{i, j - 1, phrase};
      i = j;
    }
  }
}

// Document features look at most this many sentences away (before and after for the case statistics,
// before for the tagging history): a news article, and the same features whether a long text is given whole
// or in pieces.
constexpr size_t kDocWindow = 25;

// Adds (delta 1) or removes (-1) sentence si to the case statistics of the window.
void CountCase(Scratch* s, size_t si, int delta) {
  const Sent sent = s->View(si);
  for (int i = 0; i < sent.n; ++i) {
    const uint16_t f = sent.w[i].flags;
    if (IsLowerWord(f)) {
      s->doc[sent.w[i].lower].lower += delta;
    } else if (IsCapMid(f, i, sent.all_caps)) {
      s->doc[sent.w[i].lower].cap_mid += delta;
    }
  }
}

// The first pass's types (`first`, model tags of every token) of sentence si into the window's counts.
void CountFirst(Scratch* s, const std::vector<uint8_t>& first, size_t si, int delta) {
  const Sent sent = s->View(si);
  for (int i = 0; i < sent.n; ++i)
    if (IsCapWord(sent.w[i].flags))
      s->doc[sent.w[i].lower].first[1 + ModelType(first[s->begin[si] + i])] += delta;
}

void CountHistory(Scratch* s, size_t si, int delta) {
  const Sent sent = s->View(si);
  for (int i = 0; i < sent.n; ++i)
    if (IsCapWord(sent.w[i].flags))
      s->doc[sent.w[i].lower].hist[1 + ModelType(s->decided[s->begin[si] + i])] += delta;
}

// Tags the prepared document greedily: decide(keys, n, flat token index, scores, allowed) returns the tag.
// Each decision is recorded in the document history before the next token.
// With `first` (the model tags of a first pass over the same document), a second pass that also sees what
// the first pass made of the word in the sentences around, after as well as before.
template <typename Decide>
void Decode(const WeightTable& weights, Scratch* s, const std::vector<uint8_t>* first, const Decide& decide) {
  uint64_t keys[kMaxKeys];
  float scores[kModelTags];
  bool allowed[kModelTags];
  s->doc.clear();
  s->decided.assign(s->info.size(), 0);
  size_t lo = 0, hi = 0;  // the case statistics cover sentences [lo, hi), the history [lo, current]
  for (size_t si = 0; si < s->sentences(); ++si) {
    for (; hi < std::min(s->sentences(), si + kDocWindow + 1); ++hi) {
      CountCase(s, hi, 1);
      if (first) CountFirst(s, *first, hi, 1);
    }
    for (; lo + kDocWindow < si; ++lo) {
      CountCase(s, lo, -1);
      CountHistory(s, lo, -1);
      if (first) CountFirst(s, *first, lo, -1);
    }
    Sent sent = s->View(si);
    int p1 = kStartTag, p2 = kStartTag;
    for (int i = 0; i < sent.n; ++i) {
      const int own_first = first ? 1 + ModelType((*first)[s->begin[si] + i]) : -1;
      size_t n = Features(sent, i, p1, p2, own_first, keys);
      std::fill(std::begin(scores), std::end(scores), 0.0f);
      weights.AddScores(keys, n, scores);
      Allowed(p1, i + 1 == sent.n, allowed);
      int tag = decide(keys, n, s->begin[si] + i, scores, allowed);
      s->decided[s->begin[si] + i] = static_cast<uint8_t>(tag);
      if (IsCapWord(sent.w[i].flags)) ++s->doc[sent.w[i].lower].hist[1 + ModelType(tag)];
      p2 = p1;
      p1 = tag;
    }
  }
}

// Tags the prepared document in two passes (Decode without, then with the first pass's tags); `decide` as
// in Decode, called in the second pass only.
template <typename Decide>
void DecodeTwoPass(const WeightTable& weights, Scratch* s, const Decide& decide) {
  Decode(weights, s, nullptr, [](const uint64_t*, size_t, uint32_t, const float* scores, const bool* allowed) {
    return BestClass(scores, kModelTags, allowed);
  });
  s->first.swap(s->decided);
  Decode(weights, s, &s->first, decide);
}

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

std::vector<std::string> ClassNames() {
  return std::vector<std::string>(std::begin(kModelTagNames), std::end(kModelTagNames));
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------

Result<std::unique_ptr<NerGazetteer>> NerGazetteer::Load(const std::string& lexicon_dir) {
  auto g = std::make_unique<NerGazetteer>();
  const std::string dir = lexicon_dir + "/";
  struct ListFile {
    const char* name;
    Category category;
  };
  for (const ListFile& f : {ListFile{"first_names.txt", kFirstName}, ListFile{"titles.txt", kTitle},
                            ListFile{"org_words.txt", kOrgWord}, ListFile{"not_names.txt", kNotName}}) {
    std::vector<std::pair<std::string, std::string>> rows;
    AG_RETURN_IF_ERROR(ReadLexicon(dir + f.name, false, &rows));
    for (const auto& r : rows) g->Add(r.first, f.category);
  }
  std::vector<std::pair<std::string, std::string>> rows;
  AG_RETURN_IF_ERROR(ReadLexicon(dir + "nationalities.tsv", true, &rows));
  for (const auto& [demonym, country] : rows) {
    g->Add(demonym, kNationality);
    g->Add(demonym + "s", kNationality);  // "Syrians"
  }
  rows.clear();
  AG_RETURN_IF_ERROR(ReadLexicon(dir + "countries.tsv", true, &rows));
  for (const auto& [variant, canonical] : rows) {
    bool org = canonical == "European Union" || canonical == "United Nations" || canonical == "NATO";
    g->Add(variant, org ? kKnownOrg : kCountry);
    g->Add(canonical, org ? kKnownOrg : kCountry);
  }
  rows.clear();
  AG_RETURN_IF_ERROR(ReadLexicon(dir + "places.tsv", true, &rows));
  for (const auto& [name, type] : rows) g->Add(name, type == "LOC" ? kRegion : kPlace);
  rows.clear();
  AG_RETURN_IF_ERROR(ReadLexicon(dir + "loc_words.txt", false, &rows));
  for (const auto& r : rows) g->Add(r.first, kLocWord);
  rows.clear();
  AG_RETURN_IF_ERROR(ReadLexicon(dir + "organisations.tsv", true, &rows));
  for (const auto& [name, canonical] : rows) {
    g->Add(name, kKnownOrg);
    g->Add(canonical, kKnownOrg);
  }
  rows.clear();
  AG_RETURN_IF_ERROR(ReadLexicon(dir + "capitals.tsv", true, &rows));
  for (const auto& [capital, country] : rows) g->Add(capital, kCapital);
  rows.clear();
  AG_RETURN_IF_ERROR(ReadLexicon(dir + "wordnet_names.tsv", true, &rows));
  for (const auto& [name, type] : rows)
    g->Add(name, type == "PER" ? kWordNetPer : type == "ORG" ? kWordNetOrg : kWordNetLoc);
  g->AddIcuNames();
  return g;
}

void NerGazetteer::AddIcuNames() {
  auto utf8 = [](const icu::UnicodeString& u) {
    std::string s;
    u.toUTF8String(s);
    return s;
  };
  const icu::Locale& en = icu::Locale::getEnglish();
  // Countries, as src/extract/lexicon.cc reads them for the rule-based pass.
  for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
    icu::UnicodeString display;
    std::string name = utf8(icu::Locale("", *code).getDisplayCountry(en, display));
    if (name.empty() || name == *code) continue;
    size_t paren = name.find(" (");
    if (paren != std::string::npos && name.back() == ')') {  // "Myanmar (Burma)"
      Add(name.substr(paren + 2, name.size() - paren - 3), kCountry);
      name = name.substr(0, paren);
    }
    size_t dash = name.find(" - ");  // "Congo - Kinshasa"
    if (dash != std::string::npos) Add(name.substr(0, dash), kCountry);
    if (EndsWith(name, " SAR China")) Add(name.substr(0, name.size() - 10), kCountry);  // "Hong Kong"
    Add(name, kCountry);
  }
  // Continents and world regions ("Europe", "Western Asia", "Latin America").
  for (URegionType type : {URGN_CONTINENT, URGN_SUBCONTINENT, URGN_GROUPING}) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> codes(icu::Region::getAvailable(type, status));
    if (U_FAILURE(status) || !codes) continue;
    const char* code;
    int32_t len;
    while ((code = codes->next(&len, status)) != nullptr && U_SUCCESS(status)) {
      icu::UnicodeString display;
      std::string name = utf8(icu::Locale("", code).getDisplayCountry(en, display));
      if (name.empty() || name == code || name == "European Union" || name == "United Nations" || name == "Eurozone")
        continue;
      Add(name, kRegion);
    }
  }
  // Exemplar cities of the time zones ("London", "Buenos Aires", "Ho Chi Minh City").
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> tz_names(icu::TimeZoneNames::createInstance(en, status));
  std::unique_ptr<icu::StringEnumeration> zones(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_SUCCESS(status) && tz_names && zones) {
    const icu::UnicodeString* id;
    while ((id = zones->snext(status)) != nullptr && U_SUCCESS(status)) {
      icu::UnicodeString city;
      tz_names->getExemplarLocationName(*id, city);
      std::string name = utf8(city);
      if (!name.empty()) Add(name, kCity);
    }
  }
}

void NerGazetteer::Add(std::string_view phrase, Category category) {
  for (const auto& tokens : EntryTokenizations(phrase)) AddTokens(tokens, category);
}

void NerGazetteer::AddTokens(const std::vector<std::string>& tokens, Category category) {
  std::string lower;
  uint64_t h = kPhraseSeed;
  for (size_t i = 0; i < tokens.size(); ++i) {
    NormalizedLower(tokens[i], &lower);
    h = PhraseStep(h, Fnv1a(lower));
    uint32_t& v = phrases_[h];
    if (i + 1 < tokens.size()) {
      v |= kPrefixBit;
    } else {
      if (!(v & (1u << category))) ++entries_;
      v |= 1u << category;
    }
  }
  max_tokens_ = std::max(max_tokens_, static_cast<int>(tokens.size()));
}

void NerGazetteer::Match(const WordInfo* words, int n, uint64_t* marks) const {
  std::fill(marks, marks + n, uint64_t{0});
  for (int i = 0; i < n; ++i) {
    uint64_t h = kPhraseSeed;
    for (int len = 1; len <= max_tokens_ && i + len <= n; ++len) {
      h = PhraseStep(h, words[i + len - 1].lower);
      auto it = phrases_.find(h);
      if (it == phrases_.end()) break;
      uint32_t cats = it->second & ~kPrefixBit;
      for (int c = 0; cats >> c; ++c) {
        if (!((cats >> c) & 1)) continue;
        marks[i] |= uint64_t{1} << (3 * c);
        for (int j = i + 1; j < i + len; ++j) marks[j] |= uint64_t{1} << (3 * c + 1);
        marks[i + len - 1] |= uint64_t{1} << (3 * c + 2);
      }
      if (!(it->second & kPrefixBit)) break;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------

Result<std::unique_ptr<NerTagger>> NerTagger::Load(const std::string& model_path, const std::string& lexicon_dir) {
  AG_ASSIGN_OR_RETURN(std::unique_ptr<NerGazetteer> gazetteer, NerGazetteer::Load(lexicon_dir));
  return Load(model_path, std::shared_ptr<const NerGazetteer>(std::move(gazetteer)));
}

Result<std::unique_ptr<NerTagger>> NerTagger::Load(const std::string& model_path,
                                                   std::shared_ptr<const NerGazetteer> gazetteer) {
  AG_ASSIGN_OR_RETURN(PerceptronModel model, PerceptronModel::Load(model_path, "ner", kFeatureVersion));
  if (model.classes() != ClassNames())
    return Status::Corruption(model_path + ": the model's tags are not the BIO tag set this program uses");
  return std::unique_ptr<NerTagger>(new NerTagger(std::move(model), std::move(gazetteer)));
}

void NerTagger::Tag(const std::vector<std::string_view>& words, const std::vector<uint8_t>& pos,
                    std::vector<uint8_t>* bio) const {
  bio->assign(words.size(), kO);
  if (pos.size() != words.size()) return;
  Scratch& scratch = ThreadScratch();
  Prepare(1, [&](size_t) -> const auto& { return words; }, [&](size_t) -> const auto& { return pos; }, *gazetteer_,
          &scratch);
  DecodeTwoPass(model_.weights(), &scratch,
                [&](const uint64_t*, size_t, uint32_t t, const float* scores, const bool* allowed) {
                  int best = BestClass(scores, kModelTags, allowed);
                  (*bio)[t] = ModelToBio(best);
                  return best;
                });
}

void NerTagger::TagDocument(const std::vector<std::vector<std::string_view>>& sentences,
                            const std::vector<std::vector<uint8_t>>& pos,
                            std::vector<std::vector<uint8_t>>* bio) const {
  bio->resize(sentences.size());
  bool ok = pos.size() == sentences.size();
  for (size_t si = 0; si < sentences.size(); ++si) {
    (*bio)[si].assign(sentences[si].size(), kO);
    ok = ok && pos[si].size() == sentences[si].size();
  }
  if (!ok) return;
  Scratch& scratch = ThreadScratch();
  Prepare(sentences.size(), [&](size_t si) -> const auto& { return sentences[si]; },
          [&](size_t si) -> const auto& { return pos[si]; }, *gazetteer_, &scratch);
  size_t si = 0;
  DecodeTwoPass(model_.weights(), &scratch,
                [&](const uint64_t*, size_t, uint32_t t, const float* scores, const bool* allowed) {
                  while (t >= scratch.begin[si + 1]) ++si;
                  int best = BestClass(scores, kModelTags, allowed);
                  (*bio)[si][t - scratch.begin[si]] = ModelToBio(best);
                  return best;
                });
}

const char* NerTagger::TagName(uint8_t tag) { return tag < kNumTags ? kTagNames[tag] : "?"; }

int NerTagger::TagFromName(std::string_view name) {
  for (int t = 0; t < kNumTags; ++t)
    if (name == kTagNames[t]) return t;
  return -1;
}

const char* NerTagger::TypeName(NerType type) {
  return static_cast<size_t>(type) < 4 ? kTypeNames[static_cast<size_t>(type)] : "?";
}

void NerTagger::Spans(const std::vector<uint8_t>& bio, std::vector<NerSpan>* spans) {
  spans->clear();
  int start = -1;
  int type = -1;
  for (int i = 0; i <= static_cast<int>(bio.size()); ++i) {
    int t = i < static_cast<int>(bio.size()) && bio[i] < kNumTags ? static_cast<int>(bio[i]) : static_cast<int>(kO);
    int ty = t == kO ? -1 : (t - 1) / 2;
    bool begin = t != kO && (t % 2 == 1 || ty != type);
    if (start >= 0 && (t == kO || begin)) {
      spans->push_back(NerSpan{start, i, static_cast<NerType>(type)});
      start = -1;
      type = -1;
    }
    if (begin) {
      start = i;
      type = ty;
    }
  }
}

std::unique_ptr<NerTagger> NerTagger::Train(const std::vector<NerDocument>& train,
                                            std::shared_ptr<const NerGazetteer> gazetteer,
                                            const TrainOptions& options, const EpochCallback& on_epoch) {
  PerceptronTrainer trainer(kModelTags);
  Scratch scratch;
  std::vector<uint8_t> gold;  // model tags
  auto prepare = [&](const NerDocument& d) {
    Prepare(d.size(), [&](size_t si) -> const auto& { return d[si].words; },
            [&](size_t si) -> const auto& { return d[si].pos; }, *gazetteer, &scratch);
    gold.clear();
    for (const NerSentence& s : d) {
      gold.resize(gold.size() + s.tags.size());
      BioToModel(s.tags.data(), s.tags.size(), gold.data() + gold.size() - s.tags.size());
    }
  };
  if (options.min_count > 1) {
    // Count with the gold tags as history, as the decoder would see them when right.
    WeightTable empty(kModelTags);
    for (const NerDocument& d : train) {
      prepare(d);
      auto count = [&](const uint64_t* keys, size_t n, uint32_t t, const float*, const bool*) {
        trainer.Count(keys, n);
        return static_cast<int>(gold[t]);
      };
      // The second pass's features are the first's plus the first pass's types (here gold, as above).
      Decode(empty, &scratch, &gold, count);
    }
    trainer.Freeze(options.min_count);
  }
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(options.seed);
  auto averaged = [&] {
    return std::unique_ptr<NerTagger>(new NerTagger(
        PerceptronModel("ner", kFeatureVersion, ClassNames(), trainer.Averaged(options.min_abs_weight)), gazetteer));
  };
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t correct = 0, total = 0;
    for (size_t di : order) {
      prepare(train[di]);
      // Both passes learn: the first with the history so far, the second with the first pass's tags.
      Decode(trainer.weights(), &scratch, nullptr,
             [&](const uint64_t* keys, size_t n, uint32_t t, const float* scores, const bool* allowed) {
               int guess = BestClass(scores, kModelTags, allowed);
               trainer.Update(keys, n, gold[t], guess);
               return guess;
             });
      scratch.first.swap(scratch.decided);
      Decode(trainer.weights(), &scratch, &scratch.first,
             [&](const uint64_t* keys, size_t n, uint32_t t, const float* scores, const bool* allowed) {
               int guess = BestClass(scores, kModelTags, allowed);
               trainer.Update(keys, n, gold[t], guess);
               correct += guess == gold[t];
               ++total;
               return guess;
             });
    }
    if (on_epoch) on_epoch(epoch, total ? static_cast<double>(correct) / total : 0.0, *averaged());
  }
  return averaged();
}

}  // namespace ag::extract
