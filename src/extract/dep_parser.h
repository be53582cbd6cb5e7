// Dependency parser: a labelled dependency tree (Universal Dependencies relations) for the tokens of one
// POS-tagged sentence, by a greedy arc-hybrid transition system (Kuhlmann et al. 2011) whose transitions
// are chosen by an averaged perceptron (perceptron.h) trained with a dynamic oracle (Goldberg and Nivre
// 2013), so that it learns to recover from its own mistakes. A second, smaller perceptron labels each arc
// when it is made. Trees are projective. The input is the sentence as ICU segments it (src/text/segment.h)
// with the tags of PosTagger: a possessive attached to its word ("Syria's") is parsed as that word (the
// model learnt "Syria's" as nmod:poss), contractions as their first part. The model
// (data/models/dep-ewt.model) is trained on UD English EWT by tools/train_parser. A loaded DepParser is
// immutable; Parse() is thread-safe (per-thread scratch space).
#ifndef AG_EXTRACT_DEP_PARSER_H_
#define AG_EXTRACT_DEP_PARSER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "actorgraph/status.h"
#include "extract/perceptron.h"

namespace ag::extract {

// Dependency relations in the order of their numeric values (also the order of the model's label
// classes). Append only. UD subtypes the parser does not tell apart are read as their base relation
// (obl:tmod -> obl, nmod:unmarked -> nmod, det:predet -> det, ...).
enum class DepRel : uint8_t {
  kRoot,
  kNsubj,
  kNsubjPass,
  kObj,
  kIobj,
  kObl,
  kOblAgent,
  kNmod,
  kNmodPoss,
  kConj,
  kCc,
  kAppos,
  kCompound,
  kCompoundPrt,
  kAmod,
  kAdvmod,
  kDet,
  kCase,
  kAux,
  kAuxPass,
  kCop,
  kMark,
  kPunct,
  kAdvcl,
  kAcl,
  kAclRelcl,
  kXcomp,
  kCcomp,
  kCsubj,
  kFlat,
  kParataxis,
  kNummod,
  kDiscourse,
  kExpl,
  kFixed,
  kList,
  kVocative,
  kGoeswith,
  kReparandum,
  kOrphan,
  kDislocated,
  kDep
};

// A dependency tree over n tokens: heads[i] is the index of the head of token i (0-based), or -1 for the
// root of the sentence (exactly one token); rels[i] is its DepRel value.
struct DepTree {
  std::vector<int> heads;
  std::vector<uint8_t> rels;
};

// A training or evaluation sentence: words, their UPOS tags (as PosTagger gives them) and the gold tree.
struct DepSentence {
  std::vector<std::string> words;
  std::vector<uint8_t> tags;
  DepTree tree;
};

// Options of DepParser::Train.
struct DepTrainOptions {
  int epochs = 15;
  int min_count = 2;            // features seen fewer times (under the static oracle) are not learnt
  float min_abs_weight = 0.0f;  // averaged weights all below this drop the feature from the model
  int explore_from_epoch = 2;   // from this epoch on the parser follows its own transitions (dynamic oracle)
  float explore_rate = 0.9f;    // ... with this probability
  uint32_t seed = 1;
};

class DepParser {
 public:
  ~DepParser();
  static constexpr int kNumRels = 42;
  // Bumped whenever the features change; models of another version are refused (VersionMismatch).
  static constexpr int kFeatureVersion = 2;

  // Loads a model written by Save. IOError when the file cannot be read, Corruption when it is not a
  // parser model or is damaged, VersionMismatch for another feature version; every message names `path`.
  static Result<std::unique_ptr<DepParser>> Load(const std::string& path);

  // Parses one sentence: `words` as ICU segments them and `tags` their Upos values from PosTagger::Tag
  // (same length; a tag out of range counts as X). Fills *tree with one head and relation per word; an
  // empty sentence gives an empty tree. Never fails; the time is linear in the sentence length.
  void Parse(const std::vector<std::string_view>& words, const std::vector<uint8_t>& tags,
             DepTree* tree) const;

  // "nsubj:pass" for DepRel::kNsubjPass; "?" out of range.
  static const char* RelName(uint8_t rel);
  // The relation named `name` as UD writes it ("obl:tmod" -> obl); -1 when neither it nor its base
  // relation is known.
  static int RelFromName(std::string_view name);

  // Trains a parser (see DepTrainOptions). The gold trees may be non-projective: they are made projective
  // first (an arc that crosses another is lifted to the head's head). After each epoch calls `on_epoch`
  // (may be empty) with the epoch (1-based), the share of transitions that were optimal and the averaged
  // parser so far.
  using EpochCallback = std::function<void(int epoch, double train_accuracy, const DepParser& averaged)>;
  static std::unique_ptr<DepParser> Train(const std::vector<DepSentence>& train,
                                          const DepTrainOptions& options, const EpochCallback& on_epoch);

  // The parser whose weights are the mean of those of `parsers` (the same features, trained on other
  // shuffles: a cheap ensemble). `parsers` must not be empty.
  static std::unique_ptr<DepParser> Average(const std::vector<const DepParser*>& parsers);

  // Writes the model with `comments` in its header and its weights quantised to `weight_bits` (2-16; see
  // PerceptronModel::Serialize; parsing uses 8-bit weights whatever the file holds). Atomic; IOError naming
  // the path on failure.
  Status Save(const std::string& path, const std::vector<std::string>& comments, int weight_bits = 8) const;

  const PerceptronModel& transitions() const { return transitions_; }
  const PerceptronModel& labels() const { return labels_; }
  const std::vector<std::string>& comments() const { return comments_; }

 private:
  struct MoveTable;  // the models packed for parsing (dep_parser.cc)
  struct LabelTable;
  DepParser(PerceptronModel transitions, PerceptronModel labels);

  PerceptronModel transitions_;
  PerceptronModel labels_;
  std::unique_ptr<const MoveTable> move_table_;
  std::unique_ptr<const LabelTable> label_table_;
  std::vector<std::string> comments_;
};

// Makes `heads` (0-based, -1 for the root) projective by lifting crossing arcs to the head's head, the
// shortest first. Returns the number of arcs lifted. For training; exposed for the tests.
int Projectivize(std::vector<int>* heads);

}  // namespace ag::extract

#endif  // AG_EXTRACT_DEP_PARSER_H_
