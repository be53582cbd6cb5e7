// The Extractor: runs segmentation, the actor pass and the relation pass over a document and converts the
// result to the public Extraction (code-point offsets, entity ids in order of first mention). Triples
// documents are converted directly.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actorgraph/extract.h"
#include "extract/actor_codes.h"
#include "extract/analysis.h"
#include "extract/lexicon.h"
#include "extract/mentions.h"
#include "extract/ner_tagger.h"
#include "extract/pos_tagger.h"
#include "extract/attribution.h"
#include "extract/relations.h"
#include "text/normalize.h"
#include "text/segment.h"
#include "text/utf8.h"

#ifndef AG_DATA_DIR
#define AG_DATA_DIR "data"
#endif

namespace ag {
namespace {

// FromTriples' map from an actor's raw name to its entity index: open addressing over one slot array,
// with the names copied into one arena. A triples file names its actors millions of times; a lookup here
// touches a slot and the arena (a few MB for 200,000 actors) instead of a node and a Triple somewhere in
// hundreds of MB, which made std::unordered_map cost a third of the conversion.
class NameIndex {
 public:
  explicit NameIndex(size_t expected) {
    size_t capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    slots_.resize(capacity);
  }

  // The value stored for `name`, or nullptr.
  const size_t* Find(std::string_view name) const {
    const uint64_t hash = Hash(name);
    for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& slot = slots_[i];
      if (slot.size == kEmpty) return nullptr;
      if (slot.hash == hash && std::string_view(arena_).substr(slot.offset, slot.size) == name)
        return &slot.value;
    }
  }

  // Adds `name`, which must not be present.
  void Insert(std::string_view name, size_t value) {
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    Place({Hash(name), arena_.size(), name.size(), value});
    arena_.append(name);
    ++used_;
  }

 private:
  static constexpr size_t kEmpty = SIZE_MAX;
  struct Slot {
    uint64_t hash = 0;
    size_t offset = 0;
    size_t size = kEmpty;
    size_t value = 0;
  };

  static uint64_t Hash(std::string_view s) { return std::hash<std::string_view>()(s); }

  void Place(const Slot& slot) {
    size_t i = slot.hash & (slots_.size() - 1);
    while (slots_[i].size != kEmpty) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = slot;
  }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& slot : old)
      if (slot.size != kEmpty) Place(slot);
  }

  std::vector<Slot> slots_;
  std::string arena_;
  size_t used_ = 0;
};

class ExtractorImpl : public Extractor {
 public:
  ExtractorImpl(std::unique_ptr<extract::Lexicon> lex, std::unique_ptr<extract::PosTagger> pos,
                std::unique_ptr<extract::NerTagger> ner, std::unique_ptr<extract::ActorDictionary> actors)
      : lex_(std::move(lex)), pos_(std::move(pos)), ner_(std::move(ner)), actors_(std::move(actors)) {
    taggers_.pos = pos_.get();
    taggers_.ner = ner_.get();
  }

  std::string Fingerprint() const override { return fingerprint_; }
  void set_fingerprint(std::string f) { fingerprint_ = std::move(f); }

