#include "fraudgen/run/manifest_names.h"

#include <cstdio>

namespace fraudgen {

std::string shard_manifest_name(uint32_t index, uint32_t count) {
  char name[64];
  std::snprintf(name, sizeof name, "manifest.shard-%05u-of-%05u.json", index, count);
  return name;
}

bool is_shard_manifest(std::string_view name) {
  constexpr std::string_view kPrefix = "manifest.shard-", kSuffix = ".json";
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return false;
  name = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  const size_t of = name.find("-of-");
  auto digits = [](std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; };
  return of != std::string_view::npos && digits(name.substr(0, of)) && digits(name.substr(of + 4));
}

}  // namespace fraudgen
