// The Extractor: runs segmentation, the actor pass and the relation pass over a document and converts the
// result to the public Extraction (code-point offsets, entity ids in order of first mention). Triples
// documents are converted directly.
#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "actorgraph/extract.h"
#include "extract/analysis.h"
#include "extract/lexicon.h"
#include "extract/mentions.h"
#include "extract/ner_tagger.h"
#include "extract/pos_tagger.h"
#include "extract/relations.h"
#include "text/normalize.h"
#include "text/segment.h"
#include "text/utf8.h"

#ifndef AG_DATA_DIR
#define AG_DATA_DIR "data"
#endif

namespace ag {
namespace {

class ExtractorImpl : public Extractor {
 public:
  ExtractorImpl(std::unique_ptr<extract::Lexicon> lex, std::unique_ptr<extract::PosTagger> pos,
                std::unique_ptr<extract::NerTagger> ner)
      : lex_(std::move(lex)), pos_(std::move(pos)), ner_(std::move(ner)) {
    taggers_.pos = pos_.get();
    taggers_.ner = ner_.get();
  }

  Result<Extraction> Extract(const Document& doc) const override {
    if (doc.is_triples) return FromTriples(doc);
    Extraction out;
    out.doc_id = doc.id;
    extract::DocAnalysis a;
    a.text = doc.text;
    text::Segmentation seg = text::Segment(doc.text);
    a.sentences = seg.sentences;
    extract::BuildTokens(seg, &a);
    extract::FindActors(*lex_, taggers_, &a);
    std::vector<extract::RelationBuild> rels;
    extract::FindRelations(*lex_, a, &rels);

    text::OffsetMap map(doc.text);
    for (const text::Sentence& s : a.sentences)
      out.sentences.push_back(SentenceSpan{map.ToCodePoint(s.begin), map.ToCodePoint(s.end)});

    // Entities in order of first mention.
    std::vector<int> order;
    for (size_t i = 0; i < a.entities.size(); ++i)
      if (!a.entities[i].spans.empty()) order.push_back(static_cast<int>(i));
    for (auto& e : a.entities) std::sort(e.spans.begin(), e.spans.end());
    std::sort(order.begin(), order.end(),
              [&](int x, int y) { return a.entities[x].spans[0] < a.entities[y].spans[0]; });
    std::vector<std::string> ids(a.entities.size());
    for (size_t k = 0; k < order.size(); ++k) {
      const extract::EntityBuild& eb = a.entities[order[k]];
      Entity e;
      e.id = "e" + std::to_string(k + 1);
      ids[order[k]] = e.id;
      e.name = eb.name;
      e.type = eb.type;
      for (const auto& [b, en] : eb.spans) {
        if (!e.mentions.empty() && e.mentions.back().begin == map.ToCodePoint(b)) continue;
        Mention m;
        m.begin = map.ToCodePoint(b);
        m.end = map.ToCodePoint(en);
        m.text = doc.text.substr(b, en - b);
        e.mentions.push_back(std::move(m));
      }
      out.entities.push_back(std::move(e));
    }
    for (const extract::DocAnalysis::Link& link : a.links) {
      if (ids[link.source].empty() || ids[link.target].empty()) continue;
      Relation r;
      r.source = ids[link.source];
      r.target = ids[link.target];
      r.relation = link.relation;
      r.link = true;
      const extract::Tok& t = a.toks[link.tok];
      r.sentence = t.sentence;
      r.begin = map.ToCodePoint(t.b);
      r.end = map.ToCodePoint(t.e);
      out.relations.push_back(std::move(r));
    }
    for (const extract::RelationBuild& rb : rels) {
      if (ids[rb.source].empty() || ids[rb.target].empty()) continue;
      Relation r;
      r.source = ids[rb.source];
      r.target = ids[rb.target];
      r.relation = rb.relation;
      r.event = rb.event;
      const extract::Tok& t = a.toks[rb.verb_tok];
      r.sentence = t.sentence;
      r.begin = map.ToCodePoint(t.b);
      r.end = map.ToCodePoint(t.e);
      r.negated = rb.negated;
      r.modality = rb.modality;
      out.relations.push_back(std::move(r));
    }
    return out;
  }

