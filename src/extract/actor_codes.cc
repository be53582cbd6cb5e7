// Actor dictionaries and the coding of a document's actors (see actor_codes.h). The PETRARCH parser here
// and tools/convert_phoenix.py read the format by the same rules; the shipped TSV is the converter's
// output, so loading it needs no PETRARCH parsing at start-up (about 34,000 names, a few milliseconds).
#include "extract/actor_codes.h"

#include <algorithm>
#include <cstdlib>

#include "text/normalize.h"
#include "util/files.h"

namespace ag::extract {
namespace {

// CAMEO's regional codes, which sit where a country does but are none ("MEA" the Middle East, "WST" the
// West).
constexpr const char* kRegions[] = {"AFR", "ASA", "BLK", "BAL", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN",
                                    "EAF", "EEU", "EUR", "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SCN",
                                    "SAM", "SAS", "SEA", "SAF", "WAF", "WST", "WEU", "KKL", "BAH"};

// Organisation types of CAMEO that are not agent sectors of the agents file but sit where a sector does.
constexpr const char* kOrgTypes[] = {"IGO", "NGO", "NGM", "MNC", "IMG", "INT", "UIS", "INS", "SEP", "ELI"};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// YYMMDD (YY <= 30 is 20YY) or YYYYMMDD -> YYYYMMDD; "" when malformed or not a calendar day.
std::string ExpandDate(std::string_view d) {
  if (!AllDigits(d) || (d.size() != 6 && d.size() != 8)) return "";
  std::string out(d);
  if (d.size() == 6) out = (std::atoi(std::string(d.substr(0, 2)).c_str()) <= 30 ? "20" : "19") + out;
  const int y = std::atoi(out.substr(0, 4).c_str()), m = std::atoi(out.substr(4, 2).c_str()),
            day = std::atoi(out.substr(6, 2).c_str());
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || day < 1 || day > kDays[m - 1]) return "";
  if (m == 2 && day == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return "";
  return out;
}

// The inside of "[...]": "CODE", "CODE <DATE", "CODE >DATE", "CODE DATE-DATE". "" on success, else what
// is wrong.
std::string ParseRole(std::string_view body, ActorRole* role) {
  body = Trim(body);
  size_t sp = body.find_first_of(" \t");
  std::string_view code = body.substr(0, sp);
  if (code.empty()) return "empty role \"[]\"";
  std::string upper;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return "actor code \"" + std::string(code) + "\" is not letters and digits";
    upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (upper.find('-') != std::string::npos && upper != "---")
    return "actor code \"" + std::string(code) + "\" is not letters and digits";
  role->code = upper == "---" ? "" : upper;
  role->when = ActorRole::When::kAlways;
  if (sp == std::string_view::npos) return "";
  std::string rest;
  for (char c : body.substr(sp))
    if (c != ' ' && c != '\t') rest += c;
  if (rest.empty()) return "";
  const std::string restriction = body.substr(sp + 1).empty() ? rest : std::string(Trim(body.substr(sp + 1)));
  if (rest[0] == '<' || rest[0] == '>') {
    std::string d = ExpandDate(std::string_view(rest).substr(1));
    if (d.empty()) return "date \"" + rest.substr(1) + "\" is not YYMMDD or YYYYMMDD";
    role->when = rest[0] == '<' ? ActorRole::When::kUntil : ActorRole::When::kFrom;
    (rest[0] == '<' ? role->to : role->from) = d;
    return "";
  }
  size_t dash = rest.find('-');
  if (dash == std::string::npos || rest.find('-', dash + 1) != std::string::npos)
    return "date restriction \"" + restriction + "\" is not <DATE, >DATE or DATE-DATE";
  std::string a = ExpandDate(std::string_view(rest).substr(0, dash));
  if (a.empty()) return "date \"" + rest.substr(0, dash) + "\" is not YYMMDD or YYYYMMDD";
  std::string b = ExpandDate(std::string_view(rest).substr(dash + 1));
  if (b.empty()) return "date \"" + rest.substr(dash + 1) + "\" is not YYMMDD or YYYYMMDD";
  if (b < a) return "date range " + a + "-" + b + " ends before it starts";
  role->when = ActorRole::When::kBetween;
  role->from = a;
  role->to = b;
  return "";
}

// "PHRASE [R1] [R2]" -> the phrase part and the roles; "" on success, else what is wrong.
std::string SplitRoles(std::string_view line, std::string_view* phrase, std::vector<ActorRole>* roles) {
  size_t k = line.find('[');
  if (k == std::string_view::npos) {
    if (line.find(']') != std::string_view::npos) return "\"]\" without \"[\"";
    *phrase = line;
    return "";
  }
  *phrase = line.substr(0, k);
  std::string_view rest = line.substr(k);
  while (!(rest = Trim(rest)).empty()) {
    if (rest[0] != '[') return "text \"" + std::string(rest) + "\" after a role";
    size_t end = rest.find(']');
    if (end == std::string_view::npos) return "\"[\" without \"]\"";
    ActorRole role;
    std::string err = ParseRole(rest.substr(1, end - 1), &role);
    if (!err.empty()) return err;
    roles->push_back(std::move(role));
    rest = rest.substr(end + 1);
  }
  return "";
}

// Underscores are spaces, parenthesised parts dropped, white space collapsed.
std::string CleanPhrase(std::string_view s) {
  std::string out;
  int depth = 0;
  bool space = false;
  for (char c : s) {
    if (c == '(') {
      ++depth;
      space = true;
      continue;
    }
    if (c == ')' && depth > 0) {
      --depth;
      space = true;
      continue;
    }
    if (depth > 0) continue;
    if (c == '_' || c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Days since a fixed origin of a YYYYMMDD string (months of 31 days: only distances are compared).
int64_t Ordinal(std::string_view d) {
  if (d.size() < 8) return 0;
  auto num = [&](size_t at, size_t n) { return std::atoi(std::string(d.substr(at, n)).c_str()); };
  return int64_t{num(0, 4)} * 372 + num(4, 2) * 31 + num(6, 2);
}

bool Holds(const ActorRole& r, std::string_view date) {
  switch (r.when) {
    case ActorRole::When::kAlways:
      return true;
    case ActorRole::When::kUntil:
      return date <= r.to;
    case ActorRole::When::kFrom:
      return date >= r.from;
    case ActorRole::When::kBetween:
      return date >= r.from && date <= r.to;
  }
  return false;
}

// An ISO 8601 date ("2015-03-02", "2015-03-02T10:00Z", "20150302") -> "20150302"; "" when it is none.
std::string DateKey(std::string_view iso) {
  std::string d;
  for (char c : iso.substr(0, std::min<size_t>(iso.size(), 10))) {
    if (c >= '0' && c <= '9')
      d += c;
    else if (c != '-')
      break;
  }
  return d.size() == 8 ? d : "";
}

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t k = s.find(sep, start);
    out.push_back(s.substr(start, k == std::string_view::npos ? std::string_view::npos : k - start));
    if (k == std::string_view::npos) break;
    start = k + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<PetrarchRecord>> ParsePetrarchActors(std::string_view text, const std::string& origin) {
  std::vector<PetrarchRecord> records;
  PetrarchRecord* cur = nullptr;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    auto fail = [&](const std::string& what) {
      return Status::ParseError(origin + ":" + std::to_string(line_no) + ": " + what);
    };
    for (char mark : {'#', ';'})
      if (size_t k = line.find(mark); k != std::string_view::npos) line = line.substr(0, k);
    line = Trim(line);
    if (line.empty()) continue;
    if (line.substr(0, 2) == "<!") continue;  // a one-line XML comment, as PETRARCH allows
    std::string_view phrase_text;
    std::vector<ActorRole> roles;
    if (line[0] == '[') {
      if (cur == nullptr) return fail("a role before any actor");
      std::string err = SplitRoles(line, &phrase_text, &roles);
      if (!err.empty()) return fail(err);
      for (ActorRole& r : roles) cur->roles.push_back(std::move(r));
      continue;
    }
    const bool synonym = line[0] == '+';
    if (synonym) line.remove_prefix(1);
    std::string err = SplitRoles(line, &phrase_text, &roles);
    if (!err.empty()) return fail(err);
    std::string phrase = CleanPhrase(phrase_text);
    if (phrase.empty()) return fail(synonym ? "a synonym (+) without a name" : "no name before the role");
    if (synonym && cur == nullptr) return fail("a synonym (+) before any actor");
    if (cur == nullptr || (!synonym && !cur->roles.empty())) {
      records.emplace_back();
      cur = &records.back();
      cur->line = line_no;
    }
    cur->names.push_back(std::move(phrase));
    for (ActorRole& r : roles) cur->roles.push_back(std::move(r));
  }
  return records;
}

std::string CodeOn(const std::vector<ActorRole>& roles, std::string_view date) {
  if (roles.empty()) return "";
  if (date.empty()) {
    for (const ActorRole& r : roles)
      if (r.when == ActorRole::When::kFrom) return r.code;
    for (const ActorRole& r : roles)
      if (r.when == ActorRole::When::kAlways) return r.code;
    const ActorRole* last = &roles[0];
    for (const ActorRole& r : roles)
      if (r.to > last->to) last = &r;
    return last->code;
  }
  for (const ActorRole& r : roles)
    if (r.when != ActorRole::When::kAlways && Holds(r, date)) return r.code;
  for (const ActorRole& r : roles)
    if (r.when == ActorRole::When::kAlways) return r.code;
  // No role holds on the date (a gap, or before or after every role): the nearest one.
  const int64_t d = Ordinal(date);
  const ActorRole* best = nullptr;
  int64_t best_gap = 0;
  for (const ActorRole& r : roles) {
    int64_t gap = 0;
    if (!r.from.empty() && d < Ordinal(r.from)) gap = Ordinal(r.from) - d;
    if (!r.to.empty() && d > Ordinal(r.to)) gap = d - Ordinal(r.to);
    if (best == nullptr || gap < best_gap) {
      best = &r;
      best_gap = gap;
    }
  }
  return best->code;
}

Status ActorDictionary::LoadShipped(const std::string& lexicon_dir) {
  const std::string actors_path = lexicon_dir + "/actors_phoenix.tsv";
  for (const char* t : kOrgTypes) sectors_.insert(t);
  auto read = [](const std::string& path, std::string* out) -> Status {
    AG_ASSIGN_OR_RETURN(*out, ReadFileToString(path, "actor dictionary"));
    return Status::OK();
  };
  std::string text;
  int line_no = 0;
  // Phoenix's agents, then the team's additions (agents.tsv), which override them.
  for (const std::string& agents_path : {lexicon_dir + "/agents_phoenix.tsv", lexicon_dir + "/agents.tsv"}) {
    AG_RETURN_IF_ERROR(read(agents_path, &text));
    files_.push_back(agents_path);
    line_no = 0;
    for (std::string_view line : SplitOn(text, '\n')) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      size_t tab = line.find('\t');
      if (tab == std::string_view::npos)
        return Status::ParseError(agents_path + ":" + std::to_string(line_no) + ": expected phrase<TAB>code");
      std::string phrase(line.substr(0, tab)), code(Trim(line.substr(tab + 1)));
      max_agent_words_ =
          std::max<size_t>(max_agent_words_, std::count(phrase.begin(), phrase.end(), ' ') + 1);
      std::string bare;
      for (char c : code)
        if (c != '~') bare += c;
      for (size_t k = 0; k + 3 <= bare.size(); k += 3) sectors_.insert(bare.substr(k, 3));
      agents_[std::move(phrase)] = std::move(code);
    }
  }
  AG_RETURN_IF_ERROR(read(actors_path, &text));
  files_.push_back(actors_path);
  entries_.reserve(40000);
  line_no = 0;
  for (std::string_view line : SplitOn(text, '\n')) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](const std::string& what) {
      return Status::ParseError(actors_path + ":" + std::to_string(line_no) + ": " + what);
    };
    std::vector<std::string_view> cols = SplitOn(line, '\t');
    if (cols.size() != 3) return fail("expected type<TAB>roles<TAB>names");
    EntityType type = EntityType::kOther;
    if (cols[0] == "GPE")
      type = EntityType::kGpe;
    else if (cols[0] == "ORG")
      type = EntityType::kOrg;
    else if (cols[0] == "PERSON")
      type = EntityType::kPerson;
    std::vector<ActorRole> roles;
    for (std::string_view r : SplitOn(cols[1], ';')) {
      ActorRole role;
      std::string err = ParseRole(r, &role);
      if (!err.empty()) return fail(err);
      roles.push_back(std::move(role));
    }
    NoteCountries(roles, type == EntityType::kGpe);
    const uint32_t index = static_cast<uint32_t>(role_lists_.size());
    role_lists_.push_back(std::move(roles));
    for (std::string_view name : SplitOn(cols[2], '|')) {
      std::string key = text::NameKey(name);
      if (key.empty()) continue;
      auto [it, inserted] = entries_.try_emplace(std::move(key), Entry{index, type});
      if (!inserted) {
        // Two names the converter kept apart share a key here: the later roles follow the earlier ones.
        std::vector<ActorRole> merged = role_lists_[it->second.roles];
        for (const ActorRole& r : role_lists_[index]) merged.push_back(r);
        it->second.roles = static_cast<uint32_t>(role_lists_.size());
        role_lists_.push_back(std::move(merged));
      }
    }
  }
  return Status::OK();
}

void ActorDictionary::NoteCountries(const std::vector<ActorRole>& roles, bool shipped_place) {
  for (const ActorRole& r : roles) {
    if (r.code.size() != 3) continue;
    if (!std::all_of(r.code.begin(), r.code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) continue;
    // A state of the shipped dictionary is a GPE record; elsewhere any bare three-letter code that is no
    // sector ("MUS" is Mauritius as a state but Muslim as a sector).
    if (shipped_place || !sectors_.count(r.code)) countries_.insert(r.code);
  }
}

Status ActorDictionary::LoadUser(const std::string& path) {
  AG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path, "actor dictionary"));
  AG_RETURN_IF_ERROR(AddUser(text, path));
  files_.push_back(path);
  return Status::OK();
}

