// train_parser: trains and evaluates the dependency parser of the extract stage (src/extract/dep_parser.h) on
// UD English EWT, with the tags of our own POS tagger (data/models/pos-ewt.model) so that the scores are
// those of real input, and measures its speed. Not linked into actorgraph.
//
//   train_parser train [--data DIR] [--pos FILE] [--out FILE] [--epochs N] [--min-count N] [--min-weight W]
//   train_parser eval  MODEL CONLLU [--pos FILE] [--gold-tags yes]
//   train_parser parse [--pos FILE] [--model FILE]      (lines of stdin -> CoNLL-U columns)
//   train_parser speed [--pos FILE] [--model FILE] [--rounds N] FILE...  (text files or JSON lines)
//
// The treebank is read from DIR (default: ../shared/data beside the source tree) and never copied into the
// project. Results go to stdout, progress to stderr; exit 0 ok, 1 failure, 2 usage.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "extract/dep_parser.h"
#include "extract/pos_tagger.h"
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

const std::string kDefaultModel = tools::kSourceDir + "/data/models/dep-ewt.model";

int Fail(const Status& s) { return tools::Fail("train_parser", s); }

int Usage() {
  const std::string text =
      "usage: train_parser <command> [options]\n"
      "  train [--data DIR] [--pos FILE] [--out FILE] [--epochs N] [--min-count N] [--min-weight W] [--seed "
      "N]\n"
      "        [--jackknife K] [--explore-from N] [--weight-bits B] [--seeds K] [--tags-cache FILE]\n"
      "        train on DIR/ud-english-ewt (train) with predicted POS tags (jackknifed over K folds, default "
      "10;\n"
      "        K=1: tagged by --pos), report UAS/LAS on its dev part; --seeds K: the mean of K parsers\n"
      "        trained on other shuffles; --tags-cache FILE: keep the jackknifed tags there for the\n"
      "        next run (not checked against the data or the tagger options: delete it when they change)\n"
      "  eval  MODEL CONLLU [--pos FILE] [--gold-tags yes]   UAS/LAS (with and without punctuation), per "
      "relation\n"
      "  parse [--pos FILE] [--model FILE]   parse the lines of stdin, print CoNLL-U columns\n"
      "  speed [--pos FILE] [--model FILE] [--rounds N] FILE...\n"
      "        load times, POS tagging and parsing speed over text files or JSON lines (.jsonl) with "
      "\"text\"\n"
      "defaults: --data " +
      kDefaultData + "\n          --pos " + kDefaultPos + "\n          --model/--out " + kDefaultModel + "\n";
  std::fputs(text.c_str(), stderr);
  return 2;
}

double Ratio(size_t a, size_t b) { return b ? static_cast<double>(a) / b : 0.0; }

// ---- CoNLL-U ----

struct Treebank {
  std::vector<DepSentence> split;   // syntactic words, as the treebank is scored
  std::vector<DepSentence> merged;  // multiword tokens whole ("don't", "Elena's"), as ICU segments them;
                                    // only the sentences that have some
  std::vector<size_t> merged_from;  // index in `split` of each merged sentence
};

// The sentence with each multiword token as one word: it stands for the first of its words whose head lies
// outside it, and takes that word's head and relation; arcs into it point at the merged word.
DepSentence Merge(const DepSentence& s, const std::vector<std::pair<int, int>>& spans,
                  const std::vector<std::string>& forms) {
  const int n = static_cast<int>(s.words.size());
  std::vector<int> to(n), rep;  // word -> merged index; merged index -> representative word
  DepSentence out;
  size_t sp = 0;
  for (int i = 0; i < n;) {
    if (sp < spans.size() && spans[sp].first == i) {
      auto [a, b] = spans[sp];
      int r = a;
      for (int k = a; k <= b; ++k)
        if (s.tree.heads[k] < a || s.tree.heads[k] > b) {
          r = k;
          break;
        }
      for (int k = a; k <= b; ++k) to[k] = static_cast<int>(rep.size());
      rep.push_back(r);
      out.words.push_back(forms[sp]);
      out.tags.push_back(s.tags[a]);
      i = b + 1;
      ++sp;
    } else {
      to[i] = static_cast<int>(rep.size());
      rep.push_back(i);
      out.words.push_back(s.words[i]);
      out.tags.push_back(s.tags[i]);
      ++i;
    }
  }
  for (int r : rep) {
    int h = s.tree.heads[r];
    out.tree.heads.push_back(h < 0 ? -1 : to[h]);
    out.tree.rels.push_back(s.tree.rels[r]);
  }
  return out;
}