 private:
  // A triples file of a million relations names each actor many times: an actor's raw name is looked up
  // first (a string_view into the document, no copy), and only a name not seen before is normalised
  // (NameKey, NFC) and merged by key. Relation names are few: each distinct one is looked up in the verb
  // lexicon once.
  Result<Extraction> FromTriples(const Document& doc) const {
    Extraction out;
    out.doc_id = doc.id;
    std::unordered_map<std::string_view, size_t> by_name;  // raw name -> index in out.entities
    std::unordered_map<std::string, size_t> by_key;        // NameKey -> index in out.entities
    by_name.reserve(doc.triples.size() / 4 + 16);
    by_key.reserve(doc.triples.size() / 4 + 16);
    auto entity = [&](const std::string& name, const std::string& type_name, size_t line) -> Result<size_t> {
      auto seen = by_name.find(name);
      std::string key;
      if (seen == by_name.end()) {
        key = text::NameKey(name);
        if (key.empty())
          return Status::InvalidArgument(doc.origin + ": triple " + std::to_string(line) + ": name \"" + name +
                                         "\" has no letters or digits");
      }
      EntityType type = EntityType::kOther;
      if (!type_name.empty()) {
        Result<EntityType> t = ParseEntityType(type_name);
        if (!t.ok())
          return Status::InvalidArgument(doc.origin + ": triple " + std::to_string(line) + ": " + t.status().message());
        type = t.value();
      }
      size_t index;
      if (seen != by_name.end()) {
        index = seen->second;
      } else {
        auto [it, inserted] = by_key.try_emplace(std::move(key), out.entities.size());
        if (inserted) {
          Entity e;
          e.id = "e" + std::to_string(out.entities.size() + 1);
          e.name = text::ToNfc(name);
          e.type = type;
          out.entities.push_back(std::move(e));
        }
        index = it->second;
        by_name.emplace(name, index);
      }
      Entity& e = out.entities[index];
      if (e.type == EntityType::kOther) e.type = type;
      return index;
    };
    struct RelationName {
      std::string relation;
      std::string event;
    };
    std::unordered_map<std::string_view, RelationName> relation_names;
    out.relations.reserve(doc.triples.size());
    size_t line = 0;
    for (const Triple& t : doc.triples) {
      ++line;
      AG_ASSIGN_OR_RETURN(size_t s, entity(t.source, t.source_type, line));
      AG_ASSIGN_OR_RETURN(size_t g, entity(t.target, t.target_type, line));
      auto [name, inserted] = relation_names.try_emplace(t.relation);
      if (inserted) {
        name->second.relation = t.relation;
        if (const extract::VerbForm* f = lex_->Verb(t.relation)) {
          name->second.relation = f->entry->relation;
          name->second.event = f->entry->event;
        }
      }
      Relation& r = out.relations.emplace_back();
      r.source = out.entities[s].id;
      r.target = out.entities[g].id;
      r.relation = name->second.relation;
      r.event = name->second.event;
      r.weight = t.weight;
      r.date = t.date;
      r.sentence = -1;
    }
    return out;
  }

  std::unique_ptr<extract::Lexicon> lex_;
  std::unique_ptr<extract::PosTagger> pos_;
  std::unique_ptr<extract::NerTagger> ner_;
  extract::Taggers taggers_;
};

}  // namespace

Result<std::unique_ptr<Extractor>> Extractor::Create(const ExtractorOptions& options) {
  std::string dir = options.data_dir;
  if (dir.empty()) {
    const char* env = std::getenv("ACTORGRAPH_DATA");
    dir = (env != nullptr && *env != '\0') ? env : AG_DATA_DIR;
  }
  AG_ASSIGN_OR_RETURN(std::unique_ptr<extract::Lexicon> lex, extract::Lexicon::Load(dir, options.user_lexicon));
  if (!options.alias_file.empty()) AG_RETURN_IF_ERROR(lex->LoadUserAliases(options.alias_file));
  AG_ASSIGN_OR_RETURN(std::unique_ptr<extract::PosTagger> pos,
                      extract::PosTagger::Load(dir + "/models/pos-ewt.model"));
  AG_ASSIGN_OR_RETURN(std::unique_ptr<extract::NerTagger> ner,
                      extract::NerTagger::Load(dir + "/models/ner-conll.model", dir + "/lexicon"));
  return std::unique_ptr<Extractor>(new ExtractorImpl(std::move(lex), std::move(pos), std::move(ner)));
}

}  // namespace ag