Status ActorDictionary::AddUser(std::string_view text, const std::string& origin) {
  for (const char* t : kOrgTypes) sectors_.insert(t);
  AG_ASSIGN_OR_RETURN(std::vector<PetrarchRecord> records, ParsePetrarchActors(text, origin));
  std::unordered_set<std::string> defined;  // keys this file has given roles so far
  for (PetrarchRecord& rec : records) {
    if (rec.roles.empty()) continue;  // no code: nothing to look up
    NoteCountries(rec.roles, false);
    for (const std::string& name : rec.names) {
      std::string key = text::NameKey(name);
      if (key.empty()) continue;
      auto it = entries_.find(key);
      if (it == entries_.end() || defined.insert(key).second) {
        // New to the dictionary, or first defined by this file: the file's roles replace the shipped ones.
        const uint32_t index = static_cast<uint32_t>(role_lists_.size());
        role_lists_.push_back(rec.roles);
        if (it == entries_.end()) {
          entries_.emplace(key, Entry{index, EntityType::kOther});
          defined.insert(key);
        } else {
          it->second.roles = index;
        }
      } else {
        std::vector<ActorRole> merged = role_lists_[it->second.roles];
        for (const ActorRole& r : rec.roles) merged.push_back(r);
        it->second.roles = static_cast<uint32_t>(role_lists_.size());
        role_lists_.push_back(std::move(merged));
      }
    }
  }
  return Status::OK();
}

