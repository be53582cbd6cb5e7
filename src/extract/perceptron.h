// The averaged perceptron shared by the part-of-speech and the mention tagger: hashed features (64-bit keys
// made from a template id and the hash of a value, so no string is built per feature), a weight table with
// open addressing, the training update with lazy averaging, and the model file (save/load). Also the word
// analysis both taggers build their features from (normalised lower case, affixes, shape, flags) and the
// features of a word on its own that both begin with, so that training and inference share one
// definition. A loaded PerceptronModel is immutable and thread-safe; a PerceptronTrainer is not.
#ifndef AG_EXTRACT_PERCEPTRON_H_
#define AG_EXTRACT_PERCEPTRON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "actorgraph/status.h"

namespace ag::extract {

// ---------------------------------------------------------------------------------------------------------
// Hashing. Feature keys are never 0 (0 marks an empty slot).

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

inline uint64_t Fnv1a(std::string_view s, uint64_t h = kFnvOffset) {
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return h;
}

// A bijective 64-bit finaliser (MurmurHash3's fmix64): spreads FNV's low-entropy low bits.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

// The key of feature template `tmpl` with value hash `v`.
inline uint64_t FeatureKey(uint32_t tmpl, uint64_t v) {
  uint64_t k = Mix64(v ^ (0x9E3779B97F4A7C15ull * (static_cast<uint64_t>(tmpl) + 1)));
  return k ? k : 1;
}
// The key of a template over two values (a conjunction).
inline uint64_t FeatureKey2(uint32_t tmpl, uint64_t a, uint64_t b) {
  return FeatureKey(tmpl, Mix64(a + 0x632BE59BD9B4E019ull) ^ (b * kFnvPrime));
}

// ---------------------------------------------------------------------------------------------------------
// Word analysis.

enum WordFlag : uint16_t {
  kInitCap = 1 << 0,     // first letter upper case
  kAllCaps = 1 << 1,     // two or more letters, all upper case
  kMixedCaps = 1 << 2,   // an upper-case letter after the first character ("iPhone", "McCain")
  kHasDigit = 1 << 3,
  kAllDigits = 1 << 4,   // digits and number punctuation only
  kHasHyphen = 1 << 5,
  kHasDot = 1 << 6,
  kPossessive = 1 << 7,  // a trailing 's / ’s was stripped ("Syria's" as one token)
  kNoLetter = 1 << 8,    // punctuation or symbols only
  kHasApostrophe = 1 << 9,
  kSingleUpper = 1 << 10,  // one upper-case letter ("A", "J")
  kUpperDot = 1 << 11,     // initials and abbreviations: "J.", "U.S.", "Gen."
};

// What the taggers know about one token, as hashes of its normalised forms.
struct WordInfo {
  uint64_t word = 0;       // surface without the possessive, digits as 0
  uint64_t lower = 0;      // the same, lower case, typographic quotes and dashes as ASCII
  uint64_t prefix[4] = {};  // of `lower`, 1-4 characters (fewer when the word is shorter: same as lower)
  uint64_t suffix[4] = {};
  uint64_t shape = 0;       // X/x/d per character, runs cut at four: "Xxxx", "dddd-dd-dd", "X.X."
  uint64_t short_shape = 0; // runs collapsed: "Xx", "d-d-d", "X.X."
  uint16_t flags = 0;
  uint16_t chars = 0;       // characters in `lower` (saturating)
};

// Analyses UTF-8 `token`; `scratch` is working space (kept by the caller to avoid allocations).
void AnalyzeWord(std::string_view token, std::string* scratch, WordInfo* out);

// The normalised lower-case form AnalyzeWord hashes into WordInfo::lower (for gazetteer entries).
void NormalizedLower(std::string_view token, std::string* out);

// The templates of WordFeatures. Both taggers' model files hold features of these ids: never renumber.
// Each tagger numbers its own templates from kFirstTaggerTemplate.
enum WordTemplate : uint32_t {
  kWordBias = 1,
  kWordSurface,
  kWordLower,
  kWordPrefix,                    // + 0..3
  kWordSuffix = kWordPrefix + 4,  // + 0..3
  kWordShape = kWordSuffix + 4,
  kWordShortShape,
  kWordFlag,
  kFirstTaggerTemplate,
};
static_assert(kFirstTaggerTemplate == 15, "the taggers' own feature templates start at 15 in their models");

// Writes the features of word `x` on its own to `keys` (the bias, the word, its lower case, prefixes,
// suffixes, shapes, one per flag: at most 26); returns how many. The first features of both taggers.
inline size_t WordFeatures(const WordInfo& x, uint64_t* keys) {
  size_t k = 0;
  keys[k++] = FeatureKey(kWordBias, 0);
  keys[k++] = FeatureKey(kWordSurface, x.word);
  keys[k++] = FeatureKey(kWordLower, x.lower);
  for (uint32_t a = 0; a < 4; ++a) {
    keys[k++] = FeatureKey(kWordPrefix + a, x.prefix[a]);
    keys[k++] = FeatureKey(kWordSuffix + a, x.suffix[a]);
  }
  keys[k++] = FeatureKey(kWordShape, x.shape);
  keys[k++] = FeatureKey(kWordShortShape, x.short_shape);
  for (uint32_t m = x.flags; m; m &= m - 1) keys[k++] = FeatureKey(kWordFlag, __builtin_ctz(m));
  return k;
}

// ---------------------------------------------------------------------------------------------------------
// Weights.

// Feature key -> a row of one weight per class. Open addressing with linear probing; rows are contiguous.
class WeightTable {
 public:
  explicit WeightTable(int num_classes = 0) : nc_(num_classes) {}

