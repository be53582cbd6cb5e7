// Part-of-speech tagger. See pos_tagger.h. The feature function below is the only definition of the
// features: training (Train) and tagging (Tag) both call it.
#include "extract/pos_tagger.h"

#include <algorithm>
#include <random>

namespace ag::extract {
namespace {

constexpr const char* kTagNames[PosTagger::kNumTags] = {"ADJ",  "ADP",  "ADV",  "AUX",   "CCONJ", "DET",
                                                        "INTJ", "NOUN", "NUM",  "PART",  "PRON",  "PROPN",
                                                        "PUNCT", "SCONJ", "SYM", "VERB", "X"};
constexpr int kStartTag = PosTagger::kNumTags;  // the "previous tag" before the first word
constexpr size_t kMaxKeys = 64;

// Feature templates after those of WordFeatures (perceptron.h). Append only within a feature version.
enum Template : uint32_t {
  kFirstCap = kFirstTaggerTemplate,
  kPrev1,
  kPrev2,
  kPrev12,
  kPrev1Lower,
  kPrev1Suffix,
  kLowerM1,
  kLowerM2,
  kLowerP1,
  kLowerP2,
  kSuffixM1,
  kSuffixM2,
  kSuffixP1,
  kSuffixP2,
  kShapeM1,
  kShapeP1,
  kBigramM1,
  kBigramP1,
};

// Stand-ins for the words beyond the sentence: [0] two before, [1] one before, [2] one after, [3] two after.
const uint64_t kBeyond[4] = {Fnv1a("<s-2>"), Fnv1a("<s-1>"), Fnv1a("</s+1>"), Fnv1a("</s+2>")};

struct Window {
  const WordInfo* w;
  int n;
  uint64_t Lower(int j) const { return j < 0 ? kBeyond[j == -1 ? 1 : 0] : j >= n ? kBeyond[j == n ? 2 : 3] : w[j].lower; }
  uint64_t Suffix3(int j) const {
    return j < 0 ? kBeyond[j == -1 ? 1 : 0] : j >= n ? kBeyond[j == n ? 2 : 3] : w[j].suffix[2];
  }
  uint64_t Shape(int j) const {
    return j < 0 ? kBeyond[1] : j >= n ? kBeyond[2] : w[j].short_shape;
  }
};

// The features of token i given the two previous tags; returns how many were written to keys.
size_t Features(const Window& win, int i, int p1, int p2, uint64_t* keys) {
  const WordInfo& x = win.w[i];
  size_t k = WordFeatures(x, keys);
  if (i == 0) keys[k++] = FeatureKey(kFirstCap, x.flags & (kInitCap | kAllCaps));
  keys[k++] = FeatureKey(kPrev1, p1);
  keys[k++] = FeatureKey(kPrev2, p2);
  keys[k++] = FeatureKey2(kPrev12, p1, p2);
  keys[k++] = FeatureKey2(kPrev1Lower, p1, x.lower);
  keys[k++] = FeatureKey2(kPrev1Suffix, p1, x.suffix[2]);
  keys[k++] = FeatureKey(kLowerM1, win.Lower(i - 1));
  keys[k++] = FeatureKey(kLowerM2, win.Lower(i - 2));
  keys[k++] = FeatureKey(kLowerP1, win.Lower(i + 1));
  keys[k++] = FeatureKey(kLowerP2, win.Lower(i + 2));
  keys[k++] = FeatureKey(kSuffixM1, win.Suffix3(i - 1));
  keys[k++] = FeatureKey(kSuffixM2, win.Suffix3(i - 2));
  keys[k++] = FeatureKey(kSuffixP1, win.Suffix3(i + 1));
  keys[k++] = FeatureKey(kSuffixP2, win.Suffix3(i + 2));
  keys[k++] = FeatureKey(kShapeM1, win.Shape(i - 1));
  keys[k++] = FeatureKey(kShapeP1, win.Shape(i + 1));
  keys[k++] = FeatureKey2(kBigramM1, win.Lower(i - 1), x.lower);
  keys[k++] = FeatureKey2(kBigramP1, x.lower, win.Lower(i + 1));
  return k;
}

struct Scratch {
  std::string buf;
  std::vector<WordInfo> info;
};

template <typename Words>
Window Prepare(const Words& words, Scratch* s) {
  s->info.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) AnalyzeWord(words[i], &s->buf, &s->info[i]);
  return Window{s->info.data(), static_cast<int>(words.size())};
}

std::vector<std::string> ClassNames() { return std::vector<std::string>(std::begin(kTagNames), std::end(kTagNames)); }

}  // namespace