Status ReadConllu(const std::string& path, Treebank* out) {
  DepSentence cur;
  std::vector<std::pair<int, int>> spans;
  std::vector<std::string> forms;
  auto flush = [&] {
    if (!cur.words.empty()) {
      if (!spans.empty()) {
        out->merged.push_back(Merge(cur, spans, forms));
        out->merged_from.push_back(out->split.size());
      }
      out->split.push_back(std::move(cur));
    }
    cur = DepSentence();
    spans.clear();
    forms.clear();
  };
  auto row = [&](const std::vector<std::string>& cols, const auto& where) {
    const std::string& id = cols[0];
    size_t dash = id.find('-');
    if (dash != std::string::npos) {
      spans.emplace_back(std::atoi(id.c_str()) - 1, std::atoi(id.c_str() + dash + 1) - 1);
      forms.push_back(cols[1]);
      return Status::OK();
    }
    int rel = DepParser::RelFromName(cols[7]);
    if (rel < 0) return Status::ParseError(where() + "unknown relation \"" + cols[7] + "\"");
    cur.words.push_back(cols[1]);
    cur.tree.heads.push_back(std::atoi(cols[6].c_str()) - 1);
    cur.tree.rels.push_back(static_cast<uint8_t>(rel));
    int tag = PosTagger::TagFromName(cols[3]);
    if (tag < 0) return Status::ParseError(where() + "unknown UPOS \"" + cols[3] + "\"");
    cur.tags.push_back(static_cast<uint8_t>(tag));  // gold; replaced by predicted tags before use
    return Status::OK();
  };
  return tools::ReadConlluRows(path, row, flush);
}

void TagAll(const PosTagger& tagger, std::vector<DepSentence>* sents) {
  std::vector<std::string_view> words;
  for (DepSentence& s : *sents) {
    words.assign(s.words.begin(), s.words.end());
    tagger.Tag(words, &s.tags);
  }
}

// Replaces the gold tags of the training sentences by jackknifed ones: for each of `folds` parts, a POS
// tagger trained on the other parts (as tools/train_tagger pos trains, without the ICU re-cuts) tags it,
// so that the parser learns from tags as wrong as they will be on new text.
void JackknifeTags(int folds, Treebank* tb) {
  std::vector<DepSentence*> split_of_merged(tb->merged.size());
  for (int f = 0; f < folds; ++f) {
    std::vector<PosSentence> train;
    for (size_t i = 0; i < tb->split.size(); ++i)
      if (static_cast<int>(i % folds) != f)
        train.push_back(PosSentence{tb->split[i].words, tb->split[i].tags});
    for (size_t m = 0; m < tb->merged.size(); ++m)
      if (static_cast<int>(tb->merged_from[m] % folds) != f)
        train.push_back(PosSentence{tb->merged[m].words, tb->merged[m].tags});
    TrainOptions o;  // the options data/models/pos-ewt.model was trained with
    o.epochs = 10;
    o.min_count = 2;
    auto tagger = PosTagger::Train(train, o, nullptr);
    std::vector<std::string_view> words;
    std::vector<uint8_t> tags;
    size_t correct = 0, total = 0;
    auto retag = [&](DepSentence* s) {
      words.assign(s->words.begin(), s->words.end());
      tagger->Tag(words, &tags);
      for (size_t i = 0; i < tags.size(); ++i) correct += tags[i] == s->tags[i];
      total += tags.size();
      s->tags = tags;
    };
    for (size_t m = 0; m < tb->merged.size(); ++m)
      if (static_cast<int>(tb->merged_from[m] % folds) == f) retag(&tb->merged[m]);
    for (size_t i = 0; i < tb->split.size(); ++i)
      if (static_cast<int>(i % folds) == f) retag(&tb->split[i]);
    std::fprintf(stderr, "jackknife fold %d/%d: POS accuracy %.4f\n", f + 1, folds, Ratio(correct, total));
  }
}