  int num_classes() const { return nc_; }
  size_t size() const { return keys_.size(); }

  // Row index of `key`, or -1.
  int64_t Find(uint64_t key) const {
    if (slots_.empty()) return -1;
    for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.row;
      if (s.key == 0) return -1;
    }
  }
  // Inserts `key` with zero weights when absent; returns its row.
  uint32_t Insert(uint64_t key);
  void Reserve(size_t features);

  float* Row(uint32_t row) { return &weights_[static_cast<size_t>(row) * nc_]; }
  const float* Row(uint32_t row) const { return &weights_[static_cast<size_t>(row) * nc_]; }
  uint64_t Key(uint32_t row) const { return keys_[row]; }

  // scores[c] += sum of the weights of the known keys; scores has num_classes() entries.
  void AddScores(const uint64_t* keys, size_t n, float* scores) const;

  size_t MemoryBytes() const {
    return slots_.capacity() * sizeof(Slot) + keys_.capacity() * 8 + weights_.capacity() * sizeof(float);
  }

 private:
  struct Slot {
    uint64_t key;
    uint32_t row;
  };
  void Rehash(size_t capacity);

  int nc_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  std::vector<uint64_t> keys_;  // by row
  std::vector<float> weights_;  // rows of nc_
};

// The index of the highest score among classes allowed by `allowed` (nullptr: all); ties go to the lower
// index. -1 when nothing is allowed.
int BestClass(const float* scores, int num_classes, const bool* allowed = nullptr);

// A trained model: class names, a weight table and the header it was saved with.
class PerceptronModel {
 public:
  PerceptronModel() = default;
  PerceptronModel(std::string kind, int feature_version, std::vector<std::string> classes, WeightTable weights)
      : kind_(std::move(kind)),
        feature_version_(feature_version),
        classes_(std::move(classes)),
        weights_(std::move(weights)) {}

  // Reads a model file written by Save. Errors: IOError (cannot open or read), Corruption (not a model
  // file, truncated, bad checksum, or a different `kind`), VersionMismatch (its feature version differs
  // from `feature_version`: the code and the model disagree on what the features mean); all name `path`.
  static Result<PerceptronModel> Load(const std::string& path, std::string_view kind, int feature_version);

  // Writes the model: a text header (magic line, `comments` as "# " lines, kind, feature version,
  // classes) then the weights, quantised to 16 bits and stored sparsely, and a checksum. Atomic: writes
  // path + ".tmp" then renames. IOError naming the path on failure.
  Status Save(const std::string& path, const std::vector<std::string>& comments) const;
  // Save's bytes, for a file that holds several models (the dependency parser's), with the weights
  // quantised to `weight_bits` (2-16) bits: fewer bits make a smaller file and drop the smallest weights.
  // Parse reads them back with Load's checks; `path` only names the source in messages.
  std::string Serialize(const std::vector<std::string>& comments, int weight_bits = 16) const;
  static Result<PerceptronModel> Parse(std::string_view content, const std::string& path,
                                       std::string_view kind, int feature_version);

  const std::string& kind() const { return kind_; }
  int feature_version() const { return feature_version_; }
  const std::vector<std::string>& classes() const { return classes_; }
  const WeightTable& weights() const { return weights_; }
  const std::vector<std::string>& comments() const { return comments_; }

 private:
  std::string kind_;
  int feature_version_ = 0;
  std::vector<std::string> classes_;
  WeightTable weights_;
  std::vector<std::string> comments_;
};

// The whole file at `path` (IOError naming it when it cannot be read).
Result<std::string> ReadModelFile(const std::string& path);
// Writes `content` to path + ".tmp" and renames it to `path`. IOError naming the path on failure.
Status WriteFileAtomically(const std::string& path, std::string_view content);

// Options of the taggers' training loops (PosTagger::Train, NerTagger::Train).
struct TrainOptions {
  int epochs = 10;
  int min_count = 2;           // features seen fewer times in the training data are not learnt
  float min_abs_weight = 0.0f; // averaged weights all below this drop the feature from the model
  uint32_t seed = 1;           // shuffling of the sentences between epochs
};

// Training: the perceptron update with averaging (each weight also keeps its running sum over time, updated
// lazily when it changes) and optional pruning by feature frequency.
class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes);

  // Counting pass (optional): call for every training instance before any Update, then Freeze.
  void Count(const uint64_t* keys, size_t n);
  // Keeps the features counted at least `min_count` times; later updates ignore every other feature.
  // Returns the number kept.
  size_t Freeze(int min_count);

  // The current (not averaged) weights, for decoding during training.
  const WeightTable& weights() const { return w_; }

  // One training instance: when guess != gold, moves the weights of `keys` towards gold and away from guess.
  // Always advances the clock by one instance.
  void Update(const uint64_t* keys, size_t n, int gold, int guess);

  // The averaged weights; features whose averaged weights all have |w| < min_abs_weight are dropped.
  WeightTable Averaged(float min_abs_weight) const;

  uint64_t instances() const { return clock_; }

 private:
  void Touch(uint32_t row);

  int nc_;
  WeightTable w_;
  std::vector<double> totals_;     // parallel to the weights
  std::vector<uint64_t> stamps_;   // per row: clock at the last update of the row
  std::vector<uint32_t> counts_;   // counting pass, by row of w_
  bool frozen_ = false;
  uint64_t clock_ = 0;
};

}  // namespace ag::extract

#endif  // AG_EXTRACT_PERCEPTRON_H_
