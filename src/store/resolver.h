// Resolution of a document's actors against the actors already stored, beyond equal name keys: a lone
// surname or a variant of a full name joins the person it names ("Volcker", "Paul A. Volcker" -> "Paul
// Volcker"), an acronym joins the organisation whose initials it spells ("ICO" -> "International Coffee
// Organization"), and a full name completes a node stored under the surname or acronym alone (the node
// is renamed). A candidate joins only when it is the one that agrees: given names that agree, no
// conflicting country affiliation, and among namesakes the one sharing the most actors with the document;
// otherwise the document's actor stays its own node. Every join is recorded with its rule (table merges).
// The rules are described in docs/entity-resolution.md ("Across documents"). One Resolver serves one
// ingest transaction; not thread-safe.
#ifndef AG_STORE_RESOLVER_H_
#define AG_STORE_RESOLVER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "actorgraph/status.h"
#include "store/sqlite_util.h"

namespace ag::store {

class Resolver {
 public:
  // What the document knows while its entities are written.
  struct Context {
    const std::unordered_set<std::string_view>* doc_keys = nullptr;  // keys of all the document's entities
    const std::unordered_set<int64_t>* used_ids = nullptr;          // stored ids the document already took
    // True when the stored entity conflicts with what the document says of its actor (other countries).
    std::function<Result<bool>(int64_t id)> conflicts;
  };
  struct Match {
    int64_t id = 0;  // 0: no stored entity
    std::string name;  // the stored entity's name (the name the document's actor takes)
    const char* rule = nullptr;
    bool adopted = false;  // the stored node is a lone surname or acronym now named in full
  };

  static Result<Resolver> Create(Connection* conn);

  // The stored entity that the document's actor `name` (name key `key`, EntityType value `type`) names
  // under another form, or a Match with id 0. `found_exact` says whether an entity with the key itself
  // exists: then only a lone surname or acronym looks further (it prefers the one full name it stands for).
  Result<Match> Find(std::string_view name, std::string_view key, int type, bool found_exact, const Context& ctx);

  // Renames an adopted node to the full name (entities and its document rows).
  Status Adopt(int64_t id, std::string_view name, std::string_view key, int type);
  // Indexes entity `id` under the keys of `key` (NameKeys).
  Status Index(int64_t id, std::string_view key, int type);
  // Records that the document `doc_row` named entity `id` as `name` by `rule`.
  Status Record(int64_t id, int64_t doc_row, std::string_view name, const char* rule);

 private:
  Resolver() = default;
  Result<int> SharedActors(int64_t id, const Context& ctx);
  Result<Match> FindSpellingVariant(std::string_view key, const Context& ctx);
  // The stored node under `lone_key` (or `other_key`) that a full name completes, when its type is
  // `type` or OTHER and `fits` accepts its name.
  Result<Match> FindLone(std::string_view lone_key, std::string_view other_key, int type,
                         const std::function<bool(std::string_view name)>& fits, const Context& ctx);

  Statement by_key_, add_key_, neighbours_, find_, adopt_, adopt_docs_, record_;
};

}  // namespace ag::store

#endif  // AG_STORE_RESOLVER_H_
