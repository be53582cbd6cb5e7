// Dependency parser. See dep_parser.h. The two feature functions below (transitions, labels) are the only
// definition of the features: training (Train) and parsing (Parse) both call them.
//
// Transition system (arc-hybrid): a stack (the artificial root, token 0, at its bottom), a buffer of the
// words 1..n, and three transitions:
//   SHIFT  push the buffer's front b0 onto the stack;
//   LEFT   pop s0 and make it a dependent of b0;
//   RIGHT  pop s0 and make it a dependent of s1 (the root only once the buffer is empty: one root word).
// Dynamic oracle (Goldberg and Nivre 2013): the cost of a transition is the number of gold arcs it makes
// unreachable; training updates towards the best-scoring transition of least cost whenever the model's
// choice costs more, and from DepTrainOptions::explore_from_epoch on follows the model's own choice.
//
// Model file layout: "AGDEPPARSER 1\n", "# " comment lines, then two sections "section <name> <bytes>\n"
// each followed by that many bytes of a PerceptronModel (perceptron.cc), "transitions" then "labels".
#include "extract/dep_parser.h"

#include <sys/mman.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <random>
#include <sstream>

#include "extract/pos_tagger.h"

namespace ag::extract {
namespace {

constexpr char kMagic[] = "AGDEPPARSER 1";
constexpr int kNumTags = 17;
constexpr uint64_t kRootTag = kNumTags;    // the tag of token 0
constexpr uint64_t kNoTag = kNumTags + 1;  // no token at that position
constexpr uint64_t kNoLabel = DepParser::kNumRels;
constexpr size_t kMaxKeys = 128;

enum Move : int { kShift = 0, kLeft = 1, kRight = 2, kNumMoves = 3 };

constexpr const char* kRelNames[DepParser::kNumRels] = {
    "root",  "nsubj",     "nsubj:pass", "obj",        "iobj",      "obl",        "obl:agent",
    "nmod",  "nmod:poss", "conj",       "cc",         "appos",     "compound",   "compound:prt",
    "amod",  "advmod",    "det",        "case",       "aux",       "aux:pass",   "cop",
    "mark",  "punct",     "advcl",      "acl",        "acl:relcl", "xcomp",      "ccomp",
    "csubj", "flat",      "parataxis",  "nummod",     "discourse", "expl",       "fixed",
    "list",  "vocative",  "goeswith",   "reparandum", "orphan",    "dislocated", "dep"};

std::vector<std::string> MoveNames() { return {"SHIFT", "LEFT", "RIGHT"}; }
std::vector<std::string> RelClassNames() {
  return std::vector<std::string>(std::begin(kRelNames), std::end(kRelNames));
}

// ---- tokens ----

const uint64_t kRootWord = Fnv1a("<root>");
const uint64_t kNoWord = Fnv1a("<none>");

// What the features read of one token (index 0 is the root).
struct Tok {
  uint64_t w = 0;    // lower case, possessive marked
  uint64_t suf = 0;  // last three characters of the lower case, possessive marked
  uint64_t p = 0;    // tag
  uint64_t cap = 0;  // initial capital, all capitals, or neither
  int punct = 0;     // punctuation tokens up to and including this one
  bool possessive = false;
};

struct Scratch {
  std::string buf;
  WordInfo info;
  std::vector<Tok> toks;
};

template <typename Words>
void PrepareTokens(const Words& words, const std::vector<uint8_t>& tags, Scratch* s) {
  const size_t n = words.size();
  s->toks.resize(n + 1);
  s->toks[0] = Tok{kRootWord, kRootWord, kRootTag};
  for (size_t i = 0; i < n; ++i) {
    AnalyzeWord(words[i], &s->buf, &s->info);
    Tok& t = s->toks[i + 1];
    const bool possessive = s->info.flags & kPossessive;
    t.w = possessive ? Mix64(s->info.lower + 0x5bd1e995) : s->info.lower;
    t.suf = possessive ? Mix64(s->info.suffix[2] + 0x5bd1e995) : s->info.suffix[2];
    t.p = i < tags.size() && tags[i] < kNumTags ? tags[i] : static_cast<uint64_t>(Upos::kX);
    t.cap = s->info.flags & (kInitCap | kAllCaps);
    t.possessive = possessive;
    t.punct = s->toks[i].punct + ((s->info.flags & kNoLetter) && !(s->info.flags & kHasDigit) ? 1 : 0);
  }
}

// ---- parser state ----

struct State {
  int n = 0;
  std::vector<int> stack;
  int b = 1;              // front of the buffer; > n when it is empty
  std::vector<int> head;  // -1 while unattached
  std::vector<uint8_t> rel;
  std::vector<int> l1, l2, r1, r2;   // leftmost two and rightmost two dependents, -1 when none
  std::vector<uint64_t> lset, rset;  // bit sets of the labels of left and right dependents
  std::vector<uint8_t> vl, vr;       // numbers of left and right dependents (valency)

  void Init(int words) {
    n = words;
    stack.clear();
    stack.push_back(0);
    b = 1;
    head.assign(n + 1, -1);
    rel.assign(n + 1, 0);
    l1.assign(n + 1, -1);
    l2.assign(n + 1, -1);
    r1.assign(n + 1, -1);
    r2.assign(n + 1, -1);
    lset.assign(n + 1, 0);
    rset.assign(n + 1, 0);
    vl.assign(n + 1, 0);
    vr.assign(n + 1, 0);
  }
  bool Terminal() const { return b > n && stack.size() == 1; }
  int S(size_t k) const { return k < stack.size() ? stack[stack.size() - 1 - k] : -1; }
  int B(int k) const { return b + k <= n ? b + k : -1; }