bool ReadTagsCache(const std::string& path, Treebank* tb) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  bool ok = true;
  auto read = [&](std::vector<DepSentence>* sents) {
    for (DepSentence& s : *sents) {
      std::vector<uint8_t> tags(s.words.size());
      ok = ok && std::fread(tags.data(), 1, tags.size(), f) == tags.size() && std::fgetc(f) == '\n';
      if (ok) s.tags = std::move(tags);
    }
  };
  Treebank copy = *tb;
  read(&copy.split);
  read(&copy.merged);
  ok = ok && std::fgetc(f) == EOF;
  std::fclose(f);
  if (ok) *tb = std::move(copy);
  return ok;
}

void WriteTagsCache(const std::string& path, const Treebank& tb) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return;
  for (const auto* sents : {&tb.split, &tb.merged})
    for (const DepSentence& s : *sents) {
      std::fwrite(s.tags.data(), 1, s.tags.size(), f);
      std::fputc('\n', f);
    }
  std::fclose(f);
}

// The sentence with each possessive "'s" that stands alone ("Syria 's") attached to its word ("Syria's",
// which takes that word's head and relation), as ICU keeps it in running text; false when there is none.
bool MergePossessives(const DepSentence& s, DepSentence* out) {
  const int n = static_cast<int>(s.words.size());
  std::vector<int> to(n);
  std::vector<bool> drop(n, false);
  bool any = false;
  for (int i = 1; i < n; ++i) {
    const std::string& w = s.words[i];
    if ((w == "'s" || w == "\xE2\x80\x99s") && s.tree.heads[i] == i - 1 &&
        s.tree.rels[i] == static_cast<uint8_t>(DepRel::kCase) && !drop[i - 1])
      drop[i] = any = true;
  }
  if (!any) return false;
  *out = DepSentence();
  for (int i = 0, k = 0; i < n; ++i) {
    to[i] = drop[i] ? k - 1 : k;
    if (drop[i]) {
      out->words.back() += s.words[i];
      continue;
    }
    out->words.push_back(s.words[i]);
    out->tags.push_back(s.tags[i]);
    ++k;
  }
  for (int i = 0; i < n; ++i) {
    if (drop[i]) continue;
    const int h = s.tree.heads[i];
    out->tree.heads.push_back(h < 0 ? -1 : to[h]);
    out->tree.rels.push_back(s.tree.rels[i]);
  }
  return true;
}

// ---- scores ----

struct Score {
  size_t words = 0, uas = 0, las = 0, words_np = 0, uas_np = 0, las_np = 0;
  std::vector<size_t> gold, pred, hit;  // per relation: labelled attachment P/R
  double secs = 0;
  Score() : gold(DepParser::kNumRels), pred(DepParser::kNumRels), hit(DepParser::kNumRels) {}
};

Score Evaluate(const DepParser& parser, const std::vector<DepSentence>& sents) {
  Score sc;
  std::vector<std::string_view> words;
  DepTree tree;
  for (const DepSentence& s : sents) {
    words.assign(s.words.begin(), s.words.end());
    double c0 = CpuSeconds();
    parser.Parse(words, s.tags, &tree);
    sc.secs += CpuSeconds() - c0;
    for (size_t i = 0; i < words.size(); ++i) {
      const bool head_ok = tree.heads[i] == s.tree.heads[i];
      const bool rel_ok = tree.rels[i] == s.tree.rels[i];
      const bool punct = s.tree.rels[i] == static_cast<uint8_t>(DepRel::kPunct);
      ++sc.words;
      sc.uas += head_ok;
      sc.las += head_ok && rel_ok;
      if (!punct) {
        ++sc.words_np;
        sc.uas_np += head_ok;
        sc.las_np += head_ok && rel_ok;
      }
      ++sc.gold[s.tree.rels[i]];
      ++sc.pred[tree.rels[i]];
      sc.hit[s.tree.rels[i]] += head_ok && rel_ok;
    }
  }
  return sc;
}

std::string Summary(const Score& sc) {
  return "UAS " + Fixed(Ratio(sc.uas, sc.words)) + " LAS " + Fixed(Ratio(sc.las, sc.words)) +
         " (punctuation excluded: UAS " + Fixed(Ratio(sc.uas_np, sc.words_np)) + " LAS " +
         Fixed(Ratio(sc.las_np, sc.words_np)) + ")";
}

