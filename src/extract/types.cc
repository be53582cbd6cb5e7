// Names of the persisted enums of extract.h, and their parsing.
#include "actorgraph/extract.h"
#include "util/strings.h"

namespace ag {

const char* EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson: return "PERSON";
    case EntityType::kOrg: return "ORG";
    case EntityType::kGpe: return "GPE";
    case EntityType::kLoc: return "LOC";
    case EntityType::kNorp: return "NORP";
    case EntityType::kOther: return "OTHER";
    case EntityType::kGroup: return "GROUP";
  }
  return "OTHER";
}

Result<EntityType> ParseEntityType(const std::string& name) {
  std::string n = AsciiLower(name);
  if (n == "person" || n == "per") return EntityType::kPerson;
  if (n == "org" || n == "organization" || n == "organisation") return EntityType::kOrg;
  if (n == "gpe") return EntityType::kGpe;
  if (n == "loc" || n == "location") return EntityType::kLoc;
  if (n == "norp" || n == "nationality") return EntityType::kNorp;
  if (n == "other" || n == "misc") return EntityType::kOther;
  if (n == "group") return EntityType::kGroup;
  return Status::InvalidArgument("unknown entity type \"" + name +
                                 "\" (expected PERSON, ORG, GPE, LOC, NORP, GROUP or OTHER)");
}

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kPlanned: return "planned";
    case Modality::kHedged: return "hedged";
  }
  return "asserted";
}

}  // namespace ag