  bool Valid(int m) const {
    switch (m) {
      case kShift:
        return b <= n;
      case kLeft:
        return b <= n && stack.size() > 1;
      case kRight:
        return stack.size() > 2 || (stack.size() == 2 && b > n);
    }
    return false;
  }
  // The (head, dependent) of an arc move.
  void Arc(int m, int* h, int* d) const {
    *d = S(0);
    *h = m == kLeft ? b : S(1);
  }
  void Apply(int m, uint8_t label) {
    if (m == kShift) {
      stack.push_back(b++);
      return;
    }
    int h, d;
    Arc(m, &h, &d);
    stack.pop_back();
    head[d] = h;
    rel[d] = label;
    if (d < h) {
      l2[h] = l1[h];
      l1[h] = d;
      lset[h] |= 1ull << label;
      ++vl[h];
    } else {
      ++vr[h];
      r2[h] = r1[h];
      r1[h] = d;
      rset[h] |= 1ull << label;
    }
  }
};

// ---- features ----

// Transition feature templates. Append only within a feature version.
enum Template : uint32_t {
  kBias = 1,
  kS0w,
  kS0p,
  kS0wp,
  kS1w,
  kS1p,
  kS1wp,
  kS2p,
  kB0w,
  kB0p,
  kB0wp,
  kB1w,
  kB1p,
  kB1wp,
  kB2w,
  kB2p,
  kS0wpB0wp,
  kS0wpB0w,
  kS0wB0wp,
  kS0wpB0p,
  kS0pB0wp,
  kS0wB0w,
  kS0pB0p,
  kB0pB1p,
  kS1wS0w,
  kS1pS0p,
  kS1wpS0p,
  kS1pS0wp,
  kB0pB1pB2p,
  kS0pB0pB1p,
  kS1pS0pB0p,
  kS0pS0l1pB0p,
  kS0pS0r1pB0p,
  kS0pB0pB0l1p,
  kS1pS0pS0r1p,
  kS1pS1r1pS0p,
  kS2pS1pS0p,
  kS1pS0pS0l1p,
  kS0wB0pB1p,
  kS0wD,
  kS0pD,
  kB0wD,
  kB0pD,
  kS0wB0wD,
  kS0pB0pD,
  kS1pS0pD1,
  kS0l1w,
  kS0l1p,
  kS0l1L,
  kS0r1w,
  kS0r1p,
  kS0r1L,
  kB0l1w,
  kB0l1p,
  kB0l1L,
  kS1r1p,
  kS1r1L,
  kS1l1L,
  kS0l2p,
  kS0l2L,
  kS0r2p,
  kS0r2L,
  kB0l2p,
  kB0l2L,
  kS0pS0l1LS0l2L,
  kS0pS0r1LS0r2L,
  kB0pB0l1LB0l2L,
  kS0pLset,
  kS0pRset,
  kB0pLset,
  kS1pRset,
  kS0sufP,
  kB0sufP,
  kB1sufP,
  kS1sufP,
  kB0pPrevP,
  kS0pNextP,
  kS0wB0sufP,
  kB0wB1w,
  kPunctS0B0,
  kCapS0B0,
  kPunctS1S0,
  // feature version 2: valency, third-order tags, more children's words (Zhang and Nivre 2011)
  kS0wVr,
  kS0pVr,
  kS0wVl,
  kS0pVl,
  kS1wVr,
  kS1pVr,
  kB0wVl,
  kB0pVl,
  kS0l2w,
  kS0r2w,
  kB0l2w,
  kS1r1w,
  kS1l1p,
  kS0pS0l1pS0l2p,
  kS0pS0r1pS0r2p,
  kB0pB0l1pB0l2p,
  kS1pS1r1pS1r2p,
  kS2wp,
};

// Feature keys of 36 bits: of the million features seen in training some eight pairs collide, and the
// model file stores a key in three bytes instead of seven (keys are delta-coded in ascending order). The
// high bits of one multiplication mix enough for keys that are looked up, not compared in order; parsing
// makes some hundred of them per word, so the full finaliser of FeatureKey would cost a tenth of the time.
[[gnu::always_inline]] inline uint64_t Key36(uint32_t tmpl, uint64_t v) {
  const uint64_t k = ((v ^ (0x9E3779B97F4A7C15ull * (tmpl + 1))) * 0xD6E8FEB86659FD93ull) >> 28;
  return k ? k : 1;
}

// Conjunctions of values: a multiply-add only; FeatureKey's finaliser mixes the result (distinct small
// tuples stay distinct; hashes collide no more than chance).
[[gnu::always_inline]] inline uint64_t Mix2(uint64_t a, uint64_t b) { return a * 0x9E3779B97F4A7C15ull + b; }
[[gnu::always_inline]] inline uint64_t Mix3(uint64_t a, uint64_t b, uint64_t c) {
  return Mix2(Mix2(a, b), c);
}

uint64_t Bucket(int d) { return d <= 4 ? d : d < 8 ? 5 : d < 15 ? 6 : 7; }

// The stack and buffer positions whose tokens have features of their own (RoleFeatures).
enum Role : int { kRoleS0, kRoleS1, kRoleS2, kRoleB0, kRoleB1, kRoleB2, kNumRoles };

void RoleTokens(const State& st, int* tok) {
  tok[kRoleS0] = st.S(0);
  tok[kRoleS1] = st.S(1);
  tok[kRoleS2] = st.S(2);
  tok[kRoleB0] = st.B(0);
  tok[kRoleB1] = st.B(1);
  tok[kRoleB2] = st.B(2);
}

// The features of token `i` (-1: none) in position `role` that depend on nothing else: the same whatever
// the rest of the state, so that parsing computes their scores once per token and role.
size_t RoleFeatures(const Tok* t, int n, int role, int i, uint64_t* keys) {
  const uint64_t w = i < 0 ? kNoWord : t[i].w, p = i < 0 ? kNoTag : t[i].p, suf = i < 0 ? kNoWord : t[i].suf;
  size_t k = 0;
  auto F = [&](uint32_t tmpl, uint64_t v) __attribute__((always_inline)) { keys[k++] = Key36(tmpl, v); };
  switch (role) {
    case kRoleS0:
      F(kS0w, w);
      F(kS0p, p);
      F(kS0wp, Mix2(w, p));
      F(kS0sufP, Mix2(suf, p));
      F(kS0pNextP, Mix2(p, i > 0 && i < n ? t[i + 1].p : kNoTag));
      break;
    case kRoleS1:
      F(kS1w, w);
      F(kS1p, p);
      F(kS1wp, Mix2(w, p));
      F(kS1sufP, Mix2(suf, p));
      break;
    case kRoleS2:
      F(kS2p, p);
      break;
    case kRoleB0:
      F(kB0w, w);
      F(kB0p, p);
      F(kB0wp, Mix2(w, p));
      F(kB0sufP, Mix2(suf, p));
      F(kB0pPrevP, Mix2(p, i > 1 ? t[i - 1].p : kNoTag));
      break;
    case kRoleB1:
      F(kB1w, w);
      F(kB1p, p);
      F(kB1wp, Mix2(w, p));
      F(kB1sufP, Mix2(suf, p));
      break;
    case kRoleB2:
      F(kB2w, w);
      F(kB2p, p);
      break;
  }
  return k;
}

// ---- dense features ----

// The value ranges of the small values some features conjoin: tags (with the root's and "none"), labels
// (with "none"), distance buckets, punctuation counts (0-3, 9 for none) and valencies (0-5, 99 for none).
constexpr uint32_t kRangeP = kNumTags + 2, kRangeL = DepParser::kNumRels + 1, kRangeD = 8, kRangePunct = 10,
                   kRangeV = 100;

// The templates over small values only. Parsing reads their weights from a dense array of every value
// combination (built when the model loads, DepParser::MoveTable) instead of the hash table: the array's
// used parts stay in the cache, and these are over half the lookups of a transition.
struct DenseSpec {
  uint32_t tmpl;
  uint32_t range[3];
};
constexpr DenseSpec kDenseSpecs[] = {
    {kBias, {1, 1, 1}},
    {kS0pB0p, {kRangeP, kRangeP, 1}},
    {kB0pB1p, {kRangeP, kRangeP, 1}},
    {kS1pS0p, {kRangeP, kRangeP, 1}},
    {kB0pB1pB2p, {kRangeP, kRangeP, kRangeP}},
    {kS0pB0pB1p, {kRangeP, kRangeP, kRangeP}},
    {kS1pS0pB0p, {kRangeP, kRangeP, kRangeP}},
    {kS0pS0l1pB0p, {kRangeP, kRangeP, kRangeP}},
    {kS0pS0r1pB0p, {kRangeP, kRangeP, kRangeP}},
    {kS0pB0pB0l1p, {kRangeP, kRangeP, kRangeP}},
    {kS1pS0pS0r1p, {kRangeP, kRangeP, kRangeP}},
    {kS1pS1r1pS0p, {kRangeP, kRangeP, kRangeP}},
    {kS2pS1pS0p, {kRangeP, kRangeP, kRangeP}},
    {kS1pS0pS0l1p, {kRangeP, kRangeP, kRangeP}},
    {kS0pD, {kRangeP, kRangeD, 1}},
    {kB0pD, {kRangeP, kRangeD, 1}},
    {kS0pB0pD, {kRangeP, kRangeP, kRangeD}},
    {kS1pS0pD1, {kRangeP, kRangeP, kRangeD}},
    {kS0l1p, {kRangeP, 1, 1}},
    {kS0l1L, {kRangeL, 1, 1}},
    {kS0r1p, {kRangeP, 1, 1}},
    {kS0r1L, {kRangeL, 1, 1}},
    {kB0l1p, {kRangeP, 1, 1}},
    {kB0l1L, {kRangeL, 1, 1}},
    {kS1r1p, {kRangeP, 1, 1}},
    {kS1r1L, {kRangeL, 1, 1}},
    {kS1l1L, {kRangeL, 1, 1}},
    {kS0l2p, {kRangeP, 1, 1}},
    {kS0l2L, {kRangeL, 1, 1}},
    {kS0r2p, {kRangeP, 1, 1}},
    {kS0r2L, {kRangeL, 1, 1}},
    {kB0l2p, {kRangeP, 1, 1}},
    {kB0l2L, {kRangeL, 1, 1}},
    {kS0pS0l1LS0l2L, {kRangeP, kRangeL, kRangeL}},
    {kS0pS0r1LS0r2L, {kRangeP, kRangeL, kRangeL}},
    {kB0pB0l1LB0l2L, {kRangeP, kRangeL, kRangeL}},
    {kPunctS0B0, {kRangeP, kRangeP, kRangePunct}},
    {kPunctS1S0, {kRangeP, kRangeP, kRangePunct}},
    {kS0pVr, {kRangeP, kRangeV, 1}},
    {kS0pVl, {kRangeP, kRangeV, 1}},
    {kS1pVr, {kRangeP, kRangeV, 1}},
    {kB0pVl, {kRangeP, kRangeV, 1}},
    {kS1l1p, {kRangeP, 1, 1}},
    {kS0pS0l1pS0l2p, {kRangeP, kRangeP, kRangeP}},
    {kS0pS0r1pS0r2p, {kRangeP, kRangeP, kRangeP}},
    {kB0pB0l1pB0l2p, {kRangeP, kRangeP, kRangeP}},
    {kS1pS1r1pS1r2p, {kRangeP, kRangeP, kRangeP}},
};
constexpr uint32_t kMaxTemplate = 128;

struct DenseLayout {
  uint32_t offset[kMaxTemplate] = {};
  uint32_t r1[kMaxTemplate] = {}, r2[kMaxTemplate] = {};
  uint32_t size = 0;
  template <size_t N>
  constexpr explicit DenseLayout(const DenseSpec (&specs)[N]) {
    for (const DenseSpec& d : specs) {
      offset[d.tmpl] = size;
      r1[d.tmpl] = d.range[1];
      r2[d.tmpl] = d.range[2];
      size += d.range[0] * d.range[1] * d.range[2];
    }
  }
};
constexpr DenseLayout kDense(kDenseSpecs);
constexpr size_t kMaxDense = std::size(kDenseSpecs);

[[gnu::always_inline]] inline uint32_t DenseIndex(const DenseLayout& l, uint32_t tmpl, uint64_t a, uint64_t b,
                                                  uint64_t c) {
  return l.offset[tmpl] + (static_cast<uint32_t>(a) * l.r1[tmpl] + static_cast<uint32_t>(b)) * l.r2[tmpl] +
         static_cast<uint32_t>(c);
}

// The key of a dense feature's values, as TransitionFeatures makes it when training.
uint64_t DenseKey(const DenseSpec& d, uint32_t a, uint32_t b, uint32_t c) {
  const int arity = d.range[2] > 1 ? 3 : d.range[1] > 1 ? 2 : 1;
  return Key36(d.tmpl, arity == 1 ? a : arity == 2 ? Mix2(a, b) : Mix3(a, b, c));
}

// The features of the state but those of RoleFeatures (which `with_roles` adds, for training); with `dense`,
// those over small values as dense indices (*num_dense of them) instead of keys.
[[gnu::always_inline]] inline size_t TransitionFeatures(const Tok* t, const State& st, uint64_t* keys,
                                                        bool with_roles, uint32_t* dense = nullptr,
                                                        size_t* num_dense = nullptr) {
  auto W = [&](int i) { return i < 0 ? kNoWord : t[i].w; };
  auto P = [&](int i) { return i < 0 ? kNoTag : t[i].p; };
  auto L = [&](int i) { return i < 0 || st.head[i] < 0 ? kNoLabel : static_cast<uint64_t>(st.rel[i]); };
  auto Child = [](const std::vector<int>& v, int i) { return i < 0 ? -1 : v[i]; };
  const int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2), b0 = st.B(0), b1 = st.B(1), b2 = st.B(2);
  const int s0l1 = Child(st.l1, s0), s0l2 = Child(st.l2, s0), s0r1 = Child(st.r1, s0),
            s0r2 = Child(st.r2, s0);
  const int b0l1 = Child(st.l1, b0), b0l2 = Child(st.l2, b0), s1r1 = Child(st.r1, s1),
            s1l1 = Child(st.l1, s1);
  const uint64_t s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1), b0w = W(b0), b0p = P(b0), b1w = W(b1),
                 b1p = P(b1), b2p = P(b2);
  const uint64_t s0wp = Mix2(s0w, s0p), s1wp = Mix2(s1w, s1p), b0wp = Mix2(b0w, b0p);
  size_t k = 0;
  auto F = [&](uint32_t tmpl, uint64_t v) __attribute__((always_inline)) { keys[k++] = Key36(tmpl, v); };
  // Features over small values (tags, labels, distances, counts): keys when training, indices into the
  // dense table when parsing; both name the same weights.
  size_t nd = 0;
  auto D1 = [&](uint32_t tmpl, uint64_t a) __attribute__((always_inline)) {
    if (dense)
      dense[nd++] = DenseIndex(kDense, tmpl, a, 0, 0);
    else
      keys[k++] = Key36(tmpl, a);
  };
  auto D2 = [&](uint32_t tmpl, uint64_t a, uint64_t b) __attribute__((always_inline)) {
    if (dense)
      dense[nd++] = DenseIndex(kDense, tmpl, a, b, 0);
    else
      keys[k++] = Key36(tmpl, Mix2(a, b));
  };
  auto D3 = [&](uint32_t tmpl, uint64_t a, uint64_t b, uint64_t c) __attribute__((always_inline)) {
    if (dense)
      dense[nd++] = DenseIndex(kDense, tmpl, a, b, c);
    else
      keys[k++] = Key36(tmpl, Mix3(a, b, c));
  };
  if (with_roles) {
    int tok[kNumRoles];
    RoleTokens(st, tok);
    for (int r = 0; r < kNumRoles; ++r) k += RoleFeatures(t, st.n, r, tok[r], keys + k);
  }
  D1(kBias, 0);
  F(kS0wpB0wp, Mix2(s0wp, b0wp));
  F(kS0wpB0w, Mix2(s0wp, b0w));
  F(kS0wB0wp, Mix2(s0w, b0wp));
  F(kS0wpB0p, Mix2(s0wp, b0p));
  F(kS0pB0wp, Mix2(s0p, b0wp));
  F(kS0wB0w, Mix2(s0w, b0w));
  D2(kS0pB0p, s0p, b0p);
  D2(kB0pB1p, b0p, b1p);
  F(kS1wS0w, Mix2(s1w, s0w));
  D2(kS1pS0p, s1p, s0p);
  F(kS1wpS0p, Mix2(s1wp, s0p));
  F(kS1pS0wp, Mix2(s1p, s0wp));
  D3(kB0pB1pB2p, b0p, b1p, b2p);
  D3(kS0pB0pB1p, s0p, b0p, b1p);
  D3(kS1pS0pB0p, s1p, s0p, b0p);
  D3(kS0pS0l1pB0p, s0p, P(s0l1), b0p);
  D3(kS0pS0r1pB0p, s0p, P(s0r1), b0p);
  D3(kS0pB0pB0l1p, s0p, b0p, P(b0l1));
  D3(kS1pS0pS0r1p, s1p, s0p, P(s0r1));
  D3(kS1pS1r1pS0p, s1p, P(s1r1), s0p);
  D3(kS2pS1pS0p, P(s2), s1p, s0p);
  D3(kS1pS0pS0l1p, s1p, s0p, P(s0l1));
  F(kS0wB0pB1p, Mix3(s0w, b0p, b1p));
  const uint64_t d = s0 > 0 && b0 > 0 ? Bucket(b0 - s0) : 0;
  const uint64_t d1 = s0 > 0 && s1 > 0 ? Bucket(s0 - s1) : 0;
  F(kS0wD, Mix2(s0w, d));
  D2(kS0pD, s0p, d);
  F(kB0wD, Mix2(b0w, d));
  D2(kB0pD, b0p, d);
  F(kS0wB0wD, Mix3(s0w, b0w, d));
  D3(kS0pB0pD, s0p, b0p, d);
  D3(kS1pS0pD1, s1p, s0p, d1);
  F(kS0l1w, W(s0l1));
  D1(kS0l1p, P(s0l1));
  D1(kS0l1L, L(s0l1));
  F(kS0r1w, W(s0r1));
  D1(kS0r1p, P(s0r1));
  D1(kS0r1L, L(s0r1));
  F(kB0l1w, W(b0l1));
  D1(kB0l1p, P(b0l1));
  D1(kB0l1L, L(b0l1));
  D1(kS1r1p, P(s1r1));
  D1(kS1r1L, L(s1r1));
  D1(kS1l1L, L(s1l1));
  D1(kS0l2p, P(s0l2));
  D1(kS0l2L, L(s0l2));
  D1(kS0r2p, P(s0r2));
  D1(kS0r2L, L(s0r2));
  D1(kB0l2p, P(b0l2));
  D1(kB0l2L, L(b0l2));
  D3(kS0pS0l1LS0l2L, s0p, L(s0l1), L(s0l2));
  D3(kS0pS0r1LS0r2L, s0p, L(s0r1), L(s0r2));
  D3(kB0pB0l1LB0l2L, b0p, L(b0l1), L(b0l2));
  F(kS0pLset, Mix2(s0p, s0 < 0 ? 0 : st.lset[s0]));
  F(kS0pRset, Mix2(s0p, s0 < 0 ? 0 : st.rset[s0]));
  F(kB0pLset, Mix2(b0p, b0 < 0 ? 0 : st.lset[b0]));
  F(kS1pRset, Mix2(s1p, s1 < 0 ? 0 : st.rset[s1]));
  F(kS0wB0sufP, Mix3(s0w, b0 < 0 ? kNoWord : t[b0].suf, b0p));
  F(kB0wB1w, Mix2(b0w, b1w));
  const uint64_t pb = s0 > 0 && b0 > 0 ? std::min(t[b0 - 1].punct - t[s0].punct, 3) : 9;
  D3(kPunctS0B0, s0p, b0p, pb);
  F(kCapS0B0, Mix3(Mix2(s0 < 0 ? 9 : t[s0].cap, b0 < 0 ? 9 : t[b0].cap), s0p, b0p));
  const uint64_t p1 = s1 > 0 && s0 > 0 ? std::min(t[s0 - 1].punct - t[s1].punct, 3) : 9;
  D3(kPunctS1S0, s1p, s0p, p1);
  auto V = [](const std::vector<uint8_t>& v, int i) -> uint64_t {
    return i < 0 ? 99 : std::min<int>(v[i], 5);
  };
  const uint64_t s0vr = V(st.vr, s0), s0vl = V(st.vl, s0), s1vr = V(st.vr, s1), b0vl = V(st.vl, b0);
  F(kS0wVr, Mix2(s0w, s0vr));
  D2(kS0pVr, s0p, s0vr);
  F(kS0wVl, Mix2(s0w, s0vl));
  D2(kS0pVl, s0p, s0vl);
  F(kS1wVr, Mix2(s1w, s1vr));
  D2(kS1pVr, s1p, s1vr);
  F(kB0wVl, Mix2(b0w, b0vl));
  D2(kB0pVl, b0p, b0vl);
  const int s1r2 = Child(st.r2, s1);
  F(kS0l2w, W(s0l2));
  F(kS0r2w, W(s0r2));
  F(kB0l2w, W(b0l2));
  F(kS1r1w, W(s1r1));
  D1(kS1l1p, P(s1l1));
  D3(kS0pS0l1pS0l2p, s0p, P(s0l1), P(s0l2));
  D3(kS0pS0r1pS0r2p, s0p, P(s0r1), P(s0r2));
  D3(kB0pB0l1pB0l2p, b0p, P(b0l1), P(b0l2));
  D3(kS1pS1r1pS1r2p, s1p, P(s1r1), P(s1r2));
  F(kS2wp, Mix2(W(s2), P(s2)));
  if (num_dense) *num_dense = nd;
  return k;
}

