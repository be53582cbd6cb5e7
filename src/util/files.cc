// Whole-file reads for the loaders. See files.h.
#include "util/files.h"

#include <fstream>
#include <sstream>

namespace ag {

Result<std::string> ReadFileToString(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open" + (what.empty() ? "" : " " + std::string(what)));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace ag
