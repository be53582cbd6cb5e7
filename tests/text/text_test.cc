// Tests for the text stage: UTF-8 checks and offsets, name keys, segmentation and the document reader's
// handling of good and bad input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "actorgraph/document.h"
#include "test_util.h"
#include "text/normalize.h"
#include "text/segment.h"
#include "text/utf8.h"

namespace ag {
namespace {

using ::ag::testing::TempDir;

TEST(Utf8Test, FindsInvalidSequences) {
  EXPECT_EQ(text::FindInvalidUtf8("plain"), -1);
  EXPECT_EQ(text::FindInvalidUtf8("Shara\xE2\x80\x99" "a"), -1);
  EXPECT_EQ(text::FindInvalidUtf8("ab\xFF" "cd"), 2);
  EXPECT_EQ(text::FindInvalidUtf8("ab\xC0\x80"), 2);          // overlong NUL
  EXPECT_EQ(text::FindInvalidUtf8("x\xED\xA0\x80"), 1);       // surrogate
  EXPECT_EQ(text::FindInvalidUtf8("x\xE2\x80"), 1);           // truncated
}

TEST(Utf8Test, OffsetMapRoundTrips) {
  std::string s = "a\xC3\xA9\xE2\x80\x99z";  // a é ’ z
  text::OffsetMap m(s);
  EXPECT_EQ(m.ToCodePoint(0), 0);
  EXPECT_EQ(m.ToCodePoint(1), 1);
  EXPECT_EQ(m.ToCodePoint(3), 2);
  EXPECT_EQ(m.ToCodePoint(6), 3);
  EXPECT_EQ(m.ToCodePoint(7), 4);
  EXPECT_EQ(m.ToByte(3), 6);
  EXPECT_EQ(text::CodePointCount(s), 4);
}

TEST(NameKeyTest, FoldsVariants) {
  EXPECT_EQ(text::NameKey("Ahmed al-Shara\xE2\x80\x99" "a"), "ahmed al sharaa");
  EXPECT_EQ(text::NameKey("AHMED AL-SHARAA"), "ahmed al sharaa");
  EXPECT_EQ(text::NameKey("Ahmed  al Shara'a"), "ahmed al sharaa");
  EXPECT_EQ(text::NameKey("Jos\xC3\xA9 Mar\xC3\xADn"), "jose marin");
  EXPECT_EQ(text::NameKey("U.S."), "u s");
  EXPECT_NE(text::NameKey("Ahmed al-Sharaa"), text::NameKey("Ahmed al-Shar"));
}

TEST(SegmentTest, SentencesSurviveAbbreviations) {
  std::string t = "Mr. Burke met U.S. officials on Monday. He left.\nNew paragraph here";
  text::Segmentation s = text::Segment(t);
  ASSERT_EQ(s.sentences.size(), 3u);
  EXPECT_EQ(t.substr(s.sentences[0].begin, s.sentences[0].end - s.sentences[0].begin),
            "Mr. Burke met U.S. officials on Monday.");
  EXPECT_EQ(t.substr(s.sentences[2].begin, s.sentences[2].end - s.sentences[2].begin), "New paragraph here");
}

TEST(SegmentTest, TitleAndMonthAbbreviationsDoNotEndASentence) {
  std::string t = "Burke will meet Gen. Serhat Dilan on Jan. 5 with Lt. Col. Ahmed Saleh. The war ended.";
  text::Segmentation s = text::Segment(t);
  ASSERT_EQ(s.sentences.size(), 2u);
  EXPECT_EQ(t.substr(s.sentences[1].begin, s.sentences[1].end - s.sentences[1].begin), "The war ended.");
}

TEST(SegmentTest, ASentenceThatRunsOnEndsAtTheDot) {
  std::string t = "Aid reached Syria.The European Union welcomed it. Talks on e.g. trade and the U.S. went on.";
  text::Segmentation s = text::Segment(t);
  ASSERT_EQ(s.sentences.size(), 3u);
  EXPECT_EQ(t.substr(s.sentences[0].begin, s.sentences[0].end - s.sentences[0].begin), "Aid reached Syria.");
  EXPECT_EQ(t.substr(s.sentences[1].begin, s.sentences[1].end - s.sentences[1].begin),
            "The European Union welcomed it.");
  std::vector<std::string> words;
  for (const auto& tok : s.tokens) words.push_back(t.substr(tok.begin, tok.end - tok.begin));
  EXPECT_EQ(words[2], "Syria");
  EXPECT_EQ(words[3], ".");
  EXPECT_EQ(words[4], "The");
}

TEST(SegmentTest, AnAbbreviationWithDotsContinuesIntoAName) {
  std::string t = "Agassi won the U.S. Open on Sunday. Troops left the U.S. The talks resumed.";
  text::Segmentation s = text::Segment(t);
  ASSERT_EQ(s.sentences.size(), 3u);
  EXPECT_EQ(t.substr(s.sentences[0].begin, s.sentences[0].end - s.sentences[0].begin),
            "Agassi won the U.S. Open on Sunday.");
  EXPECT_EQ(t.substr(s.sentences[2].begin, s.sentences[2].end - s.sentences[2].begin), "The talks resumed.");
}

TEST(SegmentTest, TokensKeepByteOffsets) {
  std::string t = "Shara\xE2\x80\x99" "a met al-Haddad.";
  text::Segmentation s = text::Segment(t);
  std::vector<std::string> words;
  for (const auto& tok : s.tokens) words.push_back(t.substr(tok.begin, tok.end - tok.begin));
  ASSERT_GE(words.size(), 4u);
  EXPECT_EQ(words[0], "Shara\xE2\x80\x99" "a");
  EXPECT_EQ(words[1], "met");
  EXPECT_EQ(words.back(), ".");
}

std::vector<Result<bool>> ReadAll(DocumentReader& r, std::vector<Document>* docs) {
  std::vector<Result<bool>> results;
  while (true) {
    Document d;
    Result<bool> got = r.Next(&d);
    if (got.ok() && !got.value()) break;
    if (got.ok()) docs->push_back(d);
    results.push_back(std::move(got));
  }
  return results;
}

TEST(ReaderTest, TextFileAndDirectory) {
  TempDir dir;
  dir.Write("c/b.txt", "Second.\n");
  dir.Write("c/a.txt", "HEADLINE\nDAMASCUS, March 3, 2025 \xE2\x80\x94 Body text.\n");
  dir.Write("c/ignored.md", "not picked up");
  auto r = DocumentReader::Open({dir.File("c")}, InputFormat::kAuto);
  ASSERT_OK(r);
  std::vector<Document> docs;
  auto results = ReadAll(**r, &docs);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, dir.File("c/a.txt"));
  EXPECT_EQ(docs[0].title, "HEADLINE");
  EXPECT_EQ(docs[0].date, "2025-03-03");
  EXPECT_EQ(docs[1].text, "Second.\n");
}

TEST(ReaderTest, BadFilesNameTheirPlace) {
  TempDir dir;
  std::string empty = dir.Write("empty.txt", "");
  std::string bin = dir.Write("bin.txt", std::string("abc\0def", 7));
  std::string bad = dir.Write("bad.txt", "line one\nline \xFF two\n");
  std::string ok = dir.Write("ok.txt", "Fine text.");
  auto r = DocumentReader::Open({empty, bin, bad, ok}, InputFormat::kAuto);
  ASSERT_OK(r);
  std::vector<Document> docs;
  auto results = ReadAll(**r, &docs);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_NE(results[0].status().message().find(empty + ": empty file"), std::string::npos);
  EXPECT_NE(results[1].status().message().find("NUL byte at byte offset 3"), std::string::npos);
  EXPECT_NE(results[2].status().message().find(bad + ":2:6: invalid UTF-8 at byte offset 14"), std::string::npos)
      << results[2].status().message();
  EXPECT_TRUE(results[3].ok());
  ASSERT_EQ(docs.size(), 1u);
}

TEST(ReaderTest, JsonLinesWithErrorsContinue) {
  TempDir dir;
  std::string p = dir.Write("c.jsonl",
                            "{\"id\":\"a\",\"text\":\"Alpha.\",\"date\":\"2025-01-02\",\"title\":\"T\"}\n"
                            "\n"
                            "{\"id\":\"b\",\"text\": oops}\n"
                            "{\"id\":\"c\"}\n"
                            "{\"id\":\"d\",\"text\":\"Delta.\",\"date\":\"yesterday\"}\n"
                            "{\"id\":7,\"text\":\"Seven.\"}\n");
  auto r = DocumentReader::Open({p}, InputFormat::kAuto);
  ASSERT_OK(r);
  std::vector<Document> docs;
  auto results = ReadAll(**r, &docs);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].status().code(), StatusCode::kParseError);
  EXPECT_NE(results[1].status().message().find(p + ":3:19: malformed JSON"), std::string::npos)
      << results[1].status().message();
  EXPECT_NE(results[2].status().message().find(p + ":4: missing \"text\""), std::string::npos);
  EXPECT_NE(results[3].status().message().find("not ISO 8601"), std::string::npos);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].date, "2025-01-02");
  EXPECT_EQ(docs[1].id, "7");
}

