// Actor mention tagger: BIO tags over the CoNLL-2003 types (PER, ORG, LOC, MISC) for the tokens of one sentence or of a
// whole document, by a greedy left-to-right averaged perceptron (perceptron.h) run in two passes: the second also sees
// the types the first gave the same word in the sentences around it, after as well as before. The model predicts BILOU
// tags internally (begin, inside, last, unit) and never leaves a mention open; the output is well-formed BIO. Features:
// the word, its lower case, affixes, shape and capitalisation flags, whether the token starts the sentence and whether
// the sentence is all capitals (a headline), the words, shapes and POS tags (pos_tagger.h) around it, the run of
// capitalised words it belongs to (its first and last word, the whole run, the words either side of it), the two
// previous tags, gazetteer matches (the lexicons in data/lexicon/, with names of people, organisations and places from
// WordNet, and ICU's English names of countries, world regions and time-zone cities), and, in TagDocument, how the word
// is written in the 25 sentences either side, what it was tagged in the 25 sentences before and, in the second pass,
// what the first pass tagged it in the 25 sentences either side. As in the POS tagger, a possessive "'s" attached to a
// word is stripped for the features ("Syria's" is tagged as "Syria" would be); the mention then covers the whole token,
// so the caller cuts the possessive off the span.
// The model (data/models/ner-conll.model) is trained on CoNLL-2003 by tools/train_tagger. A loaded
// NerTagger and NerGazetteer are immutable; Tag() and TagDocument() are thread-safe (per-thread scratch).
#ifndef AG_EXTRACT_NER_TAGGER_H_
#define AG_EXTRACT_NER_TAGGER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actorgraph/status.h"
#include "extract/perceptron.h"

namespace ag::extract {

// Mention types, in the order of the BIO tags below.
enum class NerType : uint8_t { kPer, kOrg, kLoc, kMisc };

// BIO tags: kO, then B- and I- of each NerType: tag = 1 + 2 * type (+1 for I-).
enum Bio : uint8_t { kO = 0, kBPer, kIPer, kBOrg, kIOrg, kBLoc, kILoc, kBMisc, kIMisc };

// A mention found by the tagger: tokens [begin, end) of the sentence.
struct NerSpan {
  int begin = 0;
  int end = 0;
  NerType type = NerType::kPer;
};

// Gazetteer matches for the mention tagger: single words and phrases (matched token by token on the
// normalised lower case) with categories.
class NerGazetteer {
 public:
  enum Category : int {
    kFirstName, kTitle, kOrgWord, kNotName, kNationality, kCountry, kPlace, kRegion, kKnownOrg, kCity, kLocWord,
    kCapital, kWordNetPer, kWordNetOrg, kWordNetLoc,
    kNumCategories  // at most 21: three bits each in a uint64_t
  };

  // Reads first_names.txt, titles.txt, org_words.txt, not_names.txt, nationalities.tsv, countries.tsv,
  // places.tsv, loc_words.txt, organisations.tsv, capitals.tsv and wordnet_names.tsv under `lexicon_dir`
  // (data/lexicon) and adds English names from ICU's data: countries (ISO 3166), continents and world
  // regions, and the exemplar cities of the time zones. IOError when a file
  // cannot be read, ParseError (file:line) for a malformed TSV line.
  static Result<std::unique_ptr<NerGazetteer>> Load(const std::string& lexicon_dir);

  // Adds `phrase` (split into tokens as the segmenter would) with `category`.
  void Add(std::string_view phrase, Category category);

  // marks[i] gets, for each category c, bit 3c when a match starts at token i, bit 3c+1 when token i is
  // inside a match (not its first token) and bit 3c+2 when a match ends at token i.
  void Match(const WordInfo* words, int n, uint64_t* marks) const;

  size_t size() const { return entries_; }

 private:
  void AddTokens(const std::vector<std::string>& tokens, Category category);
  void AddIcuNames();

