#include "fraudgen/core/file_text.h"

#include <fstream>
#include <sstream>

namespace fraudgen {

std::optional<std::string> read_file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace fraudgen
