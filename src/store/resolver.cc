// Cross-document resolution by name parts. See resolver.h.
#include "store/resolver.h"

#include "actorgraph/extract.h"
#include "store/name_keys.h"

namespace ag::store {
namespace {

constexpr int kPerson = static_cast<int>(EntityType::kPerson);
constexpr int kOrg = static_cast<int>(EntityType::kOrg);
constexpr int kOther = static_cast<int>(EntityType::kOther);

}  // namespace

Result<Resolver> Resolver::Create(Connection* conn) {
  Resolver r;
  AG_ASSIGN_OR_RETURN(r.by_key_, conn->Prepare(
      "SELECT n.entity_id, e.norm, e.name, e.type FROM name_keys n JOIN entities e ON e.id = n.entity_id "
      "WHERE n.key = ?1 LIMIT 64"));
  AG_ASSIGN_OR_RETURN(r.add_key_, conn->Prepare("INSERT OR IGNORE INTO name_keys(key, entity_id) VALUES(?1, ?2)"));
  AG_ASSIGN_OR_RETURN(r.neighbours_, conn->Prepare(
      "SELECT e.id, e.norm FROM relations r JOIN entities e ON e.id = r.target_id WHERE r.source_id = ?1 "
      "UNION SELECT e.id, e.norm FROM relations r JOIN entities e ON e.id = r.source_id WHERE r.target_id = ?1"));
  AG_ASSIGN_OR_RETURN(r.find_, conn->Prepare("SELECT id, type, name FROM entities WHERE norm = ?1"));
  AG_ASSIGN_OR_RETURN(r.adopt_, conn->Prepare("UPDATE entities SET name = ?2, norm = ?3, type = ?4 WHERE id = ?1"));
  AG_ASSIGN_OR_RETURN(r.adopt_docs_, conn->Prepare("UPDATE doc_entities SET name = ?2 WHERE entity_id = ?1"));
  AG_ASSIGN_OR_RETURN(r.record_, conn->Prepare(
      "INSERT OR IGNORE INTO merges(entity_id, doc_id, name, rule) VALUES(?1, ?2, ?3, ?4)"));
  return r;
}

Result<int> Resolver::SharedActors(int64_t id, const Context& ctx) {
  neighbours_.Reset();
  neighbours_.BindInt(1, id);
  int shared = 0;
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, neighbours_.Step());
    if (!row) break;
    if (ctx.used_ids->count(neighbours_.Int(0)) || ctx.doc_keys->count(neighbours_.TextView(1))) ++shared;
  }
  return shared;
}

Result<Resolver::Match> Resolver::Find(std::string_view name, std::string_view key, int type, bool found_exact,
                                       const Context& ctx) {
  Match match;
  std::string index_key;
  PersonName pn;
  if (type == kPerson) {
    pn = SplitPersonName(key);
    if (pn.surname.empty() || (found_exact && !pn.given.empty())) return match;
    index_key = "surname:" + pn.surname;
  } else if (type == kOrg || type == kOther) {
    if (type == kOrg && !found_exact) {
      AG_ASSIGN_OR_RETURN(match, FindSpellingVariant(key, ctx));
      if (match.id != 0) return match;
    }
    index_key = AcronymKey(name);
    if (index_key.empty()) {
      // A full name that may complete a stored acronym ("International Coffee Organization" after "ICO").
      std::string initials = type == kOrg && !found_exact ? InitialsKey(key) : std::string();
      if (initials.empty()) return match;
      by_key_.Reset();
      by_key_.BindText(1, initials);
      for (;;) {
        AG_ASSIGN_OR_RETURN(bool row, by_key_.Step());
        if (!row) break;
        if (by_key_.Int(3) == kOrg) return match;  // an organisation with these initials exists
      }
      const std::string letters = initials.substr(initials.find(':') + 1);
      auto acronym = [&](std::string_view stored) { return "initials:" + letters == AcronymKey(stored); };
      AG_ASSIGN_OR_RETURN(match, FindLone(letters, letters, kOrg, acronym, ctx));
      if (match.id != 0) match.rule = "full name of a lone acronym";
      return match;
    }
  } else {
    return match;
  }

  struct Candidate {
    int64_t id;
    std::string name;
  };
  std::vector<Candidate> fit;
  int same_kind = 0;  // stored entities of the type under the index key
  const int want = type == kPerson ? kPerson : kOrg;
  by_key_.Reset();
  by_key_.BindText(1, index_key);
  std::vector<Candidate> agree;
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, by_key_.Step());
    if (!row) break;
    if (by_key_.Int(3) != want) continue;
    ++same_kind;
    const int64_t id = by_key_.Int(0);
    if (ctx.used_ids->count(id) || ctx.doc_keys->count(by_key_.TextView(1))) continue;
    if (type == kPerson && !GivenNamesAgree(pn.given, SplitPersonName(by_key_.TextView(1)).given)) continue;
    agree.push_back({id, std::string(by_key_.TextView(2))});
  }
  for (Candidate& cand : agree) {
    bool other = false;
    if (type == kPerson && ctx.conflicts) {
      AG_ASSIGN_OR_RETURN(other, ctx.conflicts(cand.id));
    }
    if (!other) fit.push_back(std::move(cand));
  }
  const char* rule = type != kPerson ? "acronym of a full name"
                     : pn.given.empty() ? "surname of a full name"
                                        : "given names agree";
  if (fit.size() == 1) {
    match.id = fit[0].id;
    match.name = std::move(fit[0].name);
    match.rule = rule;
    return match;
  }
  if (fit.size() > 1) {
    // Namesakes: the one this document shares actors with, if exactly one shares the most.
    int best = -1, best_count = 0, ties = 0;
    for (size_t k = 0; k < fit.size(); ++k) {
      AG_ASSIGN_OR_RETURN(int shared, SharedActors(fit[k].id, ctx));
      if (shared > best_count) {
        best = static_cast<int>(k);
        best_count = shared;
        ties = 0;
      } else if (shared == best_count) {
        ++ties;
      }
    }
    if (best >= 0 && ties == 0) {
      match.id = fit[best].id;
      match.name = std::move(fit[best].name);
      match.rule = "shares actors with this document";
    }
    return match;
  }
  if (same_kind > 0 || type != kPerson || pn.given.empty() || found_exact) return match;
  // No person of this surname yet: a stored lone surname ("von weizsaecker", else "weizsaecker") is this
  // person, now named in full.
  const std::string last_word = pn.surname_norm.substr(pn.surname_norm.rfind(' ') + 1);
  AG_ASSIGN_OR_RETURN(match, FindLone(pn.surname_norm, last_word, kPerson, nullptr, ctx));
  if (match.id != 0) match.rule = "full name of a lone surname";
  return match;
}

