// What the training tools (train_tagger, train_parser) share besides their options (tool_args.h): where the
// source tree, the development data sets and the POS model are, timing (wall clock for loading and progress,
// thread CPU time for speed), error reporting, reading CoNLL-U treebanks line by line, and the texts a
// speed run measures, read and cut into sentences of ICU words. Header-only; not part of any library.
#ifndef AG_TOOLS_TOOL_COMMON_H_
#define AG_TOOLS_TOOL_COMMON_H_

#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "actorgraph/status.h"
#include "text/segment.h"
#include "tool_args.h"
#include "util/strings.h"

namespace ag::tools {

inline const std::string kSourceDir = AG_SOURCE_DIR;
inline const std::string kDefaultData = kSourceDir + "/../shared/data";
inline const std::string kDefaultPos = kSourceDir + "/data/models/pos-ewt.model";

// The licence line of every model trained on UD English EWT (written into the model file's header).
inline constexpr char kEwtLicence[] =
    "licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). This model is a derived "
    "work of UD English EWT (Silveira et al. 2014 and the UD contributors, "
    "https://universaldependencies.org/treebanks/en_ewt/) and is shared under the same licence";

using Clock = std::chrono::steady_clock;
inline double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}
// CPU time of this thread: what speed is measured in, so that other work on the machine does not count.
inline double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// Runs `fn` (a model load, say) and sets *seconds to the wall-clock time it took; returns what fn returns.
template <typename Fn>
auto Timed(double* seconds, Fn&& fn) {
  const Clock::time_point t0 = Clock::now();
  auto result = fn();
  *seconds = Seconds(t0);
  return result;
}

// Prints "TOOL: error" to stderr; returns the exit code 1.
inline int Fail(const char* tool, const Status& s) {
  std::fprintf(stderr, "%s: %s\n", tool, s.ToString().c_str());
  return 1;
}

// `v` with `digits` decimals.
inline std::string Fixed(double v, int digits = 4) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// NotFound, naming the data set (`what`) and --data, when a development data file is missing.
inline Status CheckDataFile(const std::string& path, const std::string& what) {
  if (std::filesystem::exists(path)) return Status::OK();
  return Status::NotFound(path + ": " + what +
                          " not found. The development data sets live outside the project (../shared/data); "
                          "pass --data DIR to point at them");
}

// The train and dev files of a development data set.
struct DataFiles {
  std::string train, dev;
};

// DIR/`train` and DIR/`dev`, where DIR is --data (default kDefaultData); NotFound naming the data set
// (`what`) when one is missing.
inline Status FindDataFiles(const Args& a, const char* train, const char* dev, const char* what,
                            DataFiles* out) {
  const std::string data = a.Get("data", kDefaultData);
  out->train = data + "/" + train;
  out->dev = data + "/" + dev;
  for (const std::string* p : {&out->train, &out->dev})
    if (Status s = CheckDataFile(*p, what); !s.ok()) return s;
  return Status::OK();
}

// The train and dev parts of UD English EWT, which both tools train on.
inline Status FindEwt(const Args& a, DataFiles* out) {
  return FindDataFiles(a, "ud-english-ewt/en_ewt-ud-train.conllu", "ud-english-ewt/en_ewt-ud-dev.conllu",
                       "UD English EWT", out);
}

// Reads a CoNLL-U file: calls `row(cols, where)` for each word and multiword-token line (ten tab-separated
// columns; empty nodes and comments are skipped), where `where()` is "PATH:LINE: " for messages, and
// `end()` at each blank line and at the end of the file. Stops at the first error `row` returns.
template <typename Row, typename End>
Status ReadConlluRows(const std::string& path, Row&& row, End&& end) {
  std::ifstream in(path);
  if (!in) return Status::IOError(path + ": cannot open");
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      end();
      continue;
    }
    if (line[0] == '#') continue;
    std::vector<std::string> cols = Split(line, '\t');
    auto where = [&] { return path + ":" + std::to_string(line_no) + ": "; };
    if (cols.size() != 10) return Status::ParseError(where() + "expected 10 columns");
    if (cols[0].find('.') != std::string::npos) continue;  // empty node
    if (Status s = row(cols, where); !s.ok()) return s;
  }
  end();
  return Status::OK();
}

// Appends the texts of `path` to `texts`: the whole file, or with a .jsonl name the "text" field of each
// line (a JSON object).
inline Status ReadTexts(const std::string& path, std::vector<std::string>* texts) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  if (EndsWith(path, ".jsonl")) {
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (Trim(line).empty()) continue;
      rapidjson::Document d;
      d.Parse(line.c_str(), line.size());
      if (d.HasParseError() || !d.IsObject() || !d.HasMember("text") || !d["text"].IsString())
        return Status::ParseError(path + ":" + std::to_string(line_no) +
                                  ": expected a JSON object with \"text\"");
      texts->emplace_back(d["text"].GetString(), d["text"].GetStringLength());
    }
    return Status::OK();
  }
  std::stringstream ss;
  ss << in.rdbuf();
  texts->push_back(ss.str());
  return Status::OK();
}

// The sentences of `text` as ICU cuts it (src/text/segment.h), each as its words (views into `text`).
inline std::vector<std::vector<std::string_view>> SentenceWords(std::string_view text) {
  text::Segmentation seg = text::Segment(text);
  std::vector<std::vector<std::string_view>> out;
  for (const text::Sentence& s : seg.sentences) {
    auto& words = out.emplace_back();
    for (int t = s.first_token; t < s.end_token; ++t)
      words.push_back(text.substr(seg.tokens[t].begin, seg.tokens[t].end - seg.tokens[t].begin));
  }
  return out;
}

// The texts a speed run measures, cut into sentences before any model runs. `docs` views `texts`: do not
// copy.
struct SpeedCorpus {
  std::vector<std::string> texts;
  std::vector<std::vector<std::vector<std::string_view>>> docs;  // per text, the words of each sentence
  size_t bytes = 0, sentences = 0, tokens = 0;
  double segment_seconds = 0;  // wall clock
};

// Reads the texts of `paths` (ReadTexts) into *out and cuts them into sentences (SentenceWords).
inline Status ReadSpeedCorpus(const std::vector<std::string>& paths, SpeedCorpus* out) {
  for (const std::string& p : paths)
    if (Status s = ReadTexts(p, &out->texts); !s.ok()) return s;
  const Clock::time_point t0 = Clock::now();
  for (const std::string& text : out->texts) {
    out->bytes += text.size();
    const auto& doc = out->docs.emplace_back(SentenceWords(text));
    out->sentences += doc.size();
    for (const auto& words : doc) out->tokens += words.size();
  }
  out->segment_seconds = Seconds(t0);
  return Status::OK();
}

}  // namespace ag::tools

#endif  // AG_TOOLS_TOOL_COMMON_H_