  // Phrase hash -> category bits; kPrefixBit marks a proper prefix of some phrase.
  static constexpr uint32_t kPrefixBit = 1u << 31;
  std::unordered_map<uint64_t, uint32_t> phrases_;
  int max_tokens_ = 0;
  size_t entries_ = 0;
};

// A training or evaluation sentence: words, their POS tags (PosTagger) and BIO tags.
struct NerSentence {
  std::vector<std::string> words;
  std::vector<uint8_t> pos;
  std::vector<uint8_t> tags;
};
// A document: its sentences in text order.
using NerDocument = std::vector<NerSentence>;

class NerTagger {
 public:
  static constexpr int kNumTags = 9;
  // Bumped whenever the features change; models of another version are refused (VersionMismatch).
  static constexpr int kFeatureVersion = 2;

  // Loads a model written by Save and the gazetteer from `lexicon_dir` (see NerGazetteer::Load). Errors:
  // IOError, Corruption or VersionMismatch naming the model path, or the gazetteer's errors.
  static Result<std::unique_ptr<NerTagger>> Load(const std::string& model_path, const std::string& lexicon_dir);
  // The same with a gazetteer already loaded (shared, not copied).
  static Result<std::unique_ptr<NerTagger>> Load(const std::string& model_path,
                                                 std::shared_ptr<const NerGazetteer> gazetteer);

  // Tags one sentence: (*bio)[i] is the Bio value of words[i]; `pos` holds the PosTagger tags of `words`
  // (same size; a size mismatch tags everything kO). The output is always well formed (no I-X after
  // anything but B-X or I-X).
  void Tag(const std::vector<std::string_view>& words, const std::vector<uint8_t>& pos,
           std::vector<uint8_t>* bio) const;

  // Tags the sentences of one document, in text order: (*bio)[s][i] for sentences[s][i]. Better than
  // sentence by sentence (the model is trained this way; CoNLL-2003 dev F1 0.91 against 0.87): how a word
  // is written nearby (a capitalised word also seen in lower case is likely an ordinary word; a headline in
  // capitals has its names written normally below) and what the word was tagged elsewhere (earlier in this
  // pass, on both sides in the first) are features. They look at most 25 sentences away, so a long text
  // may be given whole. pos[s] holds the PosTagger tags of
  // sentences[s]; size mismatches tag everything kO.
  void TagDocument(const std::vector<std::vector<std::string_view>>& sentences,
                   const std::vector<std::vector<uint8_t>>& pos, std::vector<std::vector<uint8_t>>* bio) const;

  // "B-PER" for kBPer; "?" out of range.
  static const char* TagName(uint8_t tag);
  // The tag named `name` ("B-PER", "I-LOC", "O"), or -1.
  static int TagFromName(std::string_view name);
  // "PER", "ORG", "LOC", "MISC".
  static const char* TypeName(NerType type);
  // The mentions of a BIO sequence (a stray I-X starts a mention, as in CoNLL scoring).
  static void Spans(const std::vector<uint8_t>& bio, std::vector<NerSpan>* spans);

  // Trains on the documents of `train` (greedy decoding with the current weights, both passes learning;
  // averaged at the end). After each epoch calls `on_epoch` (may be empty) with the epoch (1-based), the
  // training token accuracy (second pass) and the averaged model so far.
  using EpochCallback = std::function<void(int epoch, double train_accuracy, const NerTagger& averaged)>;
  static std::unique_ptr<NerTagger> Train(const std::vector<NerDocument>& train,
                                          std::shared_ptr<const NerGazetteer> gazetteer,
                                          const TrainOptions& options, const EpochCallback& on_epoch);

  Status Save(const std::string& path, const std::vector<std::string>& comments) const {
    return model_.Save(path, comments);
  }
  const PerceptronModel& model() const { return model_; }
  const NerGazetteer& gazetteer() const { return *gazetteer_; }

 private:
  NerTagger(PerceptronModel model, std::shared_ptr<const NerGazetteer> gazetteer)
      : model_(std::move(model)), gazetteer_(std::move(gazetteer)) {}
  PerceptronModel model_;
  std::shared_ptr<const NerGazetteer> gazetteer_;
};

}  // namespace ag::extract

#endif  // AG_EXTRACT_NER_TAGGER_H_