  Result<Extraction> Extract(const Document& doc) const override {
    if (doc.is_triples) return FromTriples(doc);
    Extraction out;
    out.doc_id = doc.id;
    extract::DocAnalysis a;
    // The passes read the unwrapped copy (same offsets), so that a name wrapped onto the next line
    // ("Federal Reserve\nBoard") is one name with a space; mention texts are cut from doc.text below.
    std::string unwrapped;
    text::Segmentation seg = text::Segment(doc.text, &unwrapped);
    a.text = unwrapped;
    a.sentences = seg.sentences;
    extract::BuildTokens(seg, &a);
    extract::FindActors(*lex_, taggers_, &a);
    std::vector<extract::RelationBuild> rels;
    extract::FindRelations(*lex_, a, &rels);
    extract::AttributeReportedSpeech(*lex_, a, &rels);
    std::vector<extract::ActorCode> codes;
    extract::CodeActors(*actors_, *lex_, a, doc.date, &codes);

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
      if (eb.type == EntityType::kPerson) e.title = eb.title;
      const extract::ActorCode& code = codes[order[k]];
      e.code = code.code;
      e.country = code.country;
      e.sector = code.sector;
      // The dictionary's type of a name counts only where the passes found none: letting it override
      // the tagger's PERSON or GPE with ORG lowered CoNLL-2003 dev F1 from 0.882 to 0.880.
      if (e.type == EntityType::kOther && code.type != EntityType::kOther) e.type = code.type;
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
    // The references relations use are mentions too (marked), so that each relation's evidence names
    // where its actors stand in the text.
    std::vector<int> index_of(a.entities.size(), -1);
    for (size_t k = 0; k < order.size(); ++k) index_of[order[k]] = static_cast<int>(k);
    auto add_reference = [&](int entity, int tb, int te) {
      if (entity < 0 || index_of[entity] < 0 || tb < 0 || te <= tb) return;
      Entity& e = out.entities[index_of[entity]];
      int32_t b = a.toks[tb].b, en = a.toks[te - 1].e;
      Mention m;
      m.begin = map.ToCodePoint(b);
      m.end = map.ToCodePoint(en);
      for (const Mention& old : e.mentions)
        if (old.begin < m.end && m.begin < old.end) return;
      m.text = doc.text.substr(b, en - b);
      m.reference = true;
      e.mentions.insert(std::upper_bound(e.mentions.begin(), e.mentions.end(), m,
                                         [](const Mention& x, const Mention& y) { return x.begin < y.begin; }),
                        std::move(m));
    };
    for (const extract::RelationBuild& rb : rels) {
      if (rb.source_ref) add_reference(rb.source, rb.source_tb, rb.source_te);
      if (rb.target_ref) add_reference(rb.target, rb.target_tb, rb.target_te);
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
      r.cameo = rb.cameo;
      const extract::Tok& t = a.toks[rb.verb_tok];
      r.sentence = t.sentence;
      r.begin = map.ToCodePoint(t.b);
      r.end = map.ToCodePoint(t.e);
      r.negated = rb.negated;
      r.modality = rb.modality;
      if (rb.attributed >= 0 && rb.attributed != rb.source && !ids[rb.attributed].empty())
        r.attributed_to = ids[rb.attributed];
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
    NameIndex by_name(doc.triples.size() / 4);       // raw name -> index in out.entities
    std::unordered_map<std::string, size_t> by_key;  // NameKey -> index in out.entities
    by_key.reserve(doc.triples.size() / 4 + 16);
    // Types while the triples are read (written into out.entities at the end): a byte per entity stays
    // in cache where the Entity structs would not.
    std::vector<EntityType> types;
    // The few type names of a file, parsed once each.
    std::vector<std::pair<std::string, EntityType>> type_names;
    auto entity = [&](const std::string& name, const std::string& type_name, size_t line) -> Result<size_t> {
      const size_t* seen = by_name.Find(name);
      std::string key;
      if (seen == nullptr) {
        key = text::NameKey(name);
        if (key.empty())
          return Status::InvalidArgument(doc.origin + ": triple " + std::to_string(line) + ": name \"" + name +
                                         "\" has no letters or digits");
      }
      EntityType type = EntityType::kOther;
      if (!type_name.empty()) {
        auto known = std::find_if(type_names.begin(), type_names.end(),
                                  [&](const auto& p) { return p.first == type_name; });
        if (known != type_names.end()) {
          type = known->second;
        } else {
          Result<EntityType> t = ParseEntityType(type_name);
          if (!t.ok())
            return Status::InvalidArgument(doc.origin + ": triple " + std::to_string(line) + ": " +
                                           t.status().message());
          type = t.value();
          type_names.emplace_back(type_name, type);
        }
      }
      size_t index;
      if (seen != nullptr) {
        index = *seen;
      } else {
        auto [it, inserted] = by_key.try_emplace(std::move(key), out.entities.size());
        if (inserted) {
          Entity e;
          e.id = "e" + std::to_string(out.entities.size() + 1);
          e.name = text::ToNfc(name);
          out.entities.push_back(std::move(e));
          types.push_back(type);
        }
        index = it->second;
        by_name.Insert(name, index);
      }
      if (types[index] == EntityType::kOther) types[index] = type;
      return index;
    };
    // Entity ids are "e<index + 1>" (as above), formatted here rather than read from the Entity.
    auto set_id = [](size_t index, std::string* id) {
      char buf[24] = {'e'};
      *id = std::string_view(buf, std::to_chars(buf + 1, buf + sizeof buf, index + 1).ptr - buf);
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
      set_id(s, &r.source);
      set_id(g, &r.target);
      r.relation = name->second.relation;
      r.event = name->second.event;
      r.weight = t.weight;
      r.date = t.date;
      r.sentence = -1;
    }
    for (size_t i = 0; i < out.entities.size(); ++i) out.entities[i].type = types[i];
    // Actor codes by name; a triples file has no text to read agent nouns or capitals from.
    for (const auto& [key, index] : by_key) {
      Entity& e = out.entities[index];
      extract::ActorCode code = extract::CodeByName(*actors_, key, e.type, doc.date);
      e.code = std::move(code.code);
      e.country = std::move(code.country);
      e.sector = std::move(code.sector);
      if (e.type == EntityType::kOther && code.type != EntityType::kOther) e.type = code.type;
    }
    return out;
  }

  std::string fingerprint_;
  std::unique_ptr<extract::Lexicon> lex_;
  std::unique_ptr<extract::PosTagger> pos_;
  std::unique_ptr<extract::NerTagger> ner_;
  std::unique_ptr<extract::ActorDictionary> actors_;
  extract::Taggers taggers_;
};

}  // namespace

