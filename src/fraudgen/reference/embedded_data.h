// Reference CSV files compiled into the binary (see cmake/embed_data.cmake).
#pragma once
#include <span>
#include <string_view>

namespace fraudgen {

struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

std::span<const EmbeddedFile> embedded_files();

}  // namespace fraudgen