Result<std::unique_ptr<PosTagger>> PosTagger::Load(const std::string& path) {
  AG_ASSIGN_OR_RETURN(PerceptronModel model, PerceptronModel::Load(path, "pos", kFeatureVersion));
  if (model.classes() != ClassNames())
    return Status::Corruption(path + ": the model's tags are not the UPOS tag set this program uses");
  return std::unique_ptr<PosTagger>(new PosTagger(std::move(model)));
}

void PosTagger::Tag(const std::vector<std::string_view>& words, std::vector<uint8_t>* tags) const {
  thread_local Scratch scratch;
  Window win = Prepare(words, &scratch);
  tags->resize(words.size());
  uint64_t keys[kMaxKeys];
  float scores[kNumTags];
  int p1 = kStartTag, p2 = kStartTag;
  for (int i = 0; i < win.n; ++i) {
    size_t n = Features(win, i, p1, p2, keys);
    std::fill(std::begin(scores), std::end(scores), 0.0f);
    model_.weights().AddScores(keys, n, scores);
    int best = BestClass(scores, kNumTags);
    (*tags)[i] = static_cast<uint8_t>(best);
    p2 = p1;
    p1 = best;
  }
}

const char* PosTagger::TagName(uint8_t tag) { return tag < kNumTags ? kTagNames[tag] : "?"; }

int PosTagger::TagFromName(std::string_view name) {
  for (int t = 0; t < kNumTags; ++t)
    if (name == kTagNames[t]) return t;
  return -1;
}

std::unique_ptr<PosTagger> PosTagger::Train(const std::vector<PosSentence>& train, const TrainOptions& options,
                                            const EpochCallback& on_epoch) {
  PerceptronTrainer trainer(kNumTags);
  Scratch scratch;
  uint64_t keys[kMaxKeys];
  if (options.min_count > 1) {
    for (const PosSentence& s : train) {
      Window win = Prepare(s.words, &scratch);
      int p1 = kStartTag, p2 = kStartTag;
      for (int i = 0; i < win.n; ++i) {
        trainer.Count(keys, Features(win, i, p1, p2, keys));
        p2 = p1;
        p1 = s.tags[i];
      }
    }
    trainer.Freeze(options.min_count);
  }
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(options.seed);
  float scores[kNumTags];
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t correct = 0, total = 0;
    for (size_t si : order) {
      const PosSentence& s = train[si];
      Window win = Prepare(s.words, &scratch);
      int p1 = kStartTag, p2 = kStartTag;
      for (int i = 0; i < win.n; ++i) {
        size_t n = Features(win, i, p1, p2, keys);
        std::fill(std::begin(scores), std::end(scores), 0.0f);
        trainer.weights().AddScores(keys, n, scores);
        int guess = BestClass(scores, kNumTags);
        trainer.Update(keys, n, s.tags[i], guess);
        correct += guess == s.tags[i];
        ++total;
        p2 = p1;
        p1 = guess;
      }
    }
    if (on_epoch) {
      PosTagger averaged(PerceptronModel("pos", kFeatureVersion, ClassNames(), trainer.Averaged(options.min_abs_weight)));
      on_epoch(epoch, total ? static_cast<double>(correct) / total : 0.0, averaged);
    }
  }
  return std::unique_ptr<PosTagger>(
      new PosTagger(PerceptronModel("pos", kFeatureVersion, ClassNames(), trainer.Averaged(options.min_abs_weight))));
}

}  // namespace ag::extract
