// The CAMEO verb dictionary: verb forms and the PETRARCH-style patterns around them (a particle, the object
// noun, a preposition and its noun, nouns before the verb), each with a CAMEO event code and its PLOVER
// category. Loaded from the shipped data/lexicon/cameo_verbs.tsv (made by tools/convert_cameo.py from the
// PETRARCH-2 CAMEO.2.0.txt) and from users' own dictionaries in PETRARCH's verb-dictionary format
// (--verbs FILE). Immutable and thread-safe after loading.
#ifndef AG_EXTRACT_CAMEO_H_
#define AG_EXTRACT_CAMEO_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actorgraph/status.h"

namespace ag::extract {

class Lexicon;
struct DocAnalysis;
struct RelationBuild;

struct CameoMatch {
  std::string code;    // CAMEO code of the active voice ("036"); "" when the match codes no event
  std::string plover;  // its PLOVER category ("CONSULT") or ""
  int words = 0;       // words the match covered: the verb, its particle and the pattern's words
  int line = 0;        // the pattern's line in its file (0: the verb's own code)
};

class CameoDictionary {
 public:
  // Reads data/lexicon/cameo_plover.tsv (CAMEO code <TAB> PLOVER category).
  Status LoadPlover(const std::string& path);
  // Reads the shipped converted dictionary (format in tools/convert_cameo.py). Errors name file:line.
  Status LoadTsv(const std::string& path);
  // Reads a dictionary in PETRARCH's verb format (synsets "&NAME" with "+word" lines, blocks
  // "--- NAME [code] ---", verb lines "VERB {FORMS} [code]", "+MULTI_WORD", patterns "- ... * ... [code]").
  // Its verb forms replace the ones already loaded. A malformed line is a ParseError "file:line: ...".
  Status LoadPetrarch(const std::string& path);

  // Codes the verb at position `verb` of a clause. `word(i)` gives the lower-case word at position i and
  // "" for punctuation; positions run over [begin, end). `lemma` is the verb's lemma by the project's
  // lexicon ("" unknown), tried when the form is not listed. Returns false when the verb is not listed.
  bool Code(const std::function<std::string_view(int)>& word, int begin, int end, int verb,
            std::string_view lemma, CameoMatch* out) const;

  bool HasVerb(std::string_view form) const { return forms_.count(std::string(form)) > 0; }
  size_t form_count() const { return forms_.size(); }
  size_t pattern_count() const;

 private:
  struct PrepPhrase {
    std::vector<std::string> preps;  // alternatives ("by", "with")
    std::string phrase;              // the noun phrase after it ("" for any)
  };
  struct Pattern {
    std::string pre;     // noun phrase before the verb
    std::string object;  // noun phrase after the verb
    std::vector<PrepPhrase> preps;
    std::string code;
    std::string plover;
    int line = 0;
    int words = 0;  // pattern words, for specificity
  };
  struct Sense {
    int block = 0;
    std::vector<std::string> pre, post;  // words of a multi-word verb around the verb ("meet" + "with")
    std::string code, plover;
  };

  int Block(const std::string& name, bool user);
  void AddForm(const std::string& form, Sense sense, bool user);
  std::string PloverOf(const std::string& code) const;
  // Whether `phrase` (words, head last, alternatives with "/", synsets "&NAME") ends the words in
  // [b, e) with its head at e-1, the other words in order before it.
  bool PhraseEnds(const std::string& phrase, const std::function<std::string_view(int)>& word, int b,
                  int e) const;
  // Length of the term (a word with its alternatives, or a synset) ending at position `last`, or 0.
  int TermEndsAt(std::string_view term, const std::function<std::string_view(int)>& word, int b, int last,
                 bool head) const;

  std::unordered_map<std::string, std::vector<std::vector<std::string>>> synsets_;  // "&NAME" -> phrases
  std::unordered_map<std::string, int> block_ids_;
  std::vector<std::vector<Pattern>> blocks_;
  std::unordered_map<std::string, std::vector<Sense>> forms_;
  std::unordered_map<std::string, bool> user_forms_;  // forms a user file redefined
  std::unordered_map<std::string, std::string> plover_;
};

// Codes each relation's verb with the lexicon's CAMEO dictionary: sets RelationBuild::cameo. The relation's
// name and PLOVER event stay the team lexicon's (data/relations.json); see docs/data-model.md for why the
// dictionary's PLOVER category does not fill a missing event.
void CodeRelations(const Lexicon& lex, const DocAnalysis& a, std::vector<RelationBuild>* out);

}  // namespace ag::extract

#endif  // AG_EXTRACT_CAMEO_H_
