// When each driver account was online and busy, per dispatch area: every ride an account accepted lies
// within one of its sessions (accepted_at in [online_at, offline_at)), an account is never on two
// rides at once (accepted_at to ended_at or cancelled_at), and its sessions do not overlap; nor do
// the sessions of two accounts of one app on one phone (device_id): a phone shared by two
// people's accounts, or a second account on a driver's phone, serves them in turns.
// Rides come in request order per dispatch area and sessions nearly so (blocks of an area and span
// of days in both tables), so only what can still meet a later row is kept.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fraudgen/validate/check_context.h"
#include "fraudgen/validate/per_area.h"
#include "fraudgen/validate/ride_facts.h"

namespace fraudgen::validate {

class DriverSchedule {
 public:
  explicit DriverSchedule(const CheckContext& ctx) : ctx_(ctx) {}
  // A session of `account` in dispatch area `area` (per_area.h) on `phone` (device_id hashed, when known): checked against
  // the account's other sessions and those of the phone's other accounts on the app, then kept.
  void add_session(const RowRef& row, uint32_t area, uint64_t account, std::optional<uint64_t> phone);
  // Whether a session read so far holds the ride's acceptance.
  bool covered(const RideFacts& facts) const;
  // Whether the sessions read in the ride's area reach a day past its acceptance: a session that
  // holds it, if any, has been read.
  bool passed(const RideFacts& facts) const;
  // Reports a ride outside its account's sessions or overlapping another of its rides.
  void check_ride(const RowRef& row, const RideFacts& facts);

 private:
  struct Span {
    int64_t from, to;  // [from, to)
    uint64_t account;
    const std::string* file;
    uint64_t row;
  };
  using Spans = std::unordered_map<uint64_t, std::vector<Span>>;  // by driver account
  static constexpr int64_t kNever = INT64_MIN / 4;  // far enough from INT64_MIN to subtract a day
  struct Area {
    Spans sessions, rides, phones;  // phones: by device_id and app
    int64_t latest_online = kNever;  // of the sessions read
    int64_t now = kNever;            // the latest request of the rides checked
    int64_t swept = kNever;
  };
  void sweep(Area& c);

  const CheckContext& ctx_;
  PerArea<Area> areas_;
};

}  // namespace fraudgen::validate