// Label feature templates (a separate model; the ids may overlap the transition templates').
enum LabelTemplate : uint32_t {
  kLBias = 1,
  kLDw,
  kLDp,
  kLDwp,
  kLHw,
  kLHp,
  kLHwp,
  kLDpHp,
  kLDwHp,
  kLDpHw,
  kLDwHw,
  kLDirDpHp,
  kLDistDpHp,
  kLDl1w,
  kLDl1p,
  kLDl1L,
  kLDr1w,
  kLDr1p,
  kLDr1L,
  kLDpDlset,
  kLDpDrset,
  kLHl1wDp,
  kLHl1LDp,
  kLHr1LDp,
  kLHpHlsetDp,
  kLHpHrsetDp,
  kLDsufDp,
  kLHsufHp,
  kLPrevwDp,
  kLNextwDp,
  kLHpDirDsuf,
  kLDl1wDpHp,
};

// The label templates over small values (dense, as kDenseSpecs; directions 1-2, distance buckets 0-7 and 9
// for the root).
constexpr DenseSpec kLabelDenseSpecs[] = {
    {kLBias, {1, 1, 1}},
    {kLDp, {kRangeP, 1, 1}},
    {kLHp, {kRangeP, 1, 1}},
    {kLDpHp, {kRangeP, kRangeP, 1}},
    {kLDirDpHp, {3, kRangeP, kRangeP}},
    {kLDistDpHp, {10, kRangeP, kRangeP}},
    {kLDl1p, {kRangeP, 1, 1}},
    {kLDl1L, {kRangeL, 1, 1}},
    {kLDr1p, {kRangeP, 1, 1}},
    {kLDr1L, {kRangeL, 1, 1}},
    {kLHl1LDp, {kRangeL, kRangeP, 3}},
    {kLHr1LDp, {kRangeL, kRangeP, 3}},
};
constexpr DenseLayout kLabelDense(kLabelDenseSpecs);
constexpr size_t kMaxLabelDense = std::size(kLabelDenseSpecs);

