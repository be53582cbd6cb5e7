// Part-of-speech tagger: Universal POS tags (UPOS, 17 tags) for the tokens of one sentence, by a greedy
// left-to-right averaged perceptron (perceptron.h). Features: the word, its lower case, prefixes and
// suffixes of 1-4 characters, shape and capitalisation flags, the two previous tags, and the words and
// suffixes two tokens either side. Tokens are as ICU segments them (src/text/segment.h): a possessive "'s"
// attached to a word ("Syria's") is stripped for the word features and becomes a flag, and the tag is the
// one of the word ("Syria's" -> PROPN); contractions ("don't") get the tag of their first part (AUX).
// The model (data/models/pos-ewt.model) is trained on UD English EWT by tools/train_tagger.
// A loaded PosTagger is immutable; Tag() is thread-safe (per-thread scratch space).
#ifndef AG_EXTRACT_POS_TAGGER_H_
#define AG_EXTRACT_POS_TAGGER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "actorgraph/status.h"
#include "extract/perceptron.h"

namespace ag::extract {

// UPOS tags in the order of their numeric values (also the order of the model's classes).
enum class Upos : uint8_t {
  kAdj, kAdp, kAdv, kAux, kCconj, kDet, kIntj, kNoun, kNum, kPart, kPron, kPropn, kPunct, kSconj, kSym,
  kVerb, kX
};

// A training or evaluation sentence: words and their UPOS tags.
struct PosSentence {
  std::vector<std::string> words;
  std::vector<uint8_t> tags;
};

class PosTagger {
 public:
  static constexpr int kNumTags = 17;
  // Bumped whenever the features change; models of another version are refused (VersionMismatch).
  static constexpr int kFeatureVersion = 1;

  // Loads a model written by Save. IOError when the file cannot be read, Corruption when it is not a POS
  // model or is damaged, VersionMismatch for another feature version; every message names `path`.
  static Result<std::unique_ptr<PosTagger>> Load(const std::string& path);

  // Tags one sentence: (*tags)[i] is the Upos value of words[i]. `words` may be empty.
  void Tag(const std::vector<std::string_view>& words, std::vector<uint8_t>* tags) const;

  // "NOUN" for Upos::kNoun; "?" out of range.
  static const char* TagName(uint8_t tag);
  // The tag named `name` ("NOUN"), or -1.
  static int TagFromName(std::string_view name);

  // Trains a tagger on `train` (greedy decoding with the current weights, averaged weights at the end).
  // After each epoch calls `on_epoch` (may be empty) with the epoch (1-based), the training accuracy of
  // that epoch and the averaged model so far.
  using EpochCallback = std::function<void(int epoch, double train_accuracy, const PosTagger& averaged)>;
  static std::unique_ptr<PosTagger> Train(const std::vector<PosSentence>& train, const TrainOptions& options,
                                          const EpochCallback& on_epoch);

  // Writes the model with `comments` in its header (see PerceptronModel::Save).
  Status Save(const std::string& path, const std::vector<std::string>& comments) const {
    return model_.Save(path, comments);
  }
  const PerceptronModel& model() const { return model_; }

 private:
  explicit PosTagger(PerceptronModel model) : model_(std::move(model)) {}
  PerceptronModel model_;
};

}  // namespace ag::extract

#endif  // AG_EXTRACT_POS_TAGGER_H_
