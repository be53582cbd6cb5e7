// train_tagger: trains and evaluates the statistical taggers of the extract stage (src/extract/pos_tagger.h,
// src/extract/ner_tagger.h) and measures their speed. Not linked into actorgraph.
//
//   train_tagger pos      [--data DIR] [--out FILE] [--epochs N] [--min-count N] [--seed N] ...
//   train_tagger ner      [--data DIR] [--pos FILE] [--lexicon DIR] [--out FILE] [--epochs N] ...
//   train_tagger eval-pos MODEL CONLLU
//   train_tagger eval-ner MODEL CONLL [--tokens icu|conll] [--sentences alone] [--errors FILE] ...
//   train_tagger speed    [--pos FILE] [--ner FILE] [--lexicon DIR] FILE...  (text files or JSON lines)
//   train_tagger wordnet-names [--wordnet DIR] [--out FILE]   (writes data/lexicon/wordnet_names.tsv)
// (`train_tagger` alone prints every option.)
//
// The training data are read from DIR (default: ../shared/data beside the source tree): ud-english-ewt/ for
// the POS tagger, conll2003/ for the mention tagger. They are never copied into the project. Results go
// to stdout, progress to stderr; exit 0 ok, 1 failure, 2 usage.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <map>
#include <unordered_map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "extract/ner_tagger.h"
#include "extract/pos_tagger.h"
#include "text/segment.h"
#include "util/strings.h"
#include "tool_args.h"
#include "tool_common.h"