[[gnu::always_inline]] inline size_t LabelFeatures(const Tok* t, const State& st, int h, int dep,
                                                   uint64_t* keys, uint32_t* dense = nullptr,
                                                   size_t* num_dense = nullptr) {
  auto W = [&](int i) { return i < 0 ? kNoWord : t[i].w; };
  auto P = [&](int i) { return i < 0 ? kNoTag : t[i].p; };
  auto L = [&](int i) { return i < 0 || st.head[i] < 0 ? kNoLabel : static_cast<uint64_t>(st.rel[i]); };
  const uint64_t dw = W(dep), dp = P(dep), hw = W(h), hp = P(h);
  const uint64_t dir = dep < h ? 1 : 2;
  const uint64_t dist = h == 0 ? 9 : Bucket(dep < h ? h - dep : dep - h);
  const int dl1 = st.l1[dep], dr1 = st.r1[dep], hl1 = st.l1[h], hr1 = st.r1[h];
  size_t k = 0;
  auto F = [&](uint32_t tmpl, uint64_t v) __attribute__((always_inline)) { keys[k++] = Key36(tmpl, v); };
  size_t nd = 0;  // as in TransitionFeatures
  auto D1 = [&](uint32_t tmpl, uint64_t a) __attribute__((always_inline)) {
    if (dense)
      dense[nd++] = DenseIndex(kLabelDense, tmpl, a, 0, 0);
    else
      keys[k++] = Key36(tmpl, a);
  };
  auto D2 = [&](uint32_t tmpl, uint64_t a, uint64_t b) __attribute__((always_inline)) {
    if (dense)
      dense[nd++] = DenseIndex(kLabelDense, tmpl, a, b, 0);
    else
      keys[k++] = Key36(tmpl, Mix2(a, b));
  };
  auto D3 = [&](uint32_t tmpl, uint64_t a, uint64_t b, uint64_t c) __attribute__((always_inline)) {
    if (dense)
      dense[nd++] = DenseIndex(kLabelDense, tmpl, a, b, c);
    else
      keys[k++] = Key36(tmpl, Mix3(a, b, c));
  };
  D1(kLBias, 0);
  F(kLDw, dw);
  D1(kLDp, dp);
  F(kLDwp, Mix2(dw, dp));
  F(kLHw, hw);
  D1(kLHp, hp);
  F(kLHwp, Mix2(hw, hp));
  D2(kLDpHp, dp, hp);
  F(kLDwHp, Mix2(dw, hp));
  F(kLDpHw, Mix2(dp, hw));
  F(kLDwHw, Mix2(dw, hw));
  D3(kLDirDpHp, dir, dp, hp);
  D3(kLDistDpHp, dist, dp, hp);
  F(kLDl1w, W(dl1));
  D1(kLDl1p, P(dl1));
  D1(kLDl1L, L(dl1));
  F(kLDr1w, W(dr1));
  D1(kLDr1p, P(dr1));
  D1(kLDr1L, L(dr1));
  F(kLDpDlset, Mix2(dp, st.lset[dep]));
  F(kLDpDrset, Mix2(dp, st.rset[dep]));
  F(kLHl1wDp, Mix3(W(hl1), dp, dir));
  D3(kLHl1LDp, L(hl1), dp, dir);
  D3(kLHr1LDp, L(hr1), dp, dir);
  F(kLHpHlsetDp, Mix3(hp, st.lset[h], Mix2(dp, dir)));
  F(kLHpHrsetDp, Mix3(hp, st.rset[h], Mix2(dp, dir)));
  F(kLDsufDp, Mix2(t[dep].suf, dp));
  F(kLHsufHp, Mix3(t[h].suf, hp, Mix2(dp, dir)));
  F(kLPrevwDp, Mix2(dep > 1 ? W(dep - 1) : kNoWord, dp));
  F(kLNextwDp, Mix2(dep < st.n ? W(dep + 1) : kNoWord, dp));
  F(kLHpDirDsuf, Mix3(hp, dir, t[dep].suf));
  F(kLDl1wDpHp, Mix3(W(dl1), dp, hp));
  if (num_dense) *num_dense = nd;
  return k;
}

