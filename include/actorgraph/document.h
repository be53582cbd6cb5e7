// Documents and the reader that streams them from files, directories and stdin. This is the entry of the
// pipeline: every later stage sees only validated Documents (UTF-8 checked, NUL-free, non-empty), and every
// input error names the file, the line and, where it applies, the column or byte offset.
// A DocumentReader is not thread-safe; use one per thread.
#ifndef ACTORGRAPH_DOCUMENT_H_
#define ACTORGRAPH_DOCUMENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "actorgraph/status.h"

namespace ag {

enum class InputFormat { kAuto, kText, kJsonl, kTriples };

// Parses "auto", "text", "jsonl", "triples". InvalidArgument otherwise.
Result<InputFormat> ParseInputFormat(const std::string& name);

// One relation of a graph made by another tool (`ingest --format triples`).
struct Triple {
  std::string source;
  std::string relation;
  std::string target;
  std::string source_type;  // "" = unknown; else an entity type name such as "PERSON"
  std::string target_type;
  std::string date;         // ISO 8601 or ""
  double weight = 1.0;      // > 0
};

struct Document {
  std::string id;      // file path for text files; "id" for JSON lines; file path for a triples file
  std::string text;    // UTF-8, valid, no NUL; offsets elsewhere are code points into this text
  std::string title;
  std::string date;    // ISO 8601 (YYYY-MM-DD, optionally with time) or ""
  std::string source;
  std::string url;
  std::string origin;  // where it came from, for messages: "path", "path:line" or "<stdin>:line"
  bool is_triples = false;     // true: `triples` holds the content and `text` is empty
  std::vector<Triple> triples;
  // Identifies the extraction configuration (Extractor::Fingerprint()); part of the content hash, so that
  // re-ingesting after a model or lexicon change replaces the document's old extraction. "" = none.
  std::string extractor_key;
};

// Streams documents from paths in order: a file, a directory (recursively, *.txt and *.jsonl, sorted
// by path; *.triples.jsonl is never picked up implicitly) or "-" for stdin.
class DocumentReader {
 public:
  virtual ~DocumentReader() = default;

  // Checks that every path exists (NotFound naming the path otherwise). Reading is lazy.
  static Result<std::unique_ptr<DocumentReader>> Open(const std::vector<std::string>& paths,
                                                      InputFormat format);

  // Reads the next document into *doc. Returns true when one was read, false at the end. A bad document
  // (invalid UTF-8, binary, empty, malformed JSON line, unreadable file) returns an error Status whose
  // message starts with its location; the reader then stands after it, so calling Next() again goes on
  // with the following document (this is how --on-error skip works).
  virtual Result<bool> Next(Document* doc) = 0;
};

// Content hash of a document (text, metadata, triples and extractor_key): 32 lowercase hex digits. Equal documents
// give equal hashes; used to make re-ingesting idempotent.
std::string DocumentHash(const Document& doc);

}  // namespace ag

#endif  // ACTORGRAPH_DOCUMENT_H_