namespace ag::extract {
namespace {

using tools::Args;
using tools::Clock;
using tools::CpuSeconds;
using tools::Fixed;
using tools::kDefaultData;
using tools::kDefaultPos;
using tools::Seconds;

const std::string kDefaultNer = tools::kSourceDir + "/data/models/ner-conll.model";
const std::string kDefaultLexicon = tools::kSourceDir + "/data/lexicon";

int Fail(const Status& s) { return tools::Fail("train_tagger", s); }

int Usage() {
  const std::string text =
      "usage: train_tagger <command> [options]\n"
      "  pos      [--data DIR] [--out FILE] [--epochs N] [--min-count N] [--min-weight W] [--seed N]\n"
      "           train the POS tagger on DIR/ud-english-ewt (train), report accuracy on its dev part\n"
      "  ner      [--data DIR] [--pos FILE] [--lexicon DIR] [--out FILE] [--epochs N] [--min-count N]\n"
      "           [--min-weight W] [--seed N] [--train-doc-sentences N] [--dev-doc-sentences N]\n"
      "           train the mention tagger on DIR/conll2003/train.txt, report span F1 on dev.txt\n"
      "  eval-pos MODEL CONLLU                              UPOS accuracy\n"
      "  eval-ner MODEL CONLL [--pos FILE] [--lexicon DIR] [--tokens icu|conll] [--sentences alone] [--errors FILE]\n"
      "           span P/R/F1 per type (exact spans), document by document unless --sentences alone, over the\n"
      "           tokens ICU makes of the text (default, as the pipeline and score.py see it) or CoNLL's own;\n"
      "           --errors writes the sentences with a wrong tag (word, POS, gold, predicted)\n"
      "  speed    [--pos FILE] [--ner FILE] [--lexicon DIR] [--rounds N] FILE...\n"
      "           load times and tagging speed over text files or JSON lines (.jsonl) with a \"text\" field\n"
      "  wordnet-names [--wordnet DIR] [--out FILE]\n"
      "           the mention tagger's WordNet gazetteer: proper names of people, places and organisations\n"
      "           from WordNet 3.0 (Debian's wordnet-base, DIR default /usr/share/wordnet), written to FILE\n"
      "           (default data/lexicon/wordnet_names.tsv)\n"
      "defaults: --data " + kDefaultData + "\n          --pos " + kDefaultPos + "\n          --ner " +
      kDefaultNer + "\n          --lexicon " + kDefaultLexicon + "\n";
  std::fputs(text.c_str(), stderr);
  return 2;
}

// ---- tokens as ICU cuts them ----

// The pieces the ICU word breaker (src/text/segment.h) cuts `word` into when it stands between spaces,
// as in the text score.py builds from CoNLL tokens: "A." -> "A" "."; "'s" -> "'" "s"; "Chester-le-Street"
// -> "Chester" "-" "le" "-" "Street". Memoised: the same words come back often.
const std::vector<std::string>& IcuPieces(const std::string& word) {
  static std::unordered_map<std::string, std::vector<std::string>> memo;
  auto it = memo.find(word);
  if (it != memo.end()) return it->second;
  std::vector<std::string> pieces;
  text::Segmentation seg = text::Segment(word);
  for (const text::Token& t : seg.tokens) pieces.push_back(word.substr(t.begin, t.end - t.begin));
  if (pieces.empty()) pieces.push_back(word);
  return memo.emplace(word, std::move(pieces)).first->second;
}

// A CoNLL sentence as the pipeline sees it: every token cut as ICU cuts it; a mention keeps every piece of
// its tokens (its character span is unchanged).
NerSentence IcuForm(const NerSentence& s) {
  NerSentence out;
  for (size_t i = 0; i < s.words.size(); ++i) {
    const auto& pieces = IcuPieces(s.words[i]);
    for (size_t k = 0; k < pieces.size(); ++k) {
      out.words.push_back(pieces[k]);
      uint8_t tag = s.tags[i];
      if (k > 0 && tag != kO && tag % 2 == 1) ++tag;  // B-X -> I-X for the later pieces
      out.tags.push_back(tag);
    }
  }
  return out;
}

void ToIcuForm(std::vector<NerDocument>* docs) {
  for (NerDocument& d : *docs)
    for (NerSentence& s : d) s = IcuForm(s);
}

// The same for a treebank sentence: later pieces take the tag of the first, or PUNCT when they have no
// letter or digit ("Mr." -> "Mr"/PROPN "."/PUNCT).
PosSentence IcuForm(const PosSentence& s) {
  PosSentence out;
  for (size_t i = 0; i < s.words.size(); ++i) {
    const auto& pieces = IcuPieces(s.words[i]);
    for (size_t k = 0; k < pieces.size(); ++k) {
      out.words.push_back(pieces[k]);
      bool alnum = std::any_of(pieces[k].begin(), pieces[k].end(),
                               [](char c) { return (c & 0x80) || std::isalnum(static_cast<unsigned char>(c)); });
      out.tags.push_back(k > 0 && !alnum ? static_cast<uint8_t>(Upos::kPunct) : s.tags[i]);
    }
  }
  return out;
}

// ---- CoNLL-U (UD) ----

struct ConlluCorpus {
  std::vector<PosSentence> split;   // syntactic words, as the treebank is scored
  std::vector<PosSentence> merged;  // multiword tokens whole ("don't", "Elena's"), as ICU segments them
  size_t sentences_with_mwt = 0;
};

Status ReadConllu(const std::string& path, ConlluCorpus* out) {
  PosSentence split, merged;
  int mwt_end = 0;
  bool has_mwt = false;
  auto flush = [&] {
    if (!split.words.empty()) {
      out->split.push_back(std::move(split));
      out->merged.push_back(std::move(merged));
      if (has_mwt) ++out->sentences_with_mwt;
    }
    split = PosSentence();
    merged = PosSentence();
    mwt_end = 0;
    has_mwt = false;
  };
  auto row = [&](const std::vector<std::string>& cols, const auto& where) {
    const std::string& id = cols[0];
    size_t dash = id.find('-');
    if (dash != std::string::npos) {
      mwt_end = std::atoi(id.c_str() + dash + 1);
      merged.words.push_back(cols[1]);
      merged.tags.push_back(255);  // the tag of the first word, filled below
      has_mwt = true;
      return Status::OK();
    }
    int tag = PosTagger::TagFromName(cols[3]);
    if (tag < 0) return Status::ParseError(where() + "unknown UPOS \"" + cols[3] + "\"");
    split.words.push_back(cols[1]);
    split.tags.push_back(static_cast<uint8_t>(tag));
    int n = std::atoi(id.c_str());
    if (n <= mwt_end) {
      if (merged.tags.back() == 255) merged.tags.back() = static_cast<uint8_t>(tag);
      return Status::OK();
    }
    merged.words.push_back(cols[1]);
    merged.tags.push_back(static_cast<uint8_t>(tag));
    return Status::OK();
  };
  return tools::ReadConlluRows(path, row, flush);
}

double PosAccuracy(const PosTagger& tagger, const std::vector<PosSentence>& sents, size_t* tokens) {
  size_t correct = 0, total = 0;
  std::vector<std::string_view> words;
  std::vector<uint8_t> tags;
  for (const PosSentence& s : sents) {
    words.assign(s.words.begin(), s.words.end());
    tagger.Tag(words, &tags);
    for (size_t i = 0; i < tags.size(); ++i) correct += tags[i] == s.tags[i];
    total += tags.size();
  }
  if (tokens) *tokens = total;
  return total ? static_cast<double>(correct) / total : 0.0;
}

std::vector<std::string> PosHeader(const TrainOptions& o, double dev_acc, double dev_acc_merged,
                                   const std::string& out) {
  return {
      "made by tools/train_tagger pos (actorgraph): greedy averaged perceptron, " + std::to_string(o.epochs) +
          " epochs, features seen fewer than " + std::to_string(o.min_count) + " times pruned, seed " +
          std::to_string(o.seed),
      "data: Universal Dependencies English Web Treebank (UD_English-EWT) v2.15, train part, UPOS column; "
      "multiword tokens also learnt whole",
      tools::kEwtLicence,
      "accuracy on EWT dev: " + Fixed(dev_acc) + " (syntactic words), " + Fixed(dev_acc_merged) +
          " (multiword tokens whole)",
      "rebuild (from the source root, after cmake --build build --target train_tagger): build/tools/train_tagger "
      "pos --data ../shared/data --epochs " + std::to_string(o.epochs) +
          " --min-count " + std::to_string(o.min_count) + " --seed " + std::to_string(o.seed) + " --out data/models/" + std::filesystem::path(out).filename().string(),
  };
}

TrainOptions ReadTrainOptions(const Args& a, int epochs, int min_count, const char* min_weight = "0") {
  TrainOptions o;
  o.epochs = a.GetInt("epochs", epochs);
  o.min_count = a.GetInt("min-count", min_count);
  o.seed = static_cast<uint32_t>(a.GetInt("seed", 1));
  o.min_abs_weight = static_cast<float>(std::atof(a.Get("min-weight", min_weight).c_str()));
  return o;
}

int TrainPos(const Args& a) {
  tools::DataFiles ewt;
  if (Status s = tools::FindEwt(a, &ewt); !s.ok()) return Fail(s);
  const std::string out = a.Get("out", kDefaultPos);
  ConlluCorpus train, dev;
  if (Status s = ReadConllu(ewt.train, &train); !s.ok()) return Fail(s);
  if (Status s = ReadConllu(ewt.dev, &dev); !s.ok()) return Fail(s);
  // Every sentence as the treebank splits it, plus the sentences with multiword tokens as ICU keeps them.
  // Also the sentences that ICU would cut differently ("Mr." -> "Mr" "."), as ICU cuts them.
  std::vector<PosSentence> sents = train.split;
  for (size_t i = 0; i < train.merged.size(); ++i)
    if (train.merged[i].words.size() != train.split[i].words.size()) sents.push_back(train.merged[i]);
  size_t icu = 0;
  for (size_t i = 0; i < train.merged.size(); ++i) {
    PosSentence s = IcuForm(train.merged[i]);
    if (s.words != train.merged[i].words) {
      sents.push_back(std::move(s));
      ++icu;
    }
  }
  std::fprintf(stderr, "EWT train: %zu sentences (+%zu with multiword tokens whole, +%zu as ICU cuts them); dev: %zu\n",
               train.split.size(), sents.size() - train.split.size() - icu, icu, dev.split.size());
  TrainOptions o = ReadTrainOptions(a, 10, 2);
  auto t0 = Clock::now();
  auto tagger = PosTagger::Train(sents, o, [&](int epoch, double acc, const PosTagger& avg) {
    std::fprintf(stderr, "epoch %d: train %.4f  dev %.4f  (%.1fs)\n", epoch, acc, PosAccuracy(avg, dev.split, nullptr),
                 Seconds(t0));
  });
  size_t tokens = 0, tokens_merged = 0;
  double acc = PosAccuracy(*tagger, dev.split, &tokens);
  double acc_merged = PosAccuracy(*tagger, dev.merged, &tokens_merged);
  if (Status s = tagger->Save(out, PosHeader(o, acc, acc_merged, out)); !s.ok()) return Fail(s);
  std::printf("pos: %zu features, %.0f s; EWT dev accuracy %.4f over %zu words, %.4f over %zu tokens (multiword "
              "tokens whole); wrote %s (%ju bytes)\n",
              tagger->model().weights().size(), Seconds(t0), acc, tokens, acc_merged, tokens_merged, out.c_str(),
              static_cast<uintmax_t>(std::filesystem::file_size(out)));
  return 0;
}

int EvalPos(const Args& a) {
  if (a.positional.size() != 2) return Usage();
  double load = 0;
  auto tagger = tools::Timed(&load, [&] { return PosTagger::Load(a.positional[0]); });
  if (!tagger.ok()) return Fail(tagger.status());
  ConlluCorpus dev;
  if (Status s = ReadConllu(a.positional[1], &dev); !s.ok()) return Fail(s);
  size_t tokens = 0, tokens_merged = 0;
  auto t0 = Clock::now();
  double acc = PosAccuracy(**tagger, dev.split, &tokens);
  double secs = Seconds(t0);
  double acc_merged = PosAccuracy(**tagger, dev.merged, &tokens_merged);
  // Per-tag recall, for where the errors are.
  std::vector<size_t> gold(PosTagger::kNumTags), hit(PosTagger::kNumTags);
  std::vector<std::string_view> words;
  std::vector<uint8_t> tags;
  for (const PosSentence& s : dev.split) {
    words.assign(s.words.begin(), s.words.end());
    (*tagger)->Tag(words, &tags);
    for (size_t i = 0; i < tags.size(); ++i) {
      ++gold[s.tags[i]];
      hit[s.tags[i]] += tags[i] == s.tags[i];
    }
  }
  for (int t = 0; t < PosTagger::kNumTags; ++t)
    if (gold[t]) std::printf("%-6s recall=%.3f n=%zu\n", PosTagger::TagName(t), double(hit[t]) / gold[t], gold[t]);
  std::printf("pos accuracy=%.4f words=%zu accuracy_multiword_tokens_whole=%.4f tokens=%zu load_s=%.3f "
              "words_per_s=%.0f\n",
              acc, tokens, acc_merged, tokens_merged, load, tokens / secs);
  return 0;
}

// ---- CoNLL-2003 ----

struct ConllCorpus {
  std::vector<NerDocument> documents;
  size_t sentences() const {
    size_t n = 0;
    for (const auto& d : documents) n += d.size();
    return n;
  }
  size_t tokens() const {
    size_t n = 0;
    for (const auto& d : documents)
      for (const auto& s : d) n += s.words.size();
    return n;
  }
};

Status ReadConll(const std::string& path, ConllCorpus* out) {
  std::ifstream in(path);
  if (!in) return Status::IOError(path + ": cannot open");
  std::string line;
  int line_no = 0;
  NerSentence cur;
  auto flush = [&] {
    if (!cur.words.empty()) {
      if (out->documents.empty()) out->documents.emplace_back();
      out->documents.back().push_back(std::move(cur));
    }
    cur = NerSentence();
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view t = Trim(line);
    if (t.empty()) {
      flush();
      continue;
    }
    if (StartsWith(t, "-DOCSTART-")) {
      flush();
      out->documents.emplace_back();
      continue;
    }
    size_t sp = t.find(' '), last = t.rfind(' ');
    if (sp == std::string_view::npos)
      return Status::ParseError(path + ":" + std::to_string(line_no) + ": expected \"TOKEN ... TAG\"");
    std::string tag_name(t.substr(last + 1));
    int tag = NerTagger::TagFromName(tag_name);
    if (tag < 0) return Status::ParseError(path + ":" + std::to_string(line_no) + ": unknown tag \"" + tag_name + "\"");
    // IOB1 -> BIO2: an I-X that does not continue an X starts a mention.
    if (tag != kO && tag % 2 == 0 && (cur.tags.empty() || (cur.tags.back() != tag && cur.tags.back() != tag - 1)))
      --tag;
    cur.words.emplace_back(t.substr(0, sp));
    cur.tags.push_back(static_cast<uint8_t>(tag));
  }
  flush();
  return Status::OK();
}

// Splits documents into pieces of at most `n` sentences (0: keep them whole).
void ChunkDocuments(int n, std::vector<NerDocument>* docs) {
  if (n <= 0) return;
  std::vector<NerDocument> out;
  for (NerDocument& d : *docs) {
    for (size_t i = 0; i < d.size(); i += n) {
      auto& c = out.emplace_back();
      for (size_t j = i; j < d.size() && j < i + n; ++j) c.push_back(std::move(d[j]));
    }
  }
  *docs = std::move(out);
}

void PosTagAll(const PosTagger& pos, std::vector<NerDocument>* docs) {
  std::vector<std::string_view> words;
  for (NerDocument& d : *docs) {
    for (NerSentence& s : d) {
      words.assign(s.words.begin(), s.words.end());
      pos.Tag(words, &s.pos);
    }
  }
}

// "Syria 's" -> "Syria's" (the tag of "Syria"), as the ICU word breaker keeps a possessive on its word.
bool MergePossessives(const NerSentence& s, NerSentence* out) {
  *out = NerSentence();
  bool changed = false;
  for (size_t i = 0; i < s.words.size(); ++i) {
    if (i > 0 && (s.words[i] == "'s" || s.words[i] == "'S") && s.tags[i] == kO && !out->words.empty() &&
        s.words[i - 1] != "'" && s.words[i - 1] != "\"") {
      out->words.back() += s.words[i];
      changed = true;
      continue;
    }
    out->words.push_back(s.words[i]);
    out->tags.push_back(s.tags[i]);
  }
  return changed;
}

struct NerScore {
  size_t tp[4] = {}, pred[4] = {}, gold[4] = {};
  void Add(const std::vector<uint8_t>& gold_tags, const std::vector<uint8_t>& pred_tags) {
    std::vector<NerSpan> g, p;
    NerTagger::Spans(gold_tags, &g);
    NerTagger::Spans(pred_tags, &p);
    for (const NerSpan& x : g) ++gold[static_cast<int>(x.type)];
    for (const NerSpan& x : p) {
      ++pred[static_cast<int>(x.type)];
      for (const NerSpan& y : g)
        if (x.begin == y.begin && x.end == y.end && x.type == y.type) ++tp[static_cast<int>(x.type)];
    }
  }
  static void Prf(size_t tp, size_t pred, size_t gold, double* p, double* r, double* f) {
    *p = pred ? double(tp) / pred : 0;
    *r = gold ? double(tp) / gold : 0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
  }
  // Micro F1 over PER, ORG and LOC (as /work/shared/eval/score.py counts).
  double F1PerOrgLoc(double* p_out = nullptr, double* r_out = nullptr) const {
    double p, r, f;
    Prf(tp[0] + tp[1] + tp[2], pred[0] + pred[1] + pred[2], gold[0] + gold[1] + gold[2], &p, &r, &f);
    if (p_out) *p_out = p;
    if (r_out) *r_out = r;
    return f;
  }
  std::string Table() const {
    std::string s;
    for (int t = 0; t < 4; ++t) {
      double p, r, f;
      Prf(tp[t], pred[t], gold[t], &p, &r, &f);
      char buf[128];
      std::snprintf(buf, sizeof buf, "%-4s P=%.3f R=%.3f F1=%.3f (gold %zu, predicted %zu)\n",
                    NerTagger::TypeName(static_cast<NerType>(t)), p, r, f, gold[t], pred[t]);
      s += buf;
    }
    return s;
  }
};

// Scores document by document (TagDocument), or sentence by sentence with `sentences_alone`.
NerScore ScoreNer(const NerTagger& tagger, const std::vector<NerDocument>& docs, bool sentences_alone = false,
                  FILE* dump = nullptr) {
  NerScore score;
  std::vector<std::vector<std::string_view>> words;
  std::vector<std::vector<uint8_t>> pos, tags;
  for (const NerDocument& d : docs) {
    words.resize(d.size());
    pos.resize(d.size());
    for (size_t si = 0; si < d.size(); ++si) {
      words[si].assign(d[si].words.begin(), d[si].words.end());
      pos[si] = d[si].pos;
    }
    if (sentences_alone) {
      tags.resize(d.size());
      for (size_t si = 0; si < d.size(); ++si) tagger.Tag(words[si], pos[si], &tags[si]);
    } else {
      tagger.TagDocument(words, pos, &tags);
    }
    for (size_t si = 0; si < d.size(); ++si) {
      score.Add(d[si].tags, tags[si]);
      if (dump && tags[si] != d[si].tags) {
        for (size_t i = 0; i < tags[si].size(); ++i)
          std::fprintf(dump, "%s %s %s %s%s\n", d[si].words[i].c_str(), PosTagger::TagName(d[si].pos[i]),
                       NerTagger::TagName(d[si].tags[i]), NerTagger::TagName(tags[si][i]),
                       d[si].tags[i] != tags[si][i] ? "  <<<" : "");
        std::fputc('\n', dump);
      }
    }
  }
  return score;
}

Result<std::shared_ptr<const NerGazetteer>> LoadGazetteer(const Args& a) {
  AG_ASSIGN_OR_RETURN(std::unique_ptr<NerGazetteer> g, NerGazetteer::Load(a.Get("lexicon", kDefaultLexicon)));
  return std::shared_ptr<const NerGazetteer>(std::move(g));
}

int TrainNer(const Args& a) {
  tools::DataFiles conll;
  Status found = tools::FindDataFiles(a, "conll2003/train.txt", "conll2003/dev.txt", "CoNLL-2003", &conll);
  if (!found.ok()) return Fail(found);
  const std::string out = a.Get("out", kDefaultNer);
  auto pos = PosTagger::Load(a.Get("pos", kDefaultPos));
  if (!pos.ok()) return Fail(pos.status());
  auto gaz = LoadGazetteer(a);
  if (!gaz.ok()) return Fail(gaz.status());
  ConllCorpus train, dev;
  if (Status s = ReadConll(conll.train, &train); !s.ok()) return Fail(s);
  if (Status s = ReadConll(conll.dev, &dev); !s.ok()) return Fail(s);
  // CoNLL-2003 as distributed here has no -DOCSTART- lines: consecutive sentences of about an article's
  // length stand for documents, so that the document features see what they will see in use.
  const int train_doc_sentences = a.GetInt("train-doc-sentences", 100);
  ChunkDocuments(train_doc_sentences, &train.documents);
  ChunkDocuments(a.GetInt("dev-doc-sentences", 0), &dev.documents);
  // Training sees tokens as the pipeline will: cut by ICU, and in half the sentences with a possessive the
  // possessive attached to its word ("Syria's", as in running text; the other half keeps "Syria ' s", as
  // in the text score.py builds from CoNLL tokens).
  std::vector<NerDocument> docs = train.documents;
  std::mt19937 rng(7);
  size_t merged = 0;
  for (NerDocument& d : docs) {
    for (NerSentence& s : d) {
      NerSentence m;
      if (MergePossessives(s, &m) && rng() % 2 == 0) {
        s = std::move(m);
        ++merged;
      }
    }
  }
  auto t0 = Clock::now();
  ToIcuForm(&docs);
  std::vector<NerDocument> dev_icu = dev.documents;
  ToIcuForm(&dev_icu);
  PosTagAll(**pos, &docs);
  PosTagAll(**pos, &dev.documents);
  PosTagAll(**pos, &dev_icu);
  std::fprintf(stderr, "CoNLL-2003 train: %zu documents, %zu sentences (%zu with possessives attached), dev: %zu "
               "documents; cut as ICU cuts them and POS-tagged in %.1fs; gazetteer: %zu entries\n",
               docs.size(), train.sentences(), merged, dev.documents.size(), Seconds(t0), (*gaz)->size());
  TrainOptions o = ReadTrainOptions(a, 15, 1, "1");
  t0 = Clock::now();
  auto tagger = NerTagger::Train(docs, *gaz, o, [&](int epoch, double acc, const NerTagger& avg) {
    std::fprintf(stderr, "epoch %d: train %.4f  dev PER/ORG/LOC F1 %.4f (ICU tokens), %.4f (CoNLL tokens)  (%.1fs)\n",
                 epoch, acc, ScoreNer(avg, dev_icu).F1PerOrgLoc(), ScoreNer(avg, dev.documents).F1PerOrgLoc(),
                 Seconds(t0));
  });
  NerScore sc = ScoreNer(*tagger, dev_icu);
  double p, r;
  double f = sc.F1PerOrgLoc(&p, &r);
  double f_alone = ScoreNer(*tagger, dev_icu, true).F1PerOrgLoc();
  double f_conll = ScoreNer(*tagger, dev.documents).F1PerOrgLoc();
  std::vector<std::string> header = {
      "made by tools/train_tagger ner (actorgraph): greedy averaged perceptron over BILOU tags (read out as BIO) "
          "in two passes, " + std::to_string(o.epochs) + " epochs, features seen fewer than " +
          std::to_string(o.min_count) + " times and averaged weights all below " + Fixed(o.min_abs_weight, 1) +
          " pruned, seed " + std::to_string(o.seed) + ", training text cut into documents of " +
          std::to_string(train_doc_sentences) + " sentences",
      "data: CoNLL-2003 English NER (Reuters RCV1 newswire, 1996), train part; POS features from "
      "data/models/pos-ewt.model (retrain this model after that one); gazetteer features from data/lexicon (with "
      "names from WordNet 3.0, Princeton University) and ICU's English names of countries, world regions and "
      "time-zone cities",
      "licence: CoNLL-2003 states no licence; its text is Reuters RCV1, distributed for research use. The model "
      "holds hashed feature weights only, no text of the corpus. Its POS features come from a model derived "
      "from UD English EWT (CC BY-SA 4.0)",
      "CoNLL-2003 dev, PER/ORG/LOC exact spans over ICU tokens: P " + Fixed(p) + " R " + Fixed(r) + " F1 " +
          Fixed(f) + " (document by document), F1 " + Fixed(f_alone) + " (sentence by sentence); over CoNLL "
          "tokens: F1 " + Fixed(f_conll),
      "rebuild (from the source root, after cmake --build build --target train_tagger): build/tools/train_tagger "
      "ner --data ../shared/data --pos data/models/pos-ewt.model --lexicon data/lexicon --epochs " +
          std::to_string(o.epochs) + " --min-count " + std::to_string(o.min_count) + " --min-weight " +
          Fixed(o.min_abs_weight, 1) + " --seed " + std::to_string(o.seed) + " --train-doc-sentences " +
          std::to_string(train_doc_sentences) + " --out data/models/" + std::filesystem::path(out).filename().string(),
  };
  if (Status s = tagger->Save(out, header); !s.ok()) return Fail(s);
  std::printf("%sner: %zu features, %.0f s; CoNLL-2003 dev PER/ORG/LOC over ICU tokens P=%.4f R=%.4f F1=%.4f "
              "(sentences alone F1=%.4f; over CoNLL tokens F1=%.4f); wrote %s (%ju bytes)\n",
              sc.Table().c_str(), tagger->model().weights().size(), Seconds(t0), p, r, f, f_alone, f_conll, out.c_str(),
              static_cast<uintmax_t>(std::filesystem::file_size(out)));
  return 0;
}

int EvalNer(const Args& a) {
  if (a.positional.size() != 2) return Usage();
  auto pos = PosTagger::Load(a.Get("pos", kDefaultPos));
  if (!pos.ok()) return Fail(pos.status());
  double load = 0;
  auto tagger =
      tools::Timed(&load, [&] { return NerTagger::Load(a.positional[0], a.Get("lexicon", kDefaultLexicon)); });
  if (!tagger.ok()) return Fail(tagger.status());
  ConllCorpus dev;
  if (Status s = ReadConll(a.positional[1], &dev); !s.ok()) return Fail(s);
  const std::string tokens = a.Get("tokens", "icu");
  if (tokens != "icu" && tokens != "conll") return Usage();
  if (tokens == "icu") ToIcuForm(&dev.documents);
  PosTagAll(**pos, &dev.documents);
  const bool alone = a.Get("sentences", "no") == "alone";
  auto t0 = Clock::now();
  FILE* dump = nullptr;
  if (a.opts.count("errors")) {
    dump = std::fopen(a.Get("errors", "").c_str(), "w");
    if (!dump) return Fail(Status::IOError(a.Get("errors", "") + ": cannot write"));
  }
  NerScore sc = ScoreNer(**tagger, dev.documents, alone, dump);
  if (dump) std::fclose(dump);
  double secs = Seconds(t0);
  double p, r;
  double f = sc.F1PerOrgLoc(&p, &r);
  std::printf("%sner PER/ORG/LOC P=%.4f R=%.4f F1=%.4f (%s tokens, %s) tokens=%zu load_s=%.3f tokens_per_s=%.0f\n",
              sc.Table().c_str(), p, r, f, tokens == "icu" ? "ICU" : "CoNLL",
              alone ? "sentence by sentence" : "document by document", dev.tokens(), load, dev.tokens() / secs);
  return 0;
}

// ---- speed ----

int Speed(const Args& a) {
  if (a.positional.empty()) return Usage();
  double pos_load = 0, ner_load = 0;
  auto pos = tools::Timed(&pos_load, [&] { return PosTagger::Load(a.Get("pos", kDefaultPos)); });
  if (!pos.ok()) return Fail(pos.status());
  auto ner = tools::Timed(&ner_load, [&] {
    return NerTagger::Load(a.Get("ner", kDefaultNer), a.Get("lexicon", kDefaultLexicon));
  });
  if (!ner.ok()) return Fail(ner.status());
  // Segment first (not timed with the taggers), then time each tagger over every document.
  tools::SpeedCorpus corpus;
  if (Status s = tools::ReadSpeedCorpus(a.positional, &corpus); !s.ok()) return Fail(s);
  const auto& docs = corpus.docs;
  const size_t tokens = corpus.tokens;
  const double seg_s = corpus.segment_seconds;
  const int rounds = std::max(1, a.GetInt("rounds", 3));
  std::vector<std::vector<std::vector<uint8_t>>> pos_tags(docs.size());
  std::vector<std::vector<uint8_t>> bio;
  double pos_s = 1e30, ner_s = 1e30;
  size_t mentions = 0;
  for (int round = 0; round < rounds; ++round) {
    double c0 = CpuSeconds();
    for (size_t d = 0; d < docs.size(); ++d) {
      pos_tags[d].resize(docs[d].size());
      for (size_t i = 0; i < docs[d].size(); ++i) (*pos)->Tag(docs[d][i], &pos_tags[d][i]);
    }
    pos_s = std::min(pos_s, CpuSeconds() - c0);
    c0 = CpuSeconds();
    mentions = 0;
    for (size_t d = 0; d < docs.size(); ++d) {
      (*ner)->TagDocument(docs[d], pos_tags[d], &bio);
      for (const auto& sb : bio)
        for (uint8_t b : sb) mentions += b != kO && b % 2 == 1;
    }
    ner_s = std::min(ner_s, CpuSeconds() - c0);
  }
  const double mb = corpus.bytes / 1e6;
  std::printf("load: pos %.3f s (%zu features), ner %.3f s (%zu features, gazetteer %zu entries)\n", pos_load,
              (*pos)->model().weights().size(), ner_load, (*ner)->model().weights().size(), (*ner)->gazetteer().size());
  std::printf("text: %.2f MB, %zu documents, %zu sentences, %zu tokens; %zu mentions\n", mb, docs.size(),
              corpus.sentences, tokens, mentions);
  std::printf("segment %.2f MB/s; pos %.2f MB/s (%.0f tokens/s); ner %.2f MB/s (%.0f tokens/s); pos+ner %.2f MB/s "
              "(CPU time, best of %d, one thread)\n",
              mb / seg_s, mb / pos_s, tokens / pos_s, mb / ner_s, tokens / ner_s, mb / (pos_s + ner_s), rounds);
  return 0;
}

// ---- WordNet gazetteer ----

// The licence WordNet 3.0 asks to be kept on every copy of (a derived part of) its database.
constexpr const char* kWordNetLicence[] = {
    "WordNet 3.0 licence (Princeton University), to be kept with every copy:",
    "Permission to use, copy, modify and distribute this software and database and its documentation for any",
    "purpose and without fee or royalty is hereby granted, provided that you agree to comply with the following",
    "copyright notice and statements, including the disclaimer, and that the same appear on ALL copies of the",
    "software, database and documentation, including modifications that you make for internal use or for",
    "distribution.",
    "WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.",
    "THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR",
    "WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO",
    "REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE",
    "OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS,",
    "TRADEMARKS OR OTHER RIGHTS.",
    "The name of Princeton University or Princeton may not be used in advertising or publicity pertaining to",
    "distribution of the software and/or database.  Title to copyright in this software, database and any",
    "associated documentation shall at all times remain with Princeton University and LICENSEE agrees to",
    "preserve same.",
};

// Proper names from WordNet's noun synsets, typed by the root their hypernyms (and instance hypernyms) lead
// to: person PER, organisation ORG, location LOC. People and places are taken from instances only (named
// individuals: "Churchill", "Kaunas"), organisations also from ordinary synsets with capitalised lemmas
// ("Red Cross", "IDF"). A name that is also a common word in WordNet ("Bath", "Black") or that has two
// types is left out.
int WordNetNames(const Args& a) {
  const std::string dir = a.Get("wordnet", "/usr/share/wordnet");
  const std::string out = a.Get("out", kDefaultLexicon + "/wordnet_names.tsv");
  for (const char* f : {"data.noun", "index.verb", "index.adj", "index.adv"})
    if (!std::filesystem::exists(dir + "/" + f))
      return Fail(Status::NotFound(dir + "/" + f + ": WordNet not found (apt-get install wordnet-base, or pass "
                                   "--wordnet DIR)"));
  struct Synset {
    std::vector<std::string> lemmas;
    std::vector<std::string> hypernyms;  // offsets, ordinary and instance
    bool instance = false;
  };
  std::unordered_map<std::string, Synset> synsets;
  std::set<std::string> common;  // lower-case lemmas of common words
  {
    std::ifstream in(dir + "/data.noun");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // the licence header
      std::istringstream ss(line);
      std::string offset, lex_file, pos, count_hex;
      ss >> offset >> lex_file >> pos >> count_hex;
      Synset syn;
      const int words = static_cast<int>(std::strtol(count_hex.c_str(), nullptr, 16));
      for (int w = 0; w < words; ++w) {
        std::string lemma, lex_id;
        ss >> lemma >> lex_id;
        syn.lemmas.push_back(lemma);
        if (!std::isupper(static_cast<unsigned char>(lemma[0]))) common.insert(AsciiLower(lemma));
      }
      int pointers = 0;
      ss >> pointers;
      for (int p = 0; p < pointers; ++p) {
        std::string symbol, target, target_pos, source_target;
        ss >> symbol >> target >> target_pos >> source_target;
        if (target_pos != "n" || (symbol != "@" && symbol != "@i")) continue;
        syn.hypernyms.push_back(target);
        syn.instance = syn.instance || symbol == "@i";
      }
      synsets.emplace(offset, std::move(syn));
    }
  }
  for (const char* f : {"index.verb", "index.adj", "index.adv"}) {
    std::ifstream in(dir + "/" + f);
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line[0] != ' ') common.insert(line.substr(0, line.find(' ')));
  }
  // WordNet 3.0 offsets of person.n.01, organization.n.01, world_organization.n.01, location.n.01.
  const std::map<std::string, int> roots = {{"00007846", 0}, {"08008335", 1}, {"08294696", 1}, {"00027167", 2}};
  const char* kTypes[3] = {"PER", "ORG", "LOC"};
  std::unordered_map<std::string, int> memo;  // offset -> bit set of types
  std::function<int(const std::string&, int)> types = [&](const std::string& offset, int depth) {
    if (auto it = memo.find(offset); it != memo.end()) return it->second;
    int bits = 0;
    if (auto r = roots.find(offset); r != roots.end()) bits |= 1 << r->second;
    auto syn = synsets.find(offset);
    if (depth < 40 && syn != synsets.end())
      for (const std::string& h : syn->second.hypernyms) bits |= types(h, depth + 1);
    memo[offset] = bits;
    return bits;
  };
  std::map<std::string, int> names;  // name -> bit set of types
  for (const auto& [offset, syn] : synsets) {
    const int bits = types(offset, 0);
    if (bits == 0 || (bits & (bits - 1)) != 0) continue;
    if (!syn.instance && bits != 2) continue;
    for (std::string lemma : syn.lemmas) {
      if (size_t paren = lemma.find('('); paren != std::string::npos && lemma.back() == ')') lemma.resize(paren);
      if (lemma.empty() || !std::isupper(static_cast<unsigned char>(lemma[0])) || common.count(AsciiLower(lemma)))
        continue;
      std::replace(lemma.begin(), lemma.end(), '_', ' ');
      names[lemma] |= bits;
    }
  }
  std::ofstream f(out + ".tmp", std::ios::binary);
  f << "# Proper names of people (PER), organisations (ORG) and places (LOC) from WordNet 3.0, for the mention\n"
       "# tagger's gazetteer features. Made by tools/train_tagger wordnet-names (actorgraph) from Debian's\n"
       "# wordnet-base; do not edit by hand. name<TAB>type\n#\n";
  for (const char* line : kWordNetLicence) f << "# " << line << "\n";
  size_t counts[3] = {};
  for (const auto& [name, bits] : names) {
    if ((bits & (bits - 1)) != 0) continue;
    const int t = __builtin_ctz(bits);
    ++counts[t];
    f << name << '\t' << kTypes[t] << '\n';
  }
  f.close();
  if (!f) return Fail(Status::IOError(out + ": cannot write"));
  std::filesystem::rename(out + ".tmp", out);
  std::printf("wrote %s: %zu PER, %zu ORG, %zu LOC\n", out.c_str(), counts[0], counts[1], counts[2]);
  return 0;
}

}  // namespace
}  // namespace ag::extract

int main(int argc, char** argv) {
  using namespace ag::extract;
  return ag::tools::RunCommand(argc, argv,
                               {{"pos", TrainPos},
                                {"ner", TrainNer},
                                {"eval-pos", EvalPos},
                                {"eval-ner", EvalNer},
                                {"speed", Speed},
                                {"wordnet-names", WordNetNames}},
                               Usage);
}
