// Lexicon loading and English verb inflection. Regular forms are generated from the lemma (meet -> meets,
// meeting; sign -> signed; ban -> banned with "double"); irregular past forms come from the lexicon.
#include "extract/lexicon.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>


#include "text/normalize.h"
#include "util/files.h"
#include "util/strings.h"

namespace ag::extract {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::string Third(const std::string& w) {
  if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") || EndsWith(w, "sh") ||
      EndsWith(w, "o"))
    return w + "es";
  if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2])) return w.substr(0, w.size() - 1) + "ies";
  return w + "s";
}

std::string Ing(const std::string& w, bool dbl) {
  if (EndsWith(w, "ie")) return w.substr(0, w.size() - 2) + "ying";
  if (w.size() > 2 && w.back() == 'e' && !EndsWith(w, "ee") && !EndsWith(w, "ye") && !EndsWith(w, "oe"))
    return w.substr(0, w.size() - 1) + "ing";
  if (dbl) return w + w.back() + "ing";
  return w + "ing";
}

std::string Past(const std::string& w, bool dbl) {
  if (w.back() == 'e') return w + "d";
  if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2])) return w.substr(0, w.size() - 1) + "ied";
  if (dbl) return w + w.back() + "ed";
  return w + "ed";
}

Result<std::string> ReadWholeFile(const std::string& path) { return ReadFileToString(path, "lexicon file"); }

std::vector<std::string> StringArray(const rapidjson::Value& obj, const char* key) {
  std::vector<std::string> out;
  auto it = obj.FindMember(key);
  if (it != obj.MemberEnd() && it->value.IsArray())
    for (const auto& v : it->value.GetArray())
      if (v.IsString()) out.emplace_back(v.GetString());
  return out;
}

std::string OptString(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return (it != obj.MemberEnd() && it->value.IsString()) ? it->value.GetString() : "";
}

}  // namespace

Status Lexicon::LoadUserVerbs(const std::string& path) {
  AG_RETURN_IF_ERROR(cameo_.LoadPetrarch(path));
  files_.push_back(path);
  return Status::OK();
}

Result<std::unique_ptr<Lexicon>> Lexicon::Load(const std::string& data_dir, const std::string& user_relations) {
  std::unique_ptr<Lexicon> lex(new Lexicon());
  AG_RETURN_IF_ERROR(lex->LoadRelations(data_dir + "/relations.json", false));
  if (!user_relations.empty()) AG_RETURN_IF_ERROR(lex->LoadRelations(user_relations, true));
  const std::string dir = data_dir + "/lexicon/";
  AG_RETURN_IF_ERROR(lex->LoadLines(dir + "titles.txt", &lex->titles_, true));
  AG_RETURN_IF_ERROR(lex->cameo_.LoadPlover(dir + "cameo_plover.tsv"));
  AG_RETURN_IF_ERROR(lex->cameo_.LoadTsv(dir + "cameo_verbs.tsv"));
  lex->files_.push_back(dir + "cameo_plover.tsv");
  lex->files_.push_back(dir + "cameo_verbs.tsv");
  AG_RETURN_IF_ERROR(lex->LoadLines(dir + "org_words.txt", &lex->org_words_, false));
  AG_RETURN_IF_ERROR(lex->LoadLines(dir + "not_names.txt", &lex->not_names_, false));
  AG_RETURN_IF_ERROR(lex->LoadLines(dir + "first_names.txt", &lex->first_names_, false));
  AG_RETURN_IF_ERROR(lex->LoadLines(dir + "female_names.txt", &lex->female_names_, false));
  std::vector<std::pair<std::string, std::string>> rows;
  AG_RETURN_IF_ERROR(lex->LoadTsv(dir + "nationalities.tsv", &rows));
  for (auto& [demonym, country] : rows) {
    lex->nationalities_[demonym] = country;
    lex->nationalities_[demonym + "s"] = country;  // "Syrians"
  }
  lex->AddCountriesFromIcu();
  rows.clear();
  AG_RETURN_IF_ERROR(lex->LoadTsv(dir + "countries.tsv", &rows));
  for (auto& [variant, canonical] : rows) {
    EntityType type = EntityType::kGpe;
    if (canonical == "European Union" || canonical == "United Nations" || canonical == "NATO")
      type = EntityType::kOrg;
    lex->AddPlace(variant, canonical, type, type == EntityType::kGpe);
    lex->AddPlace(canonical, canonical, type, type == EntityType::kGpe);
  }
  rows.clear();
  AG_RETURN_IF_ERROR(lex->LoadTsv(dir + "organisations.tsv", &rows));
  for (auto& [name, canonical] : rows) lex->AddPlace(name, canonical, EntityType::kOrg);
  AG_RETURN_IF_ERROR(lex->LoadLines(dir + "loc_words.txt", &lex->loc_words_, false));
  AG_RETURN_IF_ERROR(lex->LoadLines(dir + "event_words.txt", &lex->event_words_, false));
  AG_RETURN_IF_ERROR(lex->LoadLines(dir + "group_nouns.txt", &lex->group_nouns_, true));
  {
    // verb_lemmas.tsv: a lemma alone on its line, or an irregular form and its lemma.
    std::unordered_set<std::string> lines;
    AG_RETURN_IF_ERROR(lex->LoadLines(dir + "verb_lemmas.tsv", &lines, true));
    for (const std::string& line : lines) {
      size_t tab = line.find('\t');
      if (tab == std::string::npos) {
        lex->verb_lemmas_.insert(line);
      } else {
        lex->verb_irregular_[line.substr(0, tab)] = line.substr(tab + 1);
      }
    }
  }
  rows.clear();
  AG_RETURN_IF_ERROR(lex->LoadTsv(dir + "capitals.tsv", &rows));
  for (auto& [capital, country] : rows) lex->capitals_[text::NameKey(capital)] = country;
  rows.clear();
  AG_RETURN_IF_ERROR(lex->LoadTsv(dir + "places.tsv", &rows));
  for (auto& [name, type] : rows) lex->AddPlace(name, name, type == "LOC" ? EntityType::kLoc : EntityType::kGpe);
  return lex;
}