// Labels allowed for an arc from `h`: the root takes only `root`, a word never.
void AllowedLabels(int h, bool* allowed) {
  for (int r = 0; r < DepParser::kNumRels; ++r)
    allowed[r] = (r == static_cast<int>(DepRel::kRoot)) == (h == 0);
}

// A word with a possessive attached ("Syria's") that the label model calls a compound or modifier of a
// later word is its possessor: the model often follows the word ("Syria" as in "the Syria talks") where
// the attached "'s" settles it.
uint8_t PossessiveLabel(const Tok* t, int h, int d, uint8_t label) {
  using R = DepRel;
  if (t[d].possessive && d < h &&
      (label == static_cast<uint8_t>(R::kCompound) || label == static_cast<uint8_t>(R::kFlat) ||
       label == static_cast<uint8_t>(R::kAmod) || label == static_cast<uint8_t>(R::kNmod)))
    return static_cast<uint8_t>(R::kNmodPoss);
  return label;
}

// ---- dynamic oracle ----

// The cost of move `m` in `st` against the gold heads `gold` (token indexing, gold[0] unused): the number
// of gold arcs it makes unreachable.
int Cost(const State& st, const std::vector<int>& gold, int m) {
  const int s0 = st.S(0), s1 = st.S(1), n = st.n, b = st.b;
  int c = 0;
  if (m == kShift) {
    for (size_t k = 0; k < st.stack.size(); ++k) {
      int s = st.stack[k];
      if (s != s0 && gold[b] == s) ++c;
      if (s != 0 && gold[s] == b) ++c;
    }
    return c;
  }
  // Both arcs pop s0: its dependents still in the buffer are lost.
  for (int i = b; i <= n; ++i) c += gold[i] == s0;
  const int g = gold[s0];
  if (m == kLeft) {
    if (g != b && (g == s1 || g > b)) ++c;
  } else {
    if (g != s1 && g >= b) ++c;
  }
  return c;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// Scoring tables. Parsing spends its time looking features up, so the tables it reads are packed for the
// cache: weights as int8 (the model file holds 8-bit weights, see DepParser::Save; a model saved with more
// bits is rounded to 8 here), keys as 32-bit checks in buckets of one cache line (the bucket's index
// gives the low bits of the key), and for the three transitions the weights inside the bucket, so that a
// feature costs one cache miss. The features over small values only (kDenseSpecs, kLabelDenseSpecs) are
// copied at load time into dense arrays indexed by those values, which parsing reads without hashing.

namespace {

float QuantScale(const WeightTable& w) {
  float max_abs = 0;
  for (uint32_t r = 0; r < w.size(); ++r)
    for (int c = 0; c < w.num_classes(); ++c) max_abs = std::max(max_abs, std::fabs(w.Row(r)[c]));
  return max_abs > 0 ? max_abs / 127.0f : 1.0f;
}

int8_t Quantize(float w, float scale) {
  return static_cast<int8_t>(std::clamp<long>(std::lround(w / scale), -127, 127));
}

// Tables of several MB are looked up at random: 2 MB pages spare most TLB misses (Linux transparent huge
// pages when enabled for madvise; elsewhere an ordinary allocation).
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: allocator rebinding
  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    const size_t align = bytes < kHuge ? 64 : kHuge;  // cache lines at least
    void* p = std::aligned_alloc(align, (bytes + align - 1) / align * align);
    if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (align == kHuge) ::madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { std::free(p); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

// Keys have 36 bits (Key36); the slot index takes the low ones, the check the high ones.
inline uint32_t Check(uint64_t key) { return static_cast<uint32_t>(key >> 4) | 1u; }

}  // namespace

struct DepParser::MoveTable {
  // Buckets of eight keys, one cache line each (eight checks, then eight rows of weights), filled in
  // order; a key lives in its home bucket or, when that was full, in the next ones. A lookup compares the
  // eight checks at once (SSE2) and picks the weights without a branch: whether a feature is known is
  // unpredictable, and mispredicted branches cost more than the memory.
  struct alignas(64) Bucket {
    uint32_t check[8];  // 0: empty
    uint32_t w[8];      // kNumMoves int8 weights, little end first
  };
  std::vector<Bucket, HugePageAllocator<Bucket>> buckets;
  uint64_t mask = 0;
  // The weights of the dense features (kDenseSpecs) by DenseIndex, packed as in a bucket.
  std::vector<uint32_t> dense;

  explicit MoveTable(const WeightTable& w) {
    const float scale = QuantScale(w);
    size_t n = 16;
    while (n * 8 < w.size() * 2) n <<= 1;  // at most half full
    buckets.assign(n, Bucket{});
    mask = n - 1;
    for (uint32_t r = 0; r < w.size(); ++r) {
      uint32_t packed = 0;
      for (int c = 0; c < kNumMoves; ++c)
        packed |= static_cast<uint32_t>(static_cast<uint8_t>(Quantize(w.Row(r)[c], scale))) << (8 * c);
      if (packed == 0) continue;
      for (uint64_t b = w.Key(r) & mask;; b = (b + 1) & mask) {
        Bucket& bucket = buckets[b];
        int j = 0;
        while (j < 8 && bucket.check[j] != 0) ++j;
        if (j < 8) {
          bucket.check[j] = Check(w.Key(r));
          bucket.w[j] = packed;
          break;
        }
      }
    }
    dense.assign(kDense.size, 0);
    for (const DenseSpec& d : kDenseSpecs)
      for (uint32_t a = 0; a < d.range[0]; ++a)
        for (uint32_t b = 0; b < d.range[1]; ++b)
          for (uint32_t c = 0; c < d.range[2]; ++c)
            dense[DenseIndex(kDense, d.tmpl, a, b, c)] = Find(DenseKey(d, a, b, c));
  }

  // The packed weights of `key`, 0 when the model does not have it.
  uint32_t Find(uint64_t key) const {
    const uint32_t check = Check(key);
    for (uint64_t bi = key & mask;; bi = (bi + 1) & mask) {
      const Bucket& bucket = buckets[bi];
      for (int j = 0; j < 8; ++j)
        if (bucket.check[j] == check) return bucket.w[j];
      if (bucket.check[7] == 0) return 0;
    }
  }

  void ScoreDense(const uint32_t* index, size_t n, int32_t* scores) const {
    int32_t a = 0, b = 0, c = 0;
    for (size_t k = 0; k < n; ++k) {
      const uint32_t word = dense[index[k]];
      a += static_cast<int8_t>(word & 0xFF);
      b += static_cast<int8_t>((word >> 8) & 0xFF);
      c += static_cast<int8_t>((word >> 16) & 0xFF);
    }
    scores[0] += a;
    scores[1] += b;
    scores[2] += c;
  }

  // Bit j set when check[j] == check.
  static uint32_t Matches(const Bucket& b, uint32_t check) {
#ifdef __SSE2__
    const __m128i c = _mm_set1_epi32(static_cast<int>(check));
    const __m128i lo = _mm_cmpeq_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(b.check)), c);
    const __m128i hi = _mm_cmpeq_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(b.check + 4)), c);
    return static_cast<uint32_t>(_mm_movemask_ps(_mm_castsi128_ps(lo)) | _mm_movemask_ps(_mm_castsi128_ps(hi))
                                                                             << 4);
