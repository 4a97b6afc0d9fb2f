// Ids seen lately in each city, to find one used twice. The ride tables are too large to remember
// every id, and their ids hash what they name (a rider and a request instant, an account and an
// online instant), so a repeat lies in the same city; the window bounds the memory.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fraudgen::validate {

class RecentIds {
 public:
  struct Where {
    const std::string* file;
    uint64_t row;
  };
  RecentIds(size_t cities, int64_t window_ms) : cities_(cities), window_ms_(window_ms) {}
  // Where `id` was seen in the city within the window before `at` (instants of one city come in
  // order), or nullopt, remembering it then.
  std::optional<Where> insert(uint32_t city, int64_t at, std::string_view id, Where here);

 private:
  struct City {
    std::deque<std::pair<int64_t, uint64_t>> order;  // (instant, id hash), oldest first
    std::unordered_map<uint64_t, Where> seen;
  };
  std::vector<City> cities_;
  int64_t window_ms_;
};

}  // namespace fraudgen::validate