int Train(const Args& a) {
  tools::DataFiles ewt;
  if (Status s = tools::FindEwt(a, &ewt); !s.ok()) return Fail(s);
  const std::string out = a.Get("out", kDefaultModel);
  auto pos = PosTagger::Load(a.Get("pos", kDefaultPos));
  if (!pos.ok()) return Fail(pos.status());
  Treebank train, dev;
  if (Status s = ReadConllu(ewt.train, &train); !s.ok()) return Fail(s);
  if (Status s = ReadConllu(ewt.dev, &dev); !s.ok()) return Fail(s);
  const int folds = a.GetInt("jackknife", 10);
  auto t0 = Clock::now();
  // Jackknifing takes most of a short training run and gives the same tags every time: --tags-cache keeps
  // them in a file (one line of tag values per sentence, split sentences then merged ones) for the next run.
  const std::string cache = a.Get("tags-cache", "");
  if (folds > 1 && !cache.empty() && ReadTagsCache(cache, &train)) {
    std::fprintf(stderr, "jackknifed tags read from %s\n", cache.c_str());
  } else if (folds > 1) {
    JackknifeTags(folds, &train);
    if (!cache.empty()) WriteTagsCache(cache, train);
  } else {
    TagAll(**pos, &train.split);
    TagAll(**pos, &train.merged);
  }
  // Every sentence as the treebank splits it, plus those with multiword tokens as ICU keeps them whole.
  // Also those with a possessive written apart ("Syria 's") with it attached, as in running text.
  std::vector<DepSentence> sents = train.split;
  sents.insert(sents.end(), train.merged.begin(), train.merged.end());
  size_t possessives = 0;
  for (const DepSentence& s : train.split) {
    DepSentence m;
    if (MergePossessives(s, &m)) {
      sents.push_back(std::move(m));
      ++possessives;
    }
  }
  TagAll(**pos, &dev.split);
  TagAll(**pos, &dev.merged);
  std::fprintf(stderr,
               "EWT train: %zu sentences (+%zu with multiword tokens whole, +%zu with possessives "
               "attached), tags %s (%.0fs); dev: %zu, tagged by %s\n",
               train.split.size(), train.merged.size(), possessives,
               folds > 1 ? ("jackknifed over " + std::to_string(folds) + " folds").c_str() : "by that tagger",
               Seconds(t0), dev.split.size(), a.Get("pos", kDefaultPos).c_str());
  DepTrainOptions o;
  o.epochs = a.GetInt("epochs", o.epochs);
  o.min_count = a.GetInt("min-count", o.min_count);
  o.min_abs_weight = static_cast<float>(std::atof(a.Get("min-weight", "0").c_str()));
  o.seed = static_cast<uint32_t>(a.GetInt("seed", 1));
  o.explore_from_epoch = a.GetInt("explore-from", o.explore_from_epoch);
  t0 = Clock::now();
  auto train_one = [&](uint32_t seed) {
    DepTrainOptions so = o;
    so.seed = seed;
    return DepParser::Train(sents, so, [&](int epoch, double acc, const DepParser& avg) {
      std::fprintf(stderr, "seed %u epoch %d: optimal transitions %.4f  dev %s  (%.0fs)\n", seed, epoch, acc,
                   Summary(Evaluate(avg, dev.split)).c_str(), Seconds(t0));
    });
  };
  // --seeds K: K parsers trained on other shuffles (seeds seed..seed+K-1), their weights averaged.
  const int seeds = std::max(1, a.GetInt("seeds", 1));
  auto parser = train_one(o.seed);
  if (seeds > 1) {
    std::vector<std::unique_ptr<DepParser>> more;
    std::vector<const DepParser*> all = {parser.get()};
    for (int k = 1; k < seeds; ++k) {
      more.push_back(train_one(o.seed + k));
      all.push_back(more.back().get());
    }
    parser = DepParser::Average(all);
  }
  Score sc = Evaluate(*parser, dev.split);
  Score scm = Evaluate(*parser, dev.merged);
  const std::string name = std::filesystem::path(out).filename().string();
  std::vector<std::string> header = {
      "made by tools/train_parser train (actorgraph): greedy arc-hybrid transition parser, averaged "
      "perceptron "
      "with a dynamic oracle, " +
          std::to_string(o.epochs) + " epochs, features seen fewer than " + std::to_string(o.min_count) +
          " times pruned, averaged weights below " + a.Get("min-weight", "0") + " dropped, seed " +
          std::to_string(o.seed) +
          (seeds > 1 ? ", the mean of the weights of " + std::to_string(seeds) +
                           " such parsers trained with seeds " + std::to_string(o.seed) + "-" +
                           std::to_string(o.seed + seeds - 1)
                     : std::string()),
      "data: Universal Dependencies English Web Treebank (UD_English-EWT) v2.15, train part (HEAD and DEPREL "
      "columns; multiword tokens also learnt whole, possessives written apart also learnt attached), UPOS "
      "tags predicted: on train by POS taggers trained as "
      "data/models/pos-ewt.model on the other parts of a " +
          std::to_string(folds) +
          "-fold split (jackknifing), on "
          "dev by data/models/pos-ewt.model",
      tools::kEwtLicence,
      "EWT dev with predicted tags: " + Summary(sc) + "; multiword tokens whole: " + Summary(scm),
      "rebuild (from the source root, after cmake --build build --target train_parser): "
      "build/tools/train_parser "
      "train --data ../shared/data --pos data/models/pos-ewt.model --epochs " +
          std::to_string(o.epochs) + " --min-count " + std::to_string(o.min_count) + " --min-weight " +
          a.Get("min-weight", "0") + " --seed " + std::to_string(o.seed) +
          (seeds > 1 ? " --seeds " + std::to_string(seeds) : std::string()) + " --jackknife " +
          std::to_string(folds) + " --weight-bits " + a.Get("weight-bits", "8") + " --out data/models/" +
          name,
  };
  // Save, read back and score what was saved (the weights as quantised in the file), then save again with
  // those scores in the header.
  const int bits = a.GetInt("weight-bits", 8);
  if (Status s = parser->Save(out, header, bits); !s.ok()) return Fail(s);
  auto saved = DepParser::Load(out);
  if (!saved.ok()) return Fail(saved.status());
  parser = std::move(saved).value();
  sc = Evaluate(*parser, dev.split);
  scm = Evaluate(*parser, dev.merged);
  header[3] = "EWT dev with predicted tags: " + Summary(sc) + "; multiword tokens whole: " + Summary(scm) +
              " (weights quantised to " + std::to_string(bits) + " bits)";
  if (Status s = parser->Save(out, header, bits); !s.ok()) return Fail(s);
  std::printf(
      "parser: %zu transition + %zu label features, %.0f s; EWT dev (predicted tags) %s over %zu words; "
      "wrote %s (%ju bytes)\n",
      parser->transitions().weights().size(), parser->labels().weights().size(), Seconds(t0),
      Summary(sc).c_str(), sc.words, out.c_str(), static_cast<uintmax_t>(std::filesystem::file_size(out)));
  return 0;
}

