// An empty folder of this test process's own under the system's temporary folder, for the tests
// that give the code a spill folder; the test removes it.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <string>

namespace fraudgen::test_support {

inline std::filesystem::path fresh_folder(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("fraudgen-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace fraudgen::test_support
