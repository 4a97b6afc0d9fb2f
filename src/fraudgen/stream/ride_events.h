// The rides of a capital over a span of days as stream events: each ride request is one event
// when the ride is over (ended_at when COMPLETED, cancelled_at otherwise, NO_DRIVER included),
// carrying the row generate writes. The rows come from the ride tables' own block simulator
// (rides/ride_blocks.h), which makes any block alone with the 8 days before it, so a stream's
// rides are generate's rows whatever days it cuts them into. The event time and tie-break
// columns are read from the encoded batch by name; every other column flows through untouched.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "fraudgen/rides/ride_blocks.h"
#include "fraudgen/stream/jsonl_rows.h"
#include "fraudgen/stream/stream_event.h"

namespace fraudgen {

// A ride's key (stream_event.h): when it is over, then the rider (a customer number), then when
// it was requested (a ride's id is a function of the rider and that instant, so keys are unique).
inline EventKey ride_event_key(int64_t over_ms, uint64_t rider, int64_t requested_ms) {
  return {over_ms, static_cast<uint8_t>(Table::Rides), rider, static_cast<uint64_t>(requested_ms)};
}

class RideBlockEvents {
 public:
  // With `spill_dir`, each block's 8 days before wait there while its history is counted.
  explicit RideBlockEvents(const RideWorld& world, const std::filesystem::path& spill_dir = {});

  // The events of a slice of rides: keys[i] is the key of lines[i], valid during the call.
  using Take = std::function<void(std::span<const EventKey> keys, std::span<const std::string_view> lines)>;
  // Makes the events of the rides requested in dispatch area `area` on local dates [first_day, end_day), in
  // request order, and hands them to `take` kSliceRides at a time: a large area's day is never
  // held whole as lines.
  void make(uint32_t area, int64_t first_day, int64_t end_day, const Take& take);
  static constexpr uint64_t kSliceRides = 4096;

 private:
  const RideWorld& world_;
  const std::filesystem::path spill_dir_;
  RideLayout layout_;
  uint64_t turn_ = 1;  // the layout's block made last
  std::optional<RideBlockSimulator> sim_;
  JsonlRows rows_;
  std::vector<EventKey> keys_;
  int ended_at_, cancelled_at_, requested_at_, customer_id_;  // column indices in the rides schema
};

}  // namespace fraudgen