#else
    uint32_t m = 0;
    for (int j = 0; j < 8; ++j) m |= static_cast<uint32_t>(b.check[j] == check) << j;
    return m;
#endif
  }

  void Prefetch(const uint64_t* keys, size_t n) const {
    for (size_t k = 0; k < n; ++k) __builtin_prefetch(&buckets[keys[k] & mask]);
  }

  void Score(const uint64_t* keys, size_t n, int32_t* scores) const {
    int32_t a = 0, b = 0, c = 0;
    for (size_t k = 0; k < n; ++k) {
      const uint32_t check = Check(keys[k]);
      for (uint64_t bi = keys[k] & mask;; bi = (bi + 1) & mask) {
        const Bucket& bucket = buckets[bi];
        const uint32_t m = Matches(bucket, check);
        const uint32_t word = bucket.w[__builtin_ctz(m | 0x80)] & (0u - (m != 0));
        a += static_cast<int8_t>(word & 0xFF);
        b += static_cast<int8_t>((word >> 8) & 0xFF);
        c += static_cast<int8_t>((word >> 16) & 0xFF);
        if (m != 0 || bucket.check[7] == 0) break;
      }
    }
    scores[0] += a;
    scores[1] += b;
    scores[2] += c;
  }
};

struct DepParser::LabelTable {
  // Buckets as MoveTable's, pointing at dense rows of int8 weights (48 bytes: the relations and padding);
  // row 0 is all zeros and stands for an unknown feature, so that every lookup adds a row, branch-free.
  static constexpr int kRow = 48;
  static_assert(kNumRels <= kRow, "a label row holds every relation");
  using Bucket = MoveTable::Bucket;
  std::vector<Bucket, HugePageAllocator<Bucket>> buckets;
  std::vector<int8_t, HugePageAllocator<int8_t>> rows;
  uint64_t mask = 0;
  std::vector<uint32_t> dense;  // the row of each dense feature (kLabelDenseSpecs) by DenseIndex

  explicit LabelTable(const WeightTable& w) {
    const float scale = QuantScale(w);
    size_t n = 16;
    while (n * 8 < w.size() * 2) n <<= 1;
    buckets.assign(n, Bucket{});
    mask = n - 1;
    rows.assign(kRow, 0);
    for (uint32_t r = 0; r < w.size(); ++r) {
      int8_t row[kRow] = {};
      bool any = false;
      for (int c = 0; c < w.num_classes() && c < kRow; ++c)
        any |= (row[c] = Quantize(w.Row(r)[c], scale)) != 0;
      if (!any) continue;
      const uint32_t index = static_cast<uint32_t>(rows.size() / kRow);
      rows.insert(rows.end(), row, row + kRow);
      for (uint64_t b = w.Key(r) & mask;; b = (b + 1) & mask) {
        Bucket& bucket = buckets[b];
        int j = 0;
        while (j < 8 && bucket.check[j] != 0) ++j;
        if (j < 8) {
          bucket.check[j] = Check(w.Key(r));
          bucket.w[j] = index;
          break;
        }
      }
    }
    dense.assign(kLabelDense.size, 0);
    for (const DenseSpec& d : kLabelDenseSpecs)
      for (uint32_t a = 0; a < d.range[0]; ++a)
        for (uint32_t b = 0; b < d.range[1]; ++b)
          for (uint32_t c = 0; c < d.range[2]; ++c) {
            const uint64_t key = DenseKey(d, a, b, c);
            const uint32_t check = Check(key);
            for (uint64_t bi = key & mask;; bi = (bi + 1) & mask) {
              const Bucket& bucket = buckets[bi];
              const uint32_t hit = MoveTable::Matches(bucket, check);
              if (hit != 0) dense[DenseIndex(kLabelDense, d.tmpl, a, b, c)] = bucket.w[__builtin_ctz(hit)];
              if (hit != 0 || bucket.check[7] == 0) break;
            }
          }
  }

  // Adds the rows of `keys` and of the dense features `dense_index` to `scores`.
  void Score(const uint64_t* keys, size_t n, const uint32_t* dense_index, size_t nd, int32_t* scores) const {
    for (size_t k = 0; k < n; ++k) __builtin_prefetch(&buckets[keys[k] & mask]);
    // Find every row first (prefetching it), then add them up: the misses overlap.
    uint32_t found[kMaxKeys + kMaxLabelDense];
    for (size_t j = 0; j < nd; ++j) found[n + j] = dense[dense_index[j]];
    for (size_t k = 0; k < n; ++k) {
      const uint32_t check = Check(keys[k]);
      for (uint64_t bi = keys[k] & mask;; bi = (bi + 1) & mask) {
        const Bucket& bucket = buckets[bi];
        const uint32_t hit = MoveTable::Matches(bucket, check);
        found[k] = bucket.w[__builtin_ctz(hit | 0x80)] & (0u - (hit != 0));
        __builtin_prefetch(&rows[static_cast<size_t>(found[k]) * kRow]);
        if (hit != 0 || bucket.check[7] == 0) break;
      }
    }
#ifdef __SSE2__
    // int16 sums: at most (kMaxKeys + kMaxLabelDense) * 127 in magnitude.
    __m128i acc[kRow / 8];
    for (__m128i& a : acc) a = _mm_setzero_si128();
    for (size_t k = 0; k < n + nd; ++k) {
      const int8_t* row = &rows[static_cast<size_t>(found[k]) * kRow];
      for (int part = 0; part < kRow / 16; ++part) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 16 * part));
        const __m128i sign = _mm_cmpgt_epi8(_mm_setzero_si128(), v);
        acc[2 * part] = _mm_add_epi16(acc[2 * part], _mm_unpacklo_epi8(v, sign));
        acc[2 * part + 1] = _mm_add_epi16(acc[2 * part + 1], _mm_unpackhi_epi8(v, sign));
      }
    }
    alignas(16) int16_t sums[kRow];
    for (int i = 0; i < kRow / 8; ++i) _mm_store_si128(reinterpret_cast<__m128i*>(sums + 8 * i), acc[i]);
    for (int c = 0; c < kNumRels; ++c) scores[c] += sums[c];