namespace {

// Bump when extraction code changes what it extracts from the same text, so that stores re-extract.
constexpr const char* kExtractionVersion = "actorgraph-extraction-3";

// The fingerprint of a configuration: the content hash of the code version and every file read.
std::string ConfigurationFingerprint(const std::vector<std::string>& files) {
  Document d;
  d.text = kExtractionVersion;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    d.text += '\0';
    d.text += path.substr(path.find_last_of('/') + 1);
    d.text += '\0';
    d.text += ss.str();
  }
  return DocumentHash(d);
}

}  // namespace

Result<std::unique_ptr<Extractor>> Extractor::Create(const ExtractorOptions& options) {
  std::string dir = options.data_dir;
  if (dir.empty()) {
    const char* env = std::getenv("ACTORGRAPH_DATA");
    dir = (env != nullptr && *env != '\0') ? env : AG_DATA_DIR;
  }
  AG_ASSIGN_OR_RETURN(std::unique_ptr<extract::Lexicon> lex, extract::Lexicon::Load(dir, options.user_lexicon));
  if (!options.alias_file.empty()) AG_RETURN_IF_ERROR(lex->LoadUserAliases(options.alias_file));
  if (!options.verbs_file.empty()) AG_RETURN_IF_ERROR(lex->LoadUserVerbs(options.verbs_file));
  AG_ASSIGN_OR_RETURN(std::unique_ptr<extract::PosTagger> pos,
                      extract::PosTagger::Load(dir + "/models/pos-ewt.model"));
  AG_ASSIGN_OR_RETURN(std::unique_ptr<extract::NerTagger> ner,
                      extract::NerTagger::Load(dir + "/models/ner-conll.model", dir + "/lexicon"));
  auto actors = std::make_unique<extract::ActorDictionary>();
  AG_RETURN_IF_ERROR(actors->LoadShipped(dir + "/lexicon"));
  if (!options.actors_file.empty()) AG_RETURN_IF_ERROR(actors->LoadUser(options.actors_file));
  std::vector<std::string> files = lex->files();
  files.push_back(dir + "/models/pos-ewt.model");
  files.push_back(dir + "/models/ner-conll.model");
  for (const std::string& f : actors->files()) files.push_back(f);
  auto impl = std::make_unique<ExtractorImpl>(std::move(lex), std::move(pos), std::move(ner), std::move(actors));
  impl->set_fingerprint(ConfigurationFingerprint(files));
  return std::unique_ptr<Extractor>(std::move(impl));
}

}  // namespace ag
