// Reference CSV files compiled into the binary (see cmake/embed_data.cmake).
#pragma once
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fraudgen {

struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

std::span<const EmbeddedFile> embedded_files();

// The content of data/NAME; throws when the build left it out.
inline std::string_view embedded_file(std::string_view name) {
  for (const EmbeddedFile& f : embedded_files())
    if (f.name == name) return f.content;
  throw std::runtime_error("reference data file missing from the build: " + std::string(name));
}

}  // namespace fraudgen
