// `fraudgen stream` over a bounded range held in memory a span of days at a time: every
// customer's events of the span are simulated from the span and the kLookbackDays before it
// (customer_window.h), sorted, and sent while the next span is simulated. So the first event
// leaves after one span, and the simulation and the sending (with its SHA-256, which no thread
// can share) run at once instead of one after the other. Between spans the stream keeps, per
// customer, when its first transaction was (its customer and device events follow it), and the
// lines of events due after the span that made them (devices first used later, labels reported
// later). For worlds whose days fit in memory; a larger world spills (stream_runner.h). Both send
// the same bytes.
#pragma once
#include <atomic>
#include <cstdint>

#include "fraudgen/run/plan.h"
#include "fraudgen/sim/sim_context.h"
#include "fraudgen/stream/event_sink.h"
#include "fraudgen/stream/stream_runner.h"

namespace fraudgen {

StreamOutcome run_span_stream(const SimContext& ctx, const Plan& plan, int64_t span_days, const StreamOptions& options,
                              EventSink& sink, const std::atomic<bool>& stop, StreamCounters& counters);

// Days per span for spans of about `span_bytes` of events (from the plan's size model), at
// most the range; 0 when a day's events alone are larger.
int64_t span_days_for(const Plan& plan, int64_t days, uint64_t span_bytes);

}  // namespace fraudgen