const std::vector<ActorRole>* ActorDictionary::Roles(const std::string& key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &role_lists_[it->second.roles];
}

const std::string* ActorDictionary::Agent(std::string_view lower_phrase) const {
  auto it = agents_.find(std::string(lower_phrase));
  return it == agents_.end() ? nullptr : &it->second;
}

void ActorDictionary::Split(const std::string& code, std::string* country, std::string* sector) const {
  country->clear();
  sector->clear();
  size_t k = 0;
  // A state's code of the dictionary, or any three letters that are neither a sector nor a region (the
  // states whose Phoenix record has only dated codes, a user's own "FRDGOV").
  auto is_country = [&](const std::string& p) {
    if (countries_.count(p)) return true;
    if (!std::all_of(p.begin(), p.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return false;
    return !sectors_.count(p) && std::find_if(std::begin(kRegions), std::end(kRegions),
                                              [&](const char* r) { return p == r; }) == std::end(kRegions);
  };
  if (code.size() >= 3 && is_country(code.substr(0, 3))) {
    *country = code.substr(0, 3);
    k = 3;
  }
  for (; k + 3 <= code.size(); k += 3) {
    std::string chunk = code.substr(k, 3);
    if (!sectors_.count(chunk)) continue;
    if (!sector->empty()) *sector += ' ';
    *sector += chunk;
  }
}

ActorCode ActorDictionary::Lookup(const std::string& key, std::string_view date) const {
  ActorCode out;
  auto it = entries_.find(key);
  if (it == entries_.end()) return out;
  out.type = it->second.type;
  out.code = CodeOn(role_lists_[it->second.roles], date);
  Split(out.code, &out.country, &out.sector);
  return out;
}

std::string ActorDictionary::ApplyAgent(const std::string& actor_code, const std::string& agent) {
  std::string bare;
  for (char c : agent)
    if (c != '~') bare += c;
  if (!agent.empty() && agent.back() == '~') return bare + actor_code;
  // "~GOV" after "SYRGOV" adds nothing new.
  if (actor_code.size() >= bare.size() &&
      actor_code.compare(actor_code.size() - bare.size(), bare.size(), bare) == 0)
    return actor_code;
  return actor_code + bare;
}

namespace {

// Index of the first token starting at or after byte `b`.
size_t TokenAt(const DocAnalysis& a, int32_t b) {
  return std::lower_bound(a.toks.begin(), a.toks.end(), b, [](const Tok& t, int32_t x) { return t.b < x; }) -
         a.toks.begin();
}

// The longest agent phrase starting at token `t` within its sentence: its code, or nullptr.
const std::string* AgentAt(const ActorDictionary& dict, const DocAnalysis& a, size_t t, size_t max_words) {
  const std::string* best = nullptr;
  std::string phrase;
  for (size_t k = t; k < a.toks.size() && k < t + max_words; ++k) {
    if (a.toks[k].kind != text::TokenKind::kWord || a.toks[k].sentence != a.toks[t].sentence) break;
    if (k > t) phrase += ' ';
    phrase += a.toks[k].lower;
    if (const std::string* code = dict.Agent(phrase)) best = code;
  }
  return best;
}

// The sector codes of an agent code: "~GOVMED" -> "GOV MED".
std::string AgentSectors(const std::string& agent) {
  std::string bare, out;
  for (char ch : agent)
    if (ch != '~') bare += ch;
  for (size_t k = 0; k + 3 <= bare.size(); k += 3) out += (out.empty() ? "" : " ") + bare.substr(k, 3);
  return out;
}

}  // namespace

ActorCode CodeByName(const ActorDictionary& dict, const std::string& key, EntityType type,
                     std::string_view iso_date) {
  ActorCode c = dict.Lookup(key, DateKey(iso_date));
  if ((type == EntityType::kPerson && c.type == EntityType::kGpe) ||
      (type == EntityType::kGpe && c.type == EntityType::kPerson))
    return ActorCode{};
  return c;
}

void CodeActors(const ActorDictionary& dict, const Lexicon& lex, const DocAnalysis& a,
                std::string_view iso_date, std::vector<ActorCode>* out) {
  const std::string date = DateKey(iso_date);
  out->assign(a.entities.size(), ActorCode{});
  // The code of a state named by `words` (a name, a demonym, a possessive "Syria's"), or "".
  auto state_code = [&](std::string words) -> ActorCode {
    for (const char* poss : {"'s", "\xE2\x80\x99s"}) {
      const std::string p(poss);
      if (words.size() > p.size() && words.compare(words.size() - p.size(), p.size(), p) == 0)
        words.resize(words.size() - p.size());
    }
    // A state is named by a capitalised word: "male civilians" is no Maldivian (Male) and "army
    // officers" no army's.
    if (words.empty() || (words[0] >= 'a' && words[0] <= 'z')) return ActorCode{};
    std::string key = text::NameKey(words);
    ActorCode c = dict.Lookup(key, date);
    if (c.type == EntityType::kPerson) c = ActorCode{};
    if (c.country.empty() && c.sector.find("IGO") == std::string::npos) {
      c = ActorCode{};
      const std::string* country = lex.Nationality(words);
      if (country == nullptr) {
        const PlaceInfo* place = lex.Place(key);
        if (place != nullptr && place->country) country = &place->canonical;
      }
      if (country != nullptr) c = dict.Lookup(text::NameKey(*country), date);
    }
    if (c.country.empty() && c.sector.find("IGO") == std::string::npos) return ActorCode{};
    return c;
  };
  auto finish = [&](ActorCode* c) { dict.Split(c->code, &c->country, &c->sector); };
  for (size_t i = 0; i < a.entities.size(); ++i) {
    const EntityBuild& eb = a.entities[i];
    ActorCode& c = (*out)[i];
    if (eb.spans.empty()) continue;
    // A capital acting stands for its government ("Damascus said").
    if (eb.type == EntityType::kGpe || eb.type == EntityType::kOther) {
      if (const std::string* country = lex.CountryOfCapital(text::NameKey(eb.name))) {
        ActorCode state = state_code(*country);
        if (!state.country.empty()) {
          c.code = state.country + "GOV";
          finish(&c);
          c.type = EntityType::kGpe;
          continue;
        }
      }
    }
    // eb.key is the actor pass's merge key, which need not be the name's NameKey.
    std::string key = text::NameKey(eb.name);
    if (key.rfind("the ", 0) == 0) key = key.substr(4);
    c = dict.Lookup(key, date);
    if (c.code.empty()) c = dict.Lookup("the " + key, date);  // "THE UNITED NATIONS"
    // A person is no place and a place no person: "Jordan" the man is not the state.
    if ((eb.type == EntityType::kPerson && c.type == EntityType::kGpe) ||
        (eb.type == EntityType::kGpe && c.type == EntityType::kPerson))
      c = ActorCode{};
    if (!c.code.empty()) {
      // "Syrian army", "Iraqi officials": a demonym whose every mention is followed by an agent noun is
      // that state's agent.
      if (eb.type == EntityType::kNorp && !c.country.empty() && c.code.size() == 3) {
        const std::string* agent = nullptr;
        bool all = true;
        for (const auto& [b, e] : eb.spans) {
          const std::string* here = AgentAt(dict, a, TokenAt(a, e), 4);
          if (here == nullptr) {
            all = false;
            break;
          }
          if (agent == nullptr) agent = here;
        }
        if (all && agent != nullptr) {
          c.code = ActorDictionary::ApplyAgent(c.code, *agent);
          finish(&c);
        }
      }
      continue;
    }
    // A state and an agent noun in the name: "Syrian army", "Egyptian military", "Syria's government".
    std::vector<std::string> words;
    for (std::string_view w : SplitOn(eb.name, ' '))
      if (!w.empty()) words.emplace_back(w);
    if (!words.empty() && (words[0] == "the" || words[0] == "The")) words.erase(words.begin());
    for (size_t split = 0; split < words.size(); ++split) {
      std::string suffix;
      for (size_t k = split; k < words.size(); ++k) {
        if (k > split) suffix += ' ';
        for (char ch : words[k]) suffix += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
      }
      const std::string* agent = dict.Agent(suffix);
      if (agent == nullptr) continue;
      if (split == 0) {
        // Only an unnamed actor is named by its agent noun: "the Community" or "Congress" as a name is an
        // organisation of its own.
        if (eb.type != EntityType::kGroup) break;
        // An agent alone ("government forces"): its sector; the state, when the word before a mention
        // names one ("Syrian government forces", "Syria's government forces").
        ActorCode state;
        for (const auto& [b, e] : eb.spans) {
          size_t t = TokenAt(a, b);
          if (t == 0) break;
          std::string before(a.toks[t - 1].s);
          if (t >= 2 && (a.toks[t - 1].lower == "'s" || a.toks[t - 1].lower == "\xE2\x80\x99s"))
            before = std::string(a.toks[t - 2].s);
          if (a.toks[t - 1].kind == text::TokenKind::kWord && a.toks[t - 1].cap)
            state = state_code(before);
          else if (t >= 2 && a.toks[t - 2].cap)
            state = state_code(before);
          break;  // the first mention decides
        }
        c.code = state.code.empty() ? "" : ActorDictionary::ApplyAgent(state.code, *agent);
        if (c.code.empty()) {
          c.sector = AgentSectors(*agent);
        } else {
          finish(&c);
        }
        break;
      }
      std::string prefix;
      for (size_t k = 0; k < split; ++k) prefix += (k ? " " : "") + words[k];
      ActorCode state = state_code(prefix);
      if (state.code.empty()) {
        // "male civilians": no state before the agent noun, but an unnamed group still has its sector.
        if (eb.type == EntityType::kGroup && c.sector.empty()) c.sector = AgentSectors(*agent);
        continue;
      }
      c.code = ActorDictionary::ApplyAgent(state.code, *agent);
      finish(&c);
      break;
    }
  }
}

}  // namespace ag::extract
