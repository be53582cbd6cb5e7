// Reading a small data file (a lexicon, a dictionary, a model header) whole, with the error every loader
// gives when it cannot.
#ifndef AG_UTIL_FILES_H_
#define AG_UTIL_FILES_H_

#include <string>
#include <string_view>

#include "actorgraph/status.h"

namespace ag {

// The bytes of the file at `path`. IOError "PATH: cannot open WHAT" ("PATH: cannot open" when `what` is
// empty) when it cannot be opened.
Result<std::string> ReadFileToString(const std::string& path, std::string_view what);

}  // namespace ag

#endif  // AG_UTIL_FILES_H_
