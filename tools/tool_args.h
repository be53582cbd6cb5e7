// Command-line options of the training tools (train_tagger, train_parser): `tool COMMAND [--key value]...
// [positional]...`, parsed into a map of options and a list of positional arguments, and the dispatch to
// the command's function. Header-only; not part of any library.
#ifndef AG_TOOLS_TOOL_ARGS_H_
#define AG_TOOLS_TOOL_ARGS_H_

#include <cstdlib>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace ag::tools {

struct Args {
  std::map<std::string, std::string> opts;
  std::vector<std::string> positional;
  std::string Get(const std::string& k, const std::string& def) const {
    auto it = opts.find(k);
    return it == opts.end() ? def : it->second;
  }
  int GetInt(const std::string& k, int def) const {
    auto it = opts.find(k);
    return it == opts.end() ? def : std::atoi(it->second.c_str());
  }
};

// Reads argv[2..] (argv[1] is the command). False when an option has no value.
inline bool ParseArgs(int argc, char** argv, Args* a) {
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0) {
      if (i + 1 >= argc) return false;
      a->opts[s.substr(2)] = argv[++i];
    } else {
      a->positional.push_back(s);
    }
  }
  return true;
}

struct Command {
  const char* name;
  int (*run)(const Args&);
};

// Runs the command argv[1] names with the options that follow and returns its exit code; returns usage()
// (which prints the usage, exit code 2) when there is no command, it is unknown or an option has no value.
inline int RunCommand(int argc, char** argv, std::initializer_list<Command> commands, int (*usage)()) {
  if (argc < 2) return usage();
  Args a;
  if (!ParseArgs(argc, argv, &a)) return usage();
  const std::string cmd = argv[1];
  for (const Command& c : commands)
    if (cmd == c.name) return c.run(a);
  return usage();
}

}  // namespace ag::tools

#endif  // AG_TOOLS_TOOL_ARGS_H_
