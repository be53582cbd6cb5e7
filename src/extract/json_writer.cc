// The `extract` JSON-lines contract writer (see docs/data-model.md). Written by hand rather than through
// a DOM: the shape is fixed and this is on the streaming hot path.
#include <string>

#include "actorgraph/extract.h"
#include "text/utf8.h"

namespace ag {

std::string ExtractionToJson(const Extraction& x) {
  std::string o;
  o.reserve(256 + x.entities.size() * 96 + x.relations.size() * 160);
  auto str = [&](const std::string& s) {
    o += '"';
    o += text::JsonEscape(s);
    o += '"';
  };
  o += "{\"doc\":";
  str(x.doc_id);
  o += ",\"entities\":[";
  for (size_t i = 0; i < x.entities.size(); ++i) {
    const Entity& e = x.entities[i];
    if (i) o += ',';
    o += "{\"id\":";
    str(e.id);
    o += ",\"name\":";
    str(e.name);
    o += ",\"type\":";
    str(EntityTypeName(e.type));
    if (!e.title.empty()) {
      o += ",\"title\":";
      str(e.title);
    }
    // Always present, null when unknown, like a relation's event.
    for (const auto& [field, value] : {std::pair<const char*, const std::string*>{",\"code\":", &e.code},
                                       {",\"country\":", &e.country},
                                       {",\"sector\":", &e.sector}}) {
      o += field;
      if (value->empty()) {
        o += "null";
      } else {
        str(*value);
      }
    }
    o += ",\"mentions\":[";
    for (size_t k = 0; k < e.mentions.size(); ++k) {
      const Mention& m = e.mentions[k];
      if (k) o += ',';
      o += "{\"begin\":" + std::to_string(m.begin) + ",\"end\":" + std::to_string(m.end) + ",\"text\":";
      str(m.text);
      if (m.reference) o += ",\"kind\":\"reference\"";
      o += '}';
    }
    o += "]}";
  }
  auto relations = [&](bool links) {
  bool first = true;
  for (size_t i = 0; i < x.relations.size(); ++i) {
    const Relation& r = x.relations[i];
    if (r.link != links) continue;
    if (!first) o += ',';
    first = false;
    o += "{\"source\":";
    str(r.source);
    o += ",\"target\":";
    str(r.target);
    o += ",\"relation\":";
    str(r.relation);
    o += ",\"event\":";
    if (r.event.empty()) {
      o += "null";
    } else {
      str(r.event);
    }
    o += ",\"cameo\":";
    if (r.cameo.empty()) {
      o += "null";
    } else {
      str(r.cameo);
    }
    o += ",\"sentence\":" + std::to_string(r.sentence) + ",\"begin\":" + std::to_string(r.begin) +
         ",\"end\":" + std::to_string(r.end) + ",\"negated\":" + (r.negated ? "true" : "false") +
         ",\"modality\":\"" + ModalityName(r.modality) + "\"";
    if (!r.attributed_to.empty()) {
      o += ",\"attributed_to\":";
      str(r.attributed_to);
    }
    o += '}';
  }
  };
  o += "],\"relations\":[";
  relations(false);
  o += "],\"links\":[";
  relations(true);
  o += "]}";
  return o;
}

}  // namespace ag