#else
    for (size_t k = 0; k < n + nd; ++k) {
      const int8_t* row = &rows[static_cast<size_t>(found[k]) * kRow];
      for (int c = 0; c < kNumRels; ++c) scores[c] += row[c];
    }
#endif
  }
};

DepParser::DepParser(PerceptronModel transitions, PerceptronModel labels)
    : transitions_(std::move(transitions)),
      labels_(std::move(labels)),
      move_table_(std::make_unique<MoveTable>(transitions_.weights())),
      label_table_(std::make_unique<LabelTable>(labels_.weights())) {}

DepParser::~DepParser() = default;

namespace {

int BestInt(const int32_t* scores, int n, const bool* allowed) {
  int best = -1;
  for (int c = 0; c < n; ++c)
    if (allowed[c] && (best < 0 || scores[c] > scores[best])) best = c;
  return best;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------

int Projectivize(std::vector<int>* heads) {
  std::vector<int>& h = *heads;
  const int n = static_cast<int>(h.size());
  auto dominates = [&](int a, int k) {  // a is an ancestor of k (or k itself)
    for (int steps = 0; k >= 0 && steps <= n; ++steps, k = h[k])
      if (k == a) return true;
    return false;
  };
  int lifted = 0;
  for (int guard = 0; guard < n * n + 1; ++guard) {
    int best = -1, best_len = 1 << 30;
    for (int d = 0; d < n; ++d) {
      int hd = h[d];
      if (hd < 0) continue;
      int lo = std::min(hd, d), hi = std::max(hd, d);
      bool proj = true;
      for (int k = lo + 1; k < hi && proj; ++k) proj = dominates(hd, k);
      if (!proj && hi - lo < best_len) {
        best = d;
        best_len = hi - lo;
      }
    }
    if (best < 0) break;
    h[best] = h[h[best]];
    ++lifted;
    if (h[best] < 0) {  // lifted to the root: keep one root word, hang it under the old root instead
      for (int r = 0; r < n; ++r)
        if (r != best && h[r] < 0) h[best] = r;
    }
  }
  return lifted;
}

const char* DepParser::RelName(uint8_t rel) { return rel < kNumRels ? kRelNames[rel] : "?"; }

int DepParser::RelFromName(std::string_view name) {
  for (int r = 0; r < kNumRels; ++r)
    if (name == kRelNames[r]) return r;
  size_t colon = name.find(':');
  if (colon != std::string_view::npos) return RelFromName(name.substr(0, colon));
  return -1;
}

Result<std::unique_ptr<DepParser>> DepParser::Load(const std::string& path) {
  AG_ASSIGN_OR_RETURN(std::string content, ReadModelFile(path));
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
    return corrupt("not an actorgraph parser model (expected the first line \"" + std::string(kMagic) +
                   "\")");
  std::vector<std::string> comments;
  std::vector<PerceptronModel> models;
  const char* kSections[2] = {"transitions", "labels"};
  const char* kKinds[2] = {"dep-transitions", "dep-labels"};
  while (models.size() < 2) {
    if (!next_line(&line)) return corrupt("truncated header");
    if (line.substr(0, 2) == "# ") {
      comments.emplace_back(line.substr(2));
      continue;
    }
    std::istringstream ls{std::string(line)};
    std::string field, name;
    size_t bytes = 0;
    if (!(ls >> field >> name >> bytes) || field != "section" || name != kSections[models.size()])
      return corrupt("expected the section \"" + std::string(kSections[models.size()]) + "\", found \"" +
                     std::string(line.substr(0, 40)) + "\"");
    if (bytes > rest.size()) return corrupt("truncated (section " + name + ")");
    AG_ASSIGN_OR_RETURN(PerceptronModel m,
                        PerceptronModel::Parse(rest.substr(0, bytes), path + " (" + name + ")",
                                               kKinds[models.size()], kFeatureVersion));
    rest.remove_prefix(bytes);
    models.push_back(std::move(m));
  }
  if (!rest.empty()) return corrupt("trailing bytes after the labels section");
  if (models[0].classes() != MoveNames()) return corrupt("the transitions are not arc-hybrid's");
  if (models[1].classes() != RelClassNames())
    return corrupt("the model's relations are not the set this program uses");
  std::unique_ptr<DepParser> p(new DepParser(std::move(models[0]), std::move(models[1])));
  p->comments_ = std::move(comments);
  return p;
}

std::unique_ptr<DepParser> DepParser::Average(const std::vector<const DepParser*>& parsers) {
  auto mean = [&](auto get) {
    const WeightTable& first = get(*parsers[0]).weights();
    WeightTable out(first.num_classes());
    const float share = 1.0f / static_cast<float>(parsers.size());
    for (const DepParser* p : parsers) {
      const WeightTable& w = get(*p).weights();
      for (uint32_t r = 0; r < w.size(); ++r) {
        float* o = out.Row(out.Insert(w.Key(r)));
        for (int c = 0; c < w.num_classes(); ++c) o[c] += share * w.Row(r)[c];
      }
    }
    return out;
  };
  const PerceptronModel& t = parsers[0]->transitions_;
  const PerceptronModel& l = parsers[0]->labels_;
  std::unique_ptr<DepParser> p(new DepParser(
      PerceptronModel("dep-transitions", kFeatureVersion, t.classes(),
                      mean([](const DepParser& d) -> const PerceptronModel& { return d.transitions_; })),
      PerceptronModel("dep-labels", kFeatureVersion, l.classes(),
                      mean([](const DepParser& d) -> const PerceptronModel& { return d.labels_; }))));
  return p;
}

Status DepParser::Save(const std::string& path, const std::vector<std::string>& comments,
                       int weight_bits) const {
  std::string out = std::string(kMagic) + "\n";
  for (const std::string& c : comments) {
    std::string line = c;
    std::replace(line.begin(), line.end(), '\n', ' ');
    out += "# " + line + "\n";
  }
  const std::string t = transitions_.Serialize({}, weight_bits), l = labels_.Serialize({}, weight_bits);
  out += "section transitions " + std::to_string(t.size()) + "\n" + t;
  out += "section labels " + std::to_string(l.size()) + "\n" + l;
  return WriteFileAtomically(path, out);
}

void DepParser::Parse(const std::vector<std::string_view>& words, const std::vector<uint8_t>& tags,
                      DepTree* tree) const {
  thread_local Scratch scratch;
  thread_local State st;
  // Scores of RoleFeatures by (token + 1) * kNumRoles + role, computed on first use.
  thread_local std::vector<std::array<int32_t, kNumMoves>> role_scores;
  thread_local std::vector<uint8_t> role_done;
  const int n = static_cast<int>(words.size());
  PrepareTokens(words, tags, &scratch);
  st.Init(n);
  role_scores.resize(static_cast<size_t>(n + 2) * kNumRoles);
  role_done.assign(static_cast<size_t>(n + 2) * kNumRoles, 0);
  uint64_t keys[kMaxKeys];
  int32_t scores[kNumMoves];
  int32_t lscores[kNumRels];
  bool allowed[kNumRels];
  while (!st.Terminal()) {
    bool valid[kNumMoves];
    int nvalid = 0;
    for (int m = 0; m < kNumMoves; ++m) nvalid += valid[m] = st.Valid(m);
    std::fill(std::begin(scores), std::end(scores), 0);
    if (nvalid > 1) {
      // Every key first (the state's, then those of tokens new in a position), so that all their cache
      // misses are under way before any is waited for.
      uint32_t dense[kMaxDense];
      size_t nd = 0;
      const size_t nk = TransitionFeatures(scratch.toks.data(), st, keys, false, dense, &nd);
      move_table_->Prefetch(keys, nk);
      int tok[kNumRoles];
      RoleTokens(st, tok);
      size_t role_begin[kNumRoles + 1];
      size_t nr = nk;
      for (int r = 0; r < kNumRoles; ++r) {
        role_begin[r] = nr;
        if (!role_done[static_cast<size_t>(tok[r] + 1) * kNumRoles + r])
          nr += RoleFeatures(scratch.toks.data(), n, r, tok[r], keys + nr);
      }
      role_begin[kNumRoles] = nr;
      move_table_->Prefetch(keys + nk, nr - nk);
      move_table_->ScoreDense(dense, nd, scores);
      move_table_->Score(keys, nk, scores);
      for (int r = 0; r < kNumRoles; ++r) {
        const size_t at = static_cast<size_t>(tok[r] + 1) * kNumRoles + r;
        std::array<int32_t, kNumMoves>& rs = role_scores[at];
        if (!role_done[at]) {
          rs.fill(0);
          move_table_->Score(keys + role_begin[r], role_begin[r + 1] - role_begin[r], rs.data());
          role_done[at] = 1;
        }
        for (int m = 0; m < kNumMoves; ++m) scores[m] += rs[m];
      }
    }
    const int m = BestInt(scores, kNumMoves, valid);
    uint8_t label = 0;
    if (m != kShift) {
      int h, d;
      st.Arc(m, &h, &d);
      if (h == 0) {
        label = static_cast<uint8_t>(DepRel::kRoot);
      } else {
        std::fill(std::begin(lscores), std::end(lscores), 0);
        uint32_t ldense[kMaxLabelDense];
        size_t nld = 0;
        const size_t nl = LabelFeatures(scratch.toks.data(), st, h, d, keys, ldense, &nld);
        label_table_->Score(keys, nl, ldense, nld, lscores);
        AllowedLabels(h, allowed);
        label = PossessiveLabel(scratch.toks.data(), h, d,
                                static_cast<uint8_t>(BestInt(lscores, kNumRels, allowed)));
      }
    }
    st.Apply(m, label);
  }
  tree->heads.resize(n);
  tree->rels.resize(n);
  for (int i = 1; i <= n; ++i) {
    tree->heads[i - 1] = st.head[i] - 1;
    tree->rels[i - 1] = st.rel[i];
  }
}

std::unique_ptr<DepParser> DepParser::Train(const std::vector<DepSentence>& train,
                                            const DepTrainOptions& options, const EpochCallback& on_epoch) {
  // Gold heads in token indexing (root 0), made projective.
  std::vector<std::vector<int>> gold(train.size());
  for (size_t si = 0; si < train.size(); ++si) {
    std::vector<int> h = train[si].tree.heads;
    Projectivize(&h);
    gold[si].resize(h.size() + 1);
    gold[si][0] = -1;
    for (size_t i = 0; i < h.size(); ++i) gold[si][i + 1] = h[i] + 1;
  }
  PerceptronTrainer moves(kNumMoves), labels(kNumRels);
  Scratch scratch;
  State st;
  uint64_t keys[kMaxKeys];
  float scores[kNumMoves];
  float lscores[kNumRels];
  bool allowed[kNumRels];

  // The best move of least cost (by the scores, ties to the lower move); its cost in *cost.
  auto oracle = [&](const std::vector<int>& g, const float* sc, const bool* valid, int* cost_out) {
    int best = -1, best_cost = 1 << 30;
    for (int m = 0; m < kNumMoves; ++m) {
      if (!valid[m]) continue;
      int c = Cost(st, g, m);
      if (best < 0 || c < best_cost || (c == best_cost && sc[m] > sc[best])) {
        best = m;
        best_cost = c;
      }
    }
    *cost_out = best_cost;
    return best;
  };

  if (options.min_count > 1) {
    float zero[kNumMoves] = {};
    for (size_t si = 0; si < train.size(); ++si) {
      const DepSentence& s = train[si];
      PrepareTokens(s.words, s.tags, &scratch);
      st.Init(static_cast<int>(s.words.size()));
      while (!st.Terminal()) {
        moves.Count(keys, TransitionFeatures(scratch.toks.data(), st, keys, true));
        bool valid[kNumMoves];
        for (int m = 0; m < kNumMoves; ++m) valid[m] = st.Valid(m);
        int c;
        int m = oracle(gold[si], zero, valid, &c);
        uint8_t label = 0;
        if (m != kShift) {
          int h, d;
          st.Arc(m, &h, &d);
          labels.Count(keys, LabelFeatures(scratch.toks.data(), st, h, d, keys));
          label = s.tree.rels[d - 1];
          if (h == 0) label = static_cast<uint8_t>(DepRel::kRoot);
        }
        st.Apply(m, label);
      }
    }
    moves.Freeze(options.min_count);
    labels.Freeze(options.min_count);
  }

  auto make = [&]() {
    return std::unique_ptr<DepParser>(
        new DepParser(PerceptronModel("dep-transitions", kFeatureVersion, MoveNames(),
                                      moves.Averaged(options.min_abs_weight)),
                      PerceptronModel("dep-labels", kFeatureVersion, RelClassNames(),
                                      labels.Averaged(options.min_abs_weight))));
  };

  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(options.seed);
  std::uniform_real_distribution<float> coin(0.0f, 1.0f);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    const bool explore = epoch >= options.explore_from_epoch;
    size_t optimal = 0, total = 0;
    for (size_t si : order) {
      const DepSentence& s = train[si];
      const std::vector<int>& g = gold[si];
      PrepareTokens(s.words, s.tags, &scratch);
      st.Init(static_cast<int>(s.words.size()));
      while (!st.Terminal()) {
        const size_t nk = TransitionFeatures(scratch.toks.data(), st, keys, true);
        std::fill(std::begin(scores), std::end(scores), 0.0f);
        moves.weights().AddScores(keys, nk, scores);
        bool valid[kNumMoves];
        for (int m = 0; m < kNumMoves; ++m) valid[m] = st.Valid(m);
        const int guess = BestClass(scores, kNumMoves, valid);
        int best_cost;
        const int best = oracle(g, scores, valid, &best_cost);
        const bool ok = Cost(st, g, guess) == best_cost;
        moves.Update(keys, nk, ok ? guess : best, guess);
        optimal += ok;
        ++total;
        const int m = ok || (explore && coin(rng) < options.explore_rate) ? guess : best;
        uint8_t label = 0;
        if (m != kShift) {
          int h, d;
          st.Arc(m, &h, &d);
          const size_t nl = LabelFeatures(scratch.toks.data(), st, h, d, keys);
          std::fill(std::begin(lscores), std::end(lscores), 0.0f);
          labels.weights().AddScores(keys, nl, lscores);
          AllowedLabels(h, allowed);
          label = static_cast<uint8_t>(BestClass(lscores, kNumRels, allowed));
          if (g[d] == h) {
            const uint8_t gl = h == 0 ? static_cast<uint8_t>(DepRel::kRoot) : s.tree.rels[d - 1];
            if (allowed[gl]) labels.Update(keys, nl, gl, label);
          }
          label = PossessiveLabel(scratch.toks.data(), h, d, label);
        }
        st.Apply(m, label);
      }
    }
    if (on_epoch) on_epoch(epoch, total ? static_cast<double>(optimal) / total : 0.0, *make());
  }
  return make();
}

}  // namespace ag::extract