int Eval(const Args& a) {
  if (a.positional.size() != 2) return Usage();
  double load = 0;
  auto parser = tools::Timed(&load, [&] { return DepParser::Load(a.positional[0]); });
  if (!parser.ok()) return Fail(parser.status());
  Treebank tb;
  if (Status s = ReadConllu(a.positional[1], &tb); !s.ok()) return Fail(s);
  const bool gold_tags = a.Get("gold-tags", "no") == "yes";
  if (!gold_tags) {
    auto pos = PosTagger::Load(a.Get("pos", kDefaultPos));
    if (!pos.ok()) return Fail(pos.status());
    TagAll(**pos, &tb.split);
  }
  const Score sc = Evaluate(**parser, tb.split);
  for (int r = 0; r < DepParser::kNumRels; ++r) {
    if (!sc.gold[r]) continue;
    double p = Ratio(sc.hit[r], sc.pred[r]), rc = Ratio(sc.hit[r], sc.gold[r]);
    std::printf("%-12s P=%.3f R=%.3f F1=%.3f n=%zu\n", DepParser::RelName(r), p, rc,
                p + rc > 0 ? 2 * p * rc / (p + rc) : 0.0, sc.gold[r]);
  }
  std::printf("%s tags: %s words=%zu load_s=%.3f words_per_s=%.0f (parsing only, CPU time)\n",
              gold_tags ? "gold" : "predicted", Summary(sc).c_str(), sc.words, load, sc.words / sc.secs);
  return 0;
}