namespace {

std::string JsonErrorPlace(const std::string& path, const std::string& content, size_t offset) {
  int line = 1, col = 1;
  for (size_t i = 0; i < offset && i < content.size(); ++i) {
    if (content[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(content[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return path + ":" + std::to_string(line) + ":" + std::to_string(col);
}

}  // namespace

Status Lexicon::LoadUserAliases(const std::string& path) {
  files_.push_back(path);
  AG_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(path));
  rapidjson::Document doc;
  doc.Parse(content.c_str(), content.size());
  if (doc.HasParseError())
    return Status::ParseError(JsonErrorPlace(path, content, doc.GetErrorOffset()) +
                              ": malformed JSON: " + rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject()) return Status::ParseError(path + ": expected a JSON object");
  auto names = [&](const char* key, std::unordered_set<std::string>* out) -> Status {
    auto it = doc.FindMember(key);
    if (it == doc.MemberEnd()) return Status::OK();
    if (!it->value.IsArray()) return Status::ParseError(path + ": \"" + key + "\" must be an array of names");
    for (const auto& v : it->value.GetArray()) {
      if (!v.IsString()) return Status::ParseError(path + ": \"" + key + "\" must be an array of names");
      out->insert(text::NameKey(v.GetString()));
    }
    return Status::OK();
  };
  AG_RETURN_IF_ERROR(names("ignore", &ignored_));
  AG_RETURN_IF_ERROR(names("keep_apart", &kept_apart_));
  auto actors = doc.FindMember("actors");
  if (actors == doc.MemberEnd()) return Status::OK();
  if (!actors->value.IsArray()) return Status::ParseError(path + ": \"actors\" must be an array");
  int index = 0;
  for (const auto& a : actors->value.GetArray()) {
    std::string where = path + ": actors[" + std::to_string(index++) + "]";
    if (!a.IsObject() || OptString(a, "name").empty()) return Status::ParseError(where + ": missing \"name\"");
    UserActor actor;
    actor.name = OptString(a, "name");
    std::string type = OptString(a, "type");
    if (!type.empty()) {
      Result<EntityType> t = ParseEntityType(type);
      if (!t.ok()) return Status::ParseError(where + ": " + t.status().message());
      actor.type = t.value();
    }
    user_aliases_[text::NameKey(actor.name)] = actor;
    for (const std::string& alias : StringArray(a, "aliases")) {
      std::string key = text::NameKey(alias);
      if (!key.empty()) user_aliases_[key] = actor;
    }
  }
  return Status::OK();
}

Status Lexicon::LoadRelations(const std::string& path, bool user) {
  files_.push_back(path);
  AG_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(path));
  rapidjson::Document doc;
  doc.Parse(content.c_str(), content.size());
  if (doc.HasParseError()) {
    size_t off = doc.GetErrorOffset();
    int line = 1, col = 1;
    for (size_t i = 0; i < off && i < content.size(); ++i) {
      if (content[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return Status::ParseError(path + ":" + std::to_string(line) + ":" + std::to_string(col) +
                              ": malformed JSON: " + rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject() || !doc.HasMember("verbs") || !doc["verbs"].IsArray())
    return Status::ParseError(path + ": expected an object with a \"verbs\" array");
  int index = 0;
  for (const auto& v : doc["verbs"].GetArray()) {
    ++index;
    if (!v.IsObject() || OptString(v, "lemma").empty())
      return Status::ParseError(path + ": verbs[" + std::to_string(index - 1) + "]: missing \"lemma\"");
    auto entry = std::make_unique<VerbEntry>();
    entry->lemma = AsciiLower(OptString(v, "lemma"));
    entry->relation = OptString(v, "relation").empty() ? entry->lemma : OptString(v, "relation");
    entry->event = OptString(v, "event");
    entry->quad = OptString(v, "quad");
    bool dbl = v.HasMember("double") && v["double"].IsBool() && v["double"].GetBool();
    AddVerbForms(entry.get(), StringArray(v, "past"), dbl, StringArray(v, "nouns"));
    for (const std::string& phrase : StringArray(v, "phrases")) AddPhrase(phrase, entry.get());
    verbs_.push_back(std::move(entry));
  }
  for (const std::string& phrase : StringArray(doc, "no_relation")) AddPhrase(phrase, nullptr);
  (void)user;
  return Status::OK();
}

void Lexicon::AddPhrase(const std::string& phrase, const VerbEntry* entry) {
  std::vector<std::string> words = Split(AsciiLower(phrase), ' ');
  words.erase(std::remove(words.begin(), words.end(), std::string()), words.end());
  if (words.size() < 2) return;
  std::vector<Phrase>& list = phrases_[words[0]];
  list.push_back(Phrase{std::vector<std::string>(words.begin() + 1, words.end()), entry});
  std::stable_sort(list.begin(), list.end(),
                   [](const Phrase& a, const Phrase& b) { return a.rest.size() > b.rest.size(); });
}

const VerbEntry* Lexicon::MatchPhrase(const std::string& lemma, const std::function<std::string_view(int)>& next,
                                      bool* matched, int* length) const {
  *matched = false;
  auto it = phrases_.find(lemma);
  if (it == phrases_.end()) return nullptr;
  for (const Phrase& p : it->second) {
    bool all = true;
    for (size_t k = 0; k < p.rest.size() && all; ++k) all = next(static_cast<int>(k)) == p.rest[k];
    if (all) {
      *matched = true;
      if (length != nullptr) *length = static_cast<int>(p.rest.size());
      return p.entry;
    }
  }
  return nullptr;
}

void Lexicon::AddVerbForms(const VerbEntry* e, const std::vector<std::string>& past, bool dbl,
                           const std::vector<std::string>& nouns) {
  const std::string& w = e->lemma;
  // Later entries (the user's lexicon) override earlier ones form by form.
  forms_[w] = {e, VerbFormKind::kBase};
  forms_[Third(w)] = {e, VerbFormKind::kThird};
  forms_[Ing(w, dbl)] = {e, VerbFormKind::kIng};
  if (past.empty()) {
    forms_[Past(w, dbl)] = {e, VerbFormKind::kPast};
  } else {
    for (const auto& p : past) forms_[AsciiLower(p)] = {e, VerbFormKind::kPast};
  }
  for (const auto& n : nouns) {
    std::string key = AsciiLower(n);
    if (!forms_.count(key)) forms_[key] = {e, VerbFormKind::kNoun};
  }
}

Status Lexicon::LoadLines(const std::string& path, std::unordered_set<std::string>* out, bool lower) {
  files_.push_back(path);
  AG_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(path));
  for (const std::string& raw : Split(content, '\n')) {
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    out->insert(lower ? AsciiLower(line) : std::string(line));
  }
  return Status::OK();
}

Status Lexicon::LoadTsv(const std::string& path, std::vector<std::pair<std::string, std::string>>* out) {
  files_.push_back(path);
  AG_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(path));
  int line_no = 0;
  for (const std::string& raw : Split(content, '\n')) {
    ++line_no;
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      return Status::ParseError(path + ":" + std::to_string(line_no) + ": expected two tab-separated columns");
    out->emplace_back(std::string(Trim(line.substr(0, tab))), std::string(Trim(line.substr(tab + 1))));
  }
  return Status::OK();
}

void Lexicon::AddPlace(const std::string& name, const std::string& canonical, EntityType type, bool country) {
  std::string key = text::NameKey(name);
  if (key.empty()) return;
  places_[key] = PlaceInfo{canonical, type, country};
}

void Lexicon::AddCountriesFromIcu() {
  for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
    icu::UnicodeString display;
    icu::Locale("", *code).getDisplayCountry(icu::Locale::getEnglish(), display);
    std::string name;
    display.toUTF8String(name);
    if (name.empty() || name == *code) continue;
    // "Myanmar (Burma)" -> "Myanmar" and "Burma"; "Hong Kong SAR China" stays as is.
    size_t paren = name.find(" (");
    if (paren != std::string::npos && name.back() == ')') {
      std::string inner = name.substr(paren + 2, name.size() - paren - 3);
      name = name.substr(0, paren);
      AddPlace(inner, name, EntityType::kGpe, true);
    }
    AddPlace(name, name, EntityType::kGpe, true);
  }
}

const VerbForm* Lexicon::Verb(std::string_view lower) const {
  auto it = forms_.find(std::string(lower));
  return it == forms_.end() ? nullptr : &it->second;
}

const std::string* Lexicon::Nationality(std::string_view word) const {
  auto it = nationalities_.find(std::string(word));
  return it == nationalities_.end() ? nullptr : &it->second;
}

std::string Lexicon::VerbLemma(std::string_view lower) const {
  std::string w(lower);
  if (auto it = verb_irregular_.find(w); it != verb_irregular_.end()) return it->second;
  if (verb_lemmas_.count(w)) return w;
  std::string c;
  // Tries the stem of w without its last `cut` letters plus `add`: "recognised" -> "recognise".
  auto known = [&](size_t cut, std::string_view add) {
    if (w.size() <= cut + 1) return false;
    c.assign(w, 0, w.size() - cut);
    c += add;
    return verb_lemmas_.count(c) > 0;
  };
  auto undoubled = [&](size_t cut) {  // "stopped" -> "stop"
    size_t n = w.size() - cut;
    if (n < 3 || w[n - 1] != w[n - 2]) return false;
    c.assign(w, 0, n - 1);
    return verb_lemmas_.count(c) > 0;
  };
  if (EndsWith(w, "ies") && known(3, "y")) return c;
  if (EndsWith(w, "es") && known(2, "")) return c;
  if (EndsWith(w, "s") && known(1, "")) return c;
  if (EndsWith(w, "ied") && known(3, "y")) return c;
  if (EndsWith(w, "ed") && (known(2, "") || known(1, "") || undoubled(2))) return c;
  if (EndsWith(w, "ing") && (known(3, "") || known(3, "e") || undoubled(3))) return c;
  return "";
}

// A verb that wields a means or runs an operation: "X launched/conducted/continued strikes against Y".
bool IsWieldVerb(std::string_view w) {
  static const std::unordered_set<std::string_view> kWield = {
      "use", "used", "uses", "using", "launch", "launched", "launches", "launching", "conduct",
      "conducted", "conducts", "conducting", "wage", "waged", "wages", "waging", "carry", "carried",
      "carries", "carrying", "continue", "continued", "continues", "mount", "mounted", "intensify",
      "intensified", "step", "stepped", "lead", "led", "leads", "escalate", "escalated", "deploy",
      "deployed", "fire", "fired", "fly", "flew", "flown", "begin", "began", "begun", "start", "started",
      // light verbs: "gave a warm welcome to X", "provided air support for Y", "held talks with Z"
      "give", "gave", "given", "gives", "giving", "provide", "provided", "provides", "providing", "offer",
      "offered", "offers", "extend", "extended", "lend", "lent", "pledge", "pledged", "express", "expressed",
      "hold", "held", "holds", "make", "made", "makes", "announce", "announced", "open", "opened", "opens",
      "lodge", "lodged", "lodges", "file", "filed", "files", "voice", "voiced", "voices", "issue", "issued",
      "issues",  // "lodged a protest with", "filed a complaint against"
      // sanctions are imposed, lifted, eased, tightened
      "impose", "imposed", "imposes", "imposing", "lift", "lifted", "lifts", "lifting", "ease", "eased",
      "eases", "tighten", "tightened", "tightens", "extend", "renew", "renewed"};
  return kWield.count(w) > 0;
}

const PlaceInfo* Lexicon::Place(const std::string& key) const {
  auto it = places_.find(key);
  return it == places_.end() ? nullptr : &it->second;
}

}  // namespace ag::extract
