// Tests for the actor pass's contract with the relation pass (extract/mentions.h): the argument list it
// leaves, on sentences the team wrote. Runs the rules without the statistical taggers.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "extract/analysis.h"
#include "extract/lexicon.h"
#include "extract/mentions.h"
#include "text/segment.h"

namespace ag::extract {
namespace {

// Arguments come in text order and, among those that start at the same token ("US" and "US-led
// coalition"), shorter first, whatever else the document holds: the relation pass reads them in this
// order. Documents of growing length, so that the sort does not only take its insertion-sort path.
TEST(MentionsTest, ArgumentsAreOrderedByStartThenEnd) {
  auto lex = Lexicon::Load(std::string(AG_SOURCE_DIR) + "/data", "");
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const std::string pair =
      "Kurdish fighters and Shia militiamen, assisted by US-led coalition air strikes, launched the offensive. ";
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += i % 2 == 0 ? "Ministers from Spain, Italy, Greece and Malta met Ana Kowalski in Lisbon. " : pair;
    DocAnalysis a;
    a.text = text;
    text::Segmentation seg = text::Segment(text);
    a.sentences = seg.sentences;
    BuildTokens(seg, &a);
    FindActors(*lex.value(), Taggers{}, &a);
    for (size_t k = 1; k < a.args.size(); ++k) {
      const Arg& x = a.args[k - 1];
      const Arg& y = a.args[k];
      ASSERT_TRUE(x.tb < y.tb || (x.tb == y.tb && x.te <= y.te))
          << "argument " << k << " of " << a.args.size() << " after " << i + 1 << " sentences";
    }
  }
}

}  // namespace
}  // namespace ag::extract
