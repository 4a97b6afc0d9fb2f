// What a ride world keeps in --spill-dir, and the check that the folder has room for it before
// anything is simulated: its riders (stored_rider.h); each worker's file of its block's 8 days
// before (ride_blocks.h); and either the capitals' recent days of history events, which a run
// with an end shares among its workers (ride_day_events.h), or the lines of the ride days an
// unbounded stream is sending (unbounded_stream.cpp).
#pragma once
#include <cstdint>
#include <filesystem>

namespace fraudgen {

enum class RideSpillUse {
  Run,              // generate, plan, a stream with an end: the shared days' history events
  UnboundedStream,  // a stream without an end: three days of ride lines
};

// A run's spans kept from its plan (ride_span_store.h): over `days` days at `fraud_rate`; none
// when days is 0.
struct RideSpansKept {
  int64_t days = 0;
  double fraud_rate = 0;
};

// The bytes for a world of `customers` on `workers` workers: the riders; each worker's days
// before, the largest dispatch area's (dispatch_areas.h), taken as 30% of the riders and of the
// drivers, cut at `dispatch_area_drivers`, at 1.25 times the mean requests; and
// for a Run the shared days' events at the mean requests and the spans kept, for an
// UnboundedStream three days of lines at 1.5 times the mean requests (a Friday in December): the
// day before, whose last rides end after midnight, the day being sent, and the next, made while
// it is sent.
double ride_spill_bytes(uint64_t customers, int workers, uint64_t dispatch_area_drivers, RideSpillUse use, RideSpansKept spans = {});

// Throws ScratchRoomError (scratch_file.h) when `dir` has less than a tenth more than that free.
void ensure_ride_spill_room(const std::filesystem::path& dir, uint64_t customers, int workers, uint64_t dispatch_area_drivers, RideSpillUse use,
                            RideSpansKept spans = {});

// A ride's line in a stream, rounded up (its mean is about 1,980 bytes).
inline constexpr double kRideLineBytes = 2048;

}  // namespace fraudgen
