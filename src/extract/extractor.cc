// The Extractor: runs segmentation, the actor pass and the relation pass over a document and converts the
// result to the public Extraction (code-point offsets, entity ids in order of first mention). Triples
// documents are converted directly.
#include <algorithm>
#include <cstdlib>
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
  Result<Extraction> FromTriples(const Document& doc) const {
    Extraction out;
    out.doc_id = doc.id;
    std::unordered_map<std::string, size_t> by_key;
    auto entity = [&](const std::string& name, const std::string& type_name, size_t line) -> Result<std::string> {
      std::string key = text::NameKey(name);
      if (key.empty())
        return Status::InvalidArgument(doc.origin + ": triple " + std::to_string(line) + ": name \"" + name +
                                       "\" has no letters or digits");
      EntityType type = EntityType::kOther;
      if (!type_name.empty()) {
        Result<EntityType> t = ParseEntityType(type_name);
        if (!t.ok())
          return Status::InvalidArgument(doc.origin + ": triple " + std::to_string(line) + ": " + t.status().message());
        type = t.value();
      }
      auto it = by_key.find(key);
      if (it != by_key.end()) {
        Entity& e = out.entities[it->second];
        if (e.type == EntityType::kOther) e.type = type;
        return e.id;
      }
      Entity e;
      e.id = "e" + std::to_string(out.entities.size() + 1);
      e.name = text::ToNfc(name);
      e.type = type;
      by_key.emplace(std::move(key), out.entities.size());
      out.entities.push_back(std::move(e));
      return out.entities.back().id;
    };
    out.relations.reserve(doc.triples.size());
    size_t line = 0;
    for (const Triple& t : doc.triples) {
      ++line;
      AG_ASSIGN_OR_RETURN(std::string s, entity(t.source, t.source_type, line));
      AG_ASSIGN_OR_RETURN(std::string g, entity(t.target, t.target_type, line));
      Relation r;
      r.source = std::move(s);
      r.target = std::move(g);
      r.relation = t.relation;
      if (const extract::VerbForm* f = lex_->Verb(t.relation)) {
        r.relation = f->entry->relation;
        r.event = f->entry->event;
      }
      r.weight = t.weight;
      r.date = t.date;
      r.sentence = -1;
      out.relations.push_back(std::move(r));
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
