// Ids seen lately in each dispatch area, to find one used twice. The ride tables are too large to
// remember every id, and their ids hash what they name (a rider and a request instant, an account
// and an online instant), so a repeat lies in the same area (a rider's and a driver's rides are
// all in one); the window bounds the memory.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fraudgen/validate/per_area.h"

namespace fraudgen::validate {

class RecentIds {
 public:
  struct Where {
    const std::string* file;
    uint64_t row;
  };
  explicit RecentIds(int64_t window_ms) : window_ms_(window_ms) {}
  // Where `id` was seen in the area (per_area.h) within the window before `at` (instants of one
  // area come in order), or nullopt, remembering it then.
  std::optional<Where> insert(uint32_t area, int64_t at, std::string_view id, Where here);

 private:
  struct Area {
    std::deque<std::pair<int64_t, uint64_t>> order;  // (instant, id hash), oldest first
    std::unordered_map<uint64_t, Where> seen;
  };
  PerArea<Area> areas_;
  int64_t window_ms_;
};

}  // namespace fraudgen::validate
