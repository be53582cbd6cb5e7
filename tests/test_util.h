// Shared test helpers: EXPECT_OK / ASSERT_OK for Status and Result, a temporary directory that removes
// itself, and running the actorgraph binary for black-box tests.
#ifndef AG_TESTS_TEST_UTIL_H_
#define AG_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "actorgraph/status.h"

namespace ag::testing {

inline const ::ag::Status& ToStatus(const ::ag::Status& s) { return s; }
template <typename T>
const ::ag::Status& ToStatus(const ::ag::Result<T>& r) { return r.status(); }

#define EXPECT_OK(expr) EXPECT_TRUE(::ag::testing::ToStatus(expr).ok()) << ::ag::testing::ToStatus(expr).ToString()
#define ASSERT_OK(expr) ASSERT_TRUE(::ag::testing::ToStatus(expr).ok()) << ::ag::testing::ToStatus(expr).ToString()

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "actorgraph-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  // Writes `content` to path()/name and returns the full path.
  std::string Write(const std::string& name, const std::string& content) const {
    std::filesystem::create_directories(std::filesystem::path(File(name)).parent_path());
    std::ofstream(File(name), std::ios::binary) << content;
    return File(name);
  }

 private:
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs a shell command line; captures stdout and stderr (stderr through a temp file).
inline RunResult Run(const std::string& command, const std::string& stdin_text = "") {
  TempDir tmp;
  std::string in_path = tmp.Write("stdin", stdin_text);
  std::string err_path = tmp.File("stderr");
  std::string full = "(" + command + ") <'" + in_path + "' 2>'" + err_path + "'";
  RunResult r;
  FILE* p = ::popen(full.c_str(), "r");
  if (!p) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = ::pclose(p);
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  r.err = ReadFile(err_path);
  return r;
}

}  // namespace ag::testing

#endif  // AG_TESTS_TEST_UTIL_H_
