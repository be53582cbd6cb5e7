// actorgraph's entry point: the command table, argument parsing and --help. Results go to stdout,
// messages and progress to stderr; exit 0 on success, 1 on failure, 2 on a usage error.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "cli/cli.h"

namespace ag::cli {
namespace {

void PrintMainHelp() {
  std::cout << "actorgraph: builds a knowledge graph of actors and their relations from news articles.\n\n"
               "usage: actorgraph <command> [options]\n\ncommands:\n";
  for (const Command& c : Commands()) std::printf("  %-9s %s\n", c.name, c.summary);
  std::cout << "\nThe database is --db FILE, else $ACTORGRAPH_DB, else ./actorgraph.db.\n"
               "Run 'actorgraph <command> --help' for a command's options.\n";
}

void PrintCommandHelp(const Command& c) {
  std::cout << "usage: actorgraph " << c.name << " " << c.usage << "\n\n" << c.summary << "\n\n" << c.help;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

// Parses argv after the command name. Returns false (with *error) on an unknown or incomplete option.
bool ParseArgs(const Command& c, int argc, char** argv, Args* out, std::string* error) {
  bool only_positional = false;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (only_positional || a == "-" || a.empty() || a[0] != '-') {
      out->positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    if (a == "--help" || a == "-h") {
      out->help = true;
      continue;
    }
    std::string name, value;
    bool has_value = false;
    if (a.rfind("--", 0) == 0) {
      name = a.substr(2);
      size_t eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
    } else {
      name = a.substr(1);  // short options: -o FILE, -e TEXT
    }
    if (Contains(c.flag_options, name)) {
      if (has_value) {
        *error = "option --" + name + " takes no value";
        return false;
      }
      out->options[name].push_back("true");
      continue;
    }
    if (!Contains(c.value_options, name)) {
      *error = "unknown option " + a;
      return false;
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        *error = "option " + a + " needs a value";
        return false;
      }
      value = argv[++i];
    }
    out->options[name].push_back(value);
  }
  return true;
}

}  // namespace
}  // namespace ag::cli

int main(int argc, char** argv) {
  using namespace ag::cli;
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    PrintMainHelp();
    return kExitUsage;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    if (argc >= 3) {
      for (const Command& c : Commands())
        if (argv[2] == std::string(c.name)) {
          PrintCommandHelp(c);
          return kExitOk;
        }
    }
    PrintMainHelp();
    return kExitOk;
  }
  if (name == "--version") {
    std::cout << "actorgraph 0.1.0\n";
    return kExitOk;
  }
  for (const Command& c : Commands()) {
    if (name != c.name) continue;
    Args args;
    std::string error;
    if (!ParseArgs(c, argc - 2, argv + 2, &args, &error)) return UsageError(c, error);
    if (args.help) {
      PrintCommandHelp(c);
      return kExitOk;
    }
    return c.run(args);
  }
  std::cerr << "actorgraph: unknown command '" << name << "'\n"
            << "Run 'actorgraph --help' for the list of commands.\n";
  return kExitUsage;
}