// "International Coffee Organisation" and "... Organization": the one stored organisation whose name is
// this one in another spelling.
Result<Resolver::Match> Resolver::FindSpellingVariant(std::string_view key, const Context& ctx) {
  Match match;
  const std::string spelling = SpellingKey(key);
  if (spelling.empty()) return match;
  Match only;
  int count = 0;
  by_key_.Reset();
  by_key_.BindText(1, spelling);
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, by_key_.Step());
    if (!row) break;
    if (by_key_.Int(3) != kOrg || ctx.doc_keys->count(by_key_.TextView(1))) continue;
    ++count;
    only.id = by_key_.Int(0);
    only.name = std::string(by_key_.TextView(2));
  }
  if (count != 1 || ctx.used_ids->count(only.id)) return match;
  only.rule = "spelling variant";
  return only;
}

Result<Resolver::Match> Resolver::FindLone(std::string_view lone_key, std::string_view other_key, int type,
                                           const std::function<bool(std::string_view name)>& fits,
                                           const Context& ctx) {
  Match match;
  if (ctx.doc_keys->count(lone_key) || ctx.doc_keys->count(other_key)) return match;
  for (std::string_view k : {lone_key, other_key}) {
    find_.Reset();
    find_.BindText(1, k);
    AG_ASSIGN_OR_RETURN(bool row, find_.Step());
    if (!row) continue;
    const int64_t id = find_.Int(0);
    const int64_t stored_type = find_.Int(1);
    if (ctx.used_ids->count(id) || (stored_type != type && stored_type != kOther)) return match;
    if (fits && !fits(find_.TextView(2))) return match;
    match.id = id;
    match.adopted = true;
    return match;
  }
  return match;
}

Status Resolver::Adopt(int64_t id, std::string_view name, std::string_view key, int type) {
  adopt_.Reset();
  adopt_.BindInt(1, id).BindText(2, name).BindText(3, key).BindInt(4, type);
  AG_RETURN_IF_ERROR(adopt_.Run());
  adopt_docs_.Reset();
  adopt_docs_.BindInt(1, id).BindText(2, name);
  return adopt_docs_.Run();
}

Status Resolver::Index(int64_t id, std::string_view key, int type) {
  for (const std::string& k : NameKeys(key, type)) {
    add_key_.Reset();
    add_key_.BindText(1, k).BindInt(2, id);
    AG_RETURN_IF_ERROR(add_key_.Run());
  }
  return Status::OK();
}

Status Resolver::Record(int64_t id, int64_t doc_row, std::string_view name, const char* rule) {
  record_.Reset();
  record_.BindInt(1, id).BindInt(2, doc_row).BindText(3, name).BindText(4, rule);
  return record_.Run();
}

}  // namespace ag::store