TEST(ReaderTest, TriplesFileIsOneDocument) {
  TempDir dir;
  std::string p = dir.Write("g.triples.jsonl",
                            "{\"source\":\"A\",\"relation\":\"meet\",\"target\":\"B\",\"weight\":2}\n"
                            "{\"source\":\"B\",\"relation\":\"warn\",\"target\":\"C\",\"date\":\"2025-02-01\"}\n");
  auto r = DocumentReader::Open({p}, InputFormat::kAuto);
  ASSERT_OK(r);
  Document d;
  auto got = (*r)->Next(&d);
  ASSERT_OK(got);
  EXPECT_TRUE(d.is_triples);
  ASSERT_EQ(d.triples.size(), 2u);
  EXPECT_EQ(d.triples[0].weight, 2.0);
  EXPECT_EQ(d.triples[1].date, "2025-02-01");

  std::string bad = dir.Write("bad.triples.jsonl", "{\"source\":\"A\",\"relation\":\"meet\"}\n");
  auto r2 = DocumentReader::Open({bad}, InputFormat::kTriples);
  ASSERT_OK(r2);
  auto got2 = (*r2)->Next(&d);
  EXPECT_NE(got2.status().message().find(bad + ":1: missing \"target\""), std::string::npos);
}

TEST(ReaderTest, MissingPathIsNotFound) {
  auto r = DocumentReader::Open({"/nonexistent/x.txt"}, InputFormat::kAuto);
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/x.txt"), std::string::npos);
}

TEST(HashTest, ChangesWithContent) {
  Document a, b;
  a.id = b.id = "x";
  a.text = "Hello.";
  b.text = "Hello!";
  EXPECT_NE(DocumentHash(a), DocumentHash(b));
  b.text = "Hello.";
  EXPECT_EQ(DocumentHash(a), DocumentHash(b));
  b.date = "2025-01-01";
  EXPECT_NE(DocumentHash(a), DocumentHash(b));
}

}  // namespace
}  // namespace ag