// Parses each line of stdin (one sentence or more, cut by ICU) and prints its words as CoNLL-U columns
// (ID, FORM, UPOS, HEAD, DEPREL), a blank line after each sentence.
int ParseStdin(const Args& a) {
  auto pos = PosTagger::Load(a.Get("pos", kDefaultPos));
  if (!pos.ok()) return Fail(pos.status());
  auto parser = DepParser::Load(a.Get("model", kDefaultModel));
  if (!parser.ok()) return Fail(parser.status());
  std::string line;
  std::vector<uint8_t> tags;
  DepTree tree;
  while (std::getline(std::cin, line)) {
    for (const std::vector<std::string_view>& words : tools::SentenceWords(line)) {
      (*pos)->Tag(words, &tags);
      (*parser)->Parse(words, tags, &tree);
      for (size_t i = 0; i < words.size(); ++i)
        std::printf("%zu\t%.*s\t%s\t%d\t%s\n", i + 1, static_cast<int>(words[i].size()), words[i].data(),
                    PosTagger::TagName(tags[i]), tree.heads[i] + 1, DepParser::RelName(tree.rels[i]));
      std::printf("\n");
    }
  }
  return 0;
}

// ---- speed ----

int Speed(const Args& a) {
  if (a.positional.empty()) return Usage();
  double pos_load = 0, dep_load = 0;
  auto pos = tools::Timed(&pos_load, [&] { return PosTagger::Load(a.Get("pos", kDefaultPos)); });
  if (!pos.ok()) return Fail(pos.status());
  auto parser = tools::Timed(&dep_load, [&] { return DepParser::Load(a.Get("model", kDefaultModel)); });
  if (!parser.ok()) return Fail(parser.status());
  tools::SpeedCorpus corpus;
  if (Status s = tools::ReadSpeedCorpus(a.positional, &corpus); !s.ok()) return Fail(s);
  std::vector<std::vector<std::string_view>> sents;
  for (const auto& doc : corpus.docs) sents.insert(sents.end(), doc.begin(), doc.end());
  const int rounds = std::max(1, a.GetInt("rounds", 3));
  std::vector<std::vector<uint8_t>> tags(sents.size());
  DepTree tree;
  double pos_s = 1e30, dep_s = 1e30;
  size_t roots = 0;
  for (int round = 0; round < rounds; ++round) {
    double c0 = CpuSeconds();
    for (size_t i = 0; i < sents.size(); ++i) (*pos)->Tag(sents[i], &tags[i]);
    pos_s = std::min(pos_s, CpuSeconds() - c0);
    c0 = CpuSeconds();
    roots = 0;
    for (size_t i = 0; i < sents.size(); ++i) {
      (*parser)->Parse(sents[i], tags[i], &tree);
      roots += tree.heads.empty() ? 0 : 1;
    }
    dep_s = std::min(dep_s, CpuSeconds() - c0);
  }
  const double mb = corpus.bytes / 1e6;
  const size_t tokens = corpus.tokens;
  std::printf("load: pos %.3f s, parser %.3f s (%zu transition + %zu label features)\n", pos_load, dep_load,
              (*parser)->transitions().weights().size(), (*parser)->labels().weights().size());
  std::printf("text: %.2f MB, %zu documents, %zu sentences (%zu parsed), %zu tokens\n", mb,
              corpus.texts.size(), corpus.sentences, roots, tokens);
  std::printf(
      "pos %.0f tokens/s; parse %.0f tokens/s; pos+parse %.3f s per MB (%.0f tokens/s) (CPU time, best of "
      "%d, one thread)\n",
      tokens / pos_s, tokens / dep_s, (pos_s + dep_s) / mb, tokens / (pos_s + dep_s), rounds);
  return 0;
}

}  // namespace
}  // namespace ag::extract

int main(int argc, char** argv) {
  using namespace ag::extract;
  return ag::tools::RunCommand(
      argc, argv, {{"train", Train}, {"eval", Eval}, {"speed", Speed}, {"parse", ParseStdin}}, Usage);
}
