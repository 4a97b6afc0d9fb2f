#include "fraudgen/validate/recent_ids.h"

#include <functional>

namespace fraudgen::validate {

std::optional<RecentIds::Where> RecentIds::insert(uint32_t area, int64_t at, std::string_view id, Where here) {
  Area& c = areas_[area];
  while (!c.order.empty() && c.order.front().first < at - window_ms_) {
    c.seen.erase(c.order.front().second);
    c.order.pop_front();
  }
  const uint64_t key = std::hash<std::string_view>()(id);
  auto [it, fresh] = c.seen.try_emplace(key, here);
  if (!fresh) return it->second;
  c.order.emplace_back(at, key);
  return std::nullopt;
}

}  // namespace fraudgen::validate
