// `fraudgen stream` without an end date. Simulated time goes by in slabs, a day or a part of a
// day holding at most about a million events: every customer's events of the slab are keyed
// (customer_day_events.h, on every worker) and sorted, then rendered a chunk at a time on the
// workers while the chunk before is sent. Memory holds one slab's keys and a bounded cache of
// rendered customer-days, whatever the population and however long the stream runs. With rides,
// every dispatch area's rides of a day are made when the stream reaches that day (each area's day
// simulated with the 8 days before it, its rows made a slice at a time) and kept until the last
// of them is sent, three days at most: in memory, their keys and where their lines are; the lines
// in a nameless file in options.spill_dir (scratch_file.h), which vanishes with the process. The
// RideWorld holds each driver's area (an area-day makes its drivers); its riders, and each
// block's 8 days before while its history is counted, wait in such files too.
#pragma once
#include <atomic>
#include <cstdint>

#include "fraudgen/rides/ride_world.h"
#include "fraudgen/sim/sim_context.h"
#include "fraudgen/stream/event_sink.h"
#include "fraudgen/stream/stream_runner.h"

namespace fraudgen {

// `customers` is the population whose banking events are sent, 0 to send none; `rides` the
// world whose rides are sent (ride_events.h), a day of every capital at a time, or null; its
// blocks' days before wait in options.spill_dir when it is set.
StreamOutcome run_unbounded_stream(const SimContext& ctx, uint64_t customers, const RideWorld* rides, const StreamOptions& options,
                                   EventSink& sink, const std::atomic<bool>& stop, StreamCounters& counters);

// Keys per slab at most (about 32 bytes each), and the bytes of rendered rows kept for reuse.
inline constexpr uint64_t kSlabKeys = 1'000'000;
inline constexpr uint64_t kRenderCacheBytes = 64ULL << 20;

}  // namespace fraudgen
