// `fraudgen stream` without an end date. Simulated time goes by in slabs, a day or a part of a
// day holding at most about a million events: every customer's events of the slab are keyed
// (customer_day_events.h, on every worker) and sorted, then rendered a chunk at a time on the
// workers while the chunk before is sent. Memory holds one slab's keys and a bounded cache of
// rendered customer-days, whatever the population and however long the stream runs.
#pragma once
#include <atomic>
#include <cstdint>

#include "fraudgen/sim/sim_context.h"
#include "fraudgen/stream/event_sink.h"
#include "fraudgen/stream/stream_runner.h"

namespace fraudgen {

StreamOutcome run_unbounded_stream(const SimContext& ctx, uint64_t customers, const StreamOptions& options, EventSink& sink,
                                   const std::atomic<bool>& stop, StreamCounters& counters);

// Keys per slab at most (about 32 bytes each), and the bytes of rendered rows kept for reuse.
inline constexpr uint64_t kSlabKeys = 1'000'000;
inline constexpr uint64_t kRenderCacheBytes = 64ULL << 20;

}  // namespace fraudgen
