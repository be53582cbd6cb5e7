// The CLI's shared pieces: parsed arguments, the command table entry and helpers every subcommand uses
// (database path resolution, error printing). The CLI uses only the public headers in include/actorgraph.
#ifndef AG_CLI_CLI_H_
#define AG_CLI_CLI_H_

#include <map>
#include <string>
#include <vector>

#include "actorgraph/status.h"

namespace ag::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Options of the form --name VALUE / --name=VALUE / -o VALUE, flags, and positional arguments.
struct Args {
  std::map<std::string, std::vector<std::string>> options;  // option name (without dashes) -> values
  std::vector<std::string> positional;
  bool help = false;

  bool Has(const std::string& name) const { return options.count(name) > 0; }
  // Last value of the option, or `def`.
  std::string Get(const std::string& name, const std::string& def = "") const {
    auto it = options.find(name);
    return it == options.end() || it->second.empty() ? def : it->second.back();
  }
  std::vector<std::string> All(const std::string& name) const {
    auto it = options.find(name);
    return it == options.end() ? std::vector<std::string>() : it->second;
  }
};

struct Command {
  const char* name;
  const char* usage;    // after "actorgraph NAME "
  const char* summary;  // one line
  const char* help;     // option details
  // Options that take a value; anything else starting with '-' (but "-" alone) is a usage error.
  std::vector<std::string> value_options;
  std::vector<std::string> flag_options;
  int (*run)(const Args& args);
};

const std::vector<Command>& Commands();

// --db, else $ACTORGRAPH_DB, else ./actorgraph.db.
std::string DatabasePath(const Args& args);
// Prints "actorgraph: <message>" to stderr and returns kExitFailure.
int Fail(const Status& status);
// Prints "actorgraph NAME: <message>" plus a hint to stderr and returns kExitUsage.
int UsageError(const Command& cmd, const std::string& message);
// Parses a non-negative integer option; false and a message when malformed.
bool ParseInt(const std::string& text, long long* out);

int RunIngest(const Args& args);
int RunExtract(const Args& args);
int RunQuery(const Args& args);
int RunExport(const Args& args);
int RunStats(const Args& args);
int RunEntities(const Args& args);
int RunShow(const Args& args);

}  // namespace ag::cli

#endif  // AG_CLI_CLI_H_
